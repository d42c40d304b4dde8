"""Reading back the background coach's files (voice/app/service_files.py) as their readers do,
and a stand-in for `systemctl --user` (tests must never enable a unit in the machine's own
systemd, and this machine has no systemd user session). Used by tests/app/test_service_command.py
and tests/integration/test_service.py."""

from __future__ import annotations

import configparser
import subprocess


def read_ini(text: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(text)
    return parser


def desktop_exec_args(value: str) -> list[str]:
    """The Exec key read as the Desktop Entry Specification says a launcher reads it: the
    string escapes first (\\\\ is one backslash), then arguments split on spaces with double
    quotes around reserved characters and \\", \\`, \\$, \\\\ escaped inside, then %% is %."""
    value = value.replace("\\\\", "\\")
    args, current, quoted, i, started = [], "", False, 0, False
    while i < len(value):
        c = value[i]
        if quoted and c == "\\" and i + 1 < len(value) and value[i + 1] in '"`$\\':
            current, i = current + value[i + 1], i + 2
            continue
        if c == '"':
            quoted, started = not quoted, True
        elif c == " " and not quoted:
            if started:
                args.append(current)
            current, started = "", False
        else:
            current, started = current + c, True
        i += 1
    if started:
        args.append(current)
    return [arg.replace("%%", "%") for arg in args]


class FakeSystemctl:
    """Answers `systemctl --user ...` as a working user session would, and records the calls."""

    def __init__(self, available: bool) -> None:
        self.available = available
        self.calls: list[list[str]] = []

    def __call__(self, args: list[str]) -> subprocess.CompletedProcess[str]:
        self.calls.append(args[2:])
        code = 0 if self.available else 1
        out = "active\n" if args[2:3] == ["is-active"] else ""
        return subprocess.CompletedProcess(args, code, out, "" if code == 0 else "no bus")
