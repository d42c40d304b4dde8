"""The files that keep the coach running in the background, as text (pure; written by
voice/app/service_command.py):
- a systemd user unit, `$XDG_CONFIG_HOME/systemd/user/backcoach.service`: restarted when it
  fails, started at login (`WantedBy=default.target`);
- an XDG autostart entry, `$XDG_CONFIG_HOME/autostart/backcoach.desktop`, where there is no
  systemd user session: the desktop starts it at login.
Both run the same command: this backcoach, by absolute path, with the model found at install
time and the state folder, so what runs in the background is what was checked then.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

UNIT_NAME = "backcoach.service"
DESKTOP_NAME = "backcoach.desktop"
DESCRIPTION = "backcoach, the hands-free back spasm coach, listening in the background"


@dataclass(frozen=True)
class Places:
    config_home: Path

    @property
    def unit(self) -> Path:
        return self.config_home / "systemd" / "user" / UNIT_NAME

    @property
    def autostart(self) -> Path:
        return self.config_home / "autostart" / DESKTOP_NAME


def places(env: Mapping[str, str] | None = None) -> Places:
    """`$XDG_CONFIG_HOME` when it is set to an absolute path (the XDG rule), else ~/.config."""
    env = os.environ if env is None else env
    given = env.get("XDG_CONFIG_HOME", "")
    if given and Path(given).is_absolute():
        return Places(Path(given))
    return Places(Path(env.get("HOME") or Path.home()) / ".config")


def backcoach_program() -> list[str]:
    """This backcoach, by absolute path: the `backcoach` script beside this Python (a venv's
    bin/), else this Python running the package. The Python path is not resolved: a venv's
    python is a link, and resolving it would leave the venv."""
    python = Path(sys.executable).absolute()
    script = python.with_name("backcoach")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [str(python), "-m", "voice"]


def coach_command(
    model: Path | None,
    state_dir: Path,
    device: str | int | None,
    recognizer: str,
    moonshine_model: str = "tiny",
) -> list[str]:
    """The command the background coach runs, every path absolute."""
    command = backcoach_program()
    if model is not None:
        command += ["--model", str(model.absolute())]
    command += ["--state-dir", str(state_dir.absolute())]
    if device is not None:
        command += ["--device", str(device)]
    if recognizer != "vosk":
        command += ["--recognizer", recognizer]
    if moonshine_model != "tiny":
        command += ["--moonshine-model", moonshine_model]
    return command


def render_unit(command: list[str]) -> str:
    program, *args = command
    exec_start = " ".join([systemd_quote(program, program=True)] + [systemd_quote(a) for a in args])
    return f"""\
# Written by `backcoach service install`; `backcoach service remove` takes it away.
[Unit]
Description={DESCRIPTION}
After=pipewire-pulse.service pulseaudio.service

[Service]
Type=simple
ExecStart={exec_start}
Restart=on-failure
RestartSec=5

[Install]
WantedBy=default.target
"""


def render_desktop(command: list[str]) -> str:
    exec_line = " ".join(desktop_quote(arg) for arg in command)
    return f"""\
[Desktop Entry]
Type=Application
Name=backcoach
Comment={DESCRIPTION}
Exec={exec_line}
Terminal=false
NoDisplay=true
X-GNOME-Autostart-enabled=true
"""


SAFE = re.compile(r"[A-Za-z0-9_@+=:,./-]+")


def systemd_quote(arg: str, program: bool = False) -> str:
    """One ExecStart argument: `%` doubled (specifiers), `$` doubled (variables, expanded in
    the arguments only, not in the program's path), and double quotes with backslash escapes
    around anything else than plain characters."""
    if SAFE.fullmatch(arg):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    return '"' + (escaped if program else escaped.replace("$", "$$")) + '"'


def desktop_quote(arg: str) -> str:
    """One Exec argument (Desktop Entry Specification, "The Exec key"): reserved characters
    inside double quotes with `"`, `` ` ``, `$` and `\\` escaped, then the string rule
    (a backslash is written twice) and `%` doubled (field codes)."""
    if SAFE.fullmatch(arg):
        return arg
    quoted = '"' + re.sub(r'(["`$\\])', r"\\\1", arg) + '"'
    return quoted.replace("\\", "\\\\").replace("%", "%%")


def command_in(text: str) -> list[str] | None:
    """The command an installed unit (ExecStart=) or entry (Exec=) runs, read back for
    `status` (its --state-dir); None if there is none."""
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key.strip() in ("ExecStart", "Exec"):
            unescaped = value.replace("%%", "%").replace("$$", "$")
            if key.strip() == "Exec":
                unescaped = unescaped.replace("\\\\", "\\")
            try:
                return shlex.split(unescaped)
            except ValueError:
                return None
    return None


def option_in(command: list[str], option: str) -> str | None:
    for name, value in zip(command, command[1:], strict=False):
        if name == option:
            return value
    return None
