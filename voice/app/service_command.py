"""`backcoach service install | remove | status`: the coach in the background, ready when a
spasm comes (the files themselves: voice/app/service_files.py).

- install: where `systemctl --user` works, a systemd user unit, enabled (started at login,
  restarted when it fails); else an XDG autostart entry. Prints what it wrote and how to
  start it now.
- remove: both files (the service stopped and disabled first).
- status: whether a coach is running (systemd's word for the unit, and the state folder's lock:
  voice.coach.state_lock), its microphone and model, and the last thing it heard (the status
  file live mode writes: voice/app/status_file.py). Exit code 0 when running, 3 when not (as
  `systemctl status`).
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from voice.app.service_files import (
    UNIT_NAME,
    Places,
    coach_command,
    command_in,
    option_in,
    places,
    render_desktop,
    render_unit,
)
from voice.app.settings import Settings, default_state_dir
from voice.app.status_file import read_status
from voice.coach.state_lock import holder
from voice.errors import BackcoachError
from voice.hearing.models import check_model, resolve_model_path

NOT_RUNNING = 3

Runner = Callable[[list[str]], subprocess.CompletedProcess[str]]


def run_command(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=20, check=False)


@dataclass
class Systemd:
    """`systemctl --user`, if there is a user session to talk to."""

    run: Runner = run_command

    def available(self) -> bool:
        if shutil.which("systemctl") is None:
            return False
        try:
            return self.run(["systemctl", "--user", "show-environment"]).returncode == 0
        except (OSError, subprocess.SubprocessError):
            return False

    def user(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.run(["systemctl", "--user", *args])


def run_service(
    action: str,
    settings: Settings,
    out: TextIO = sys.stdout,
    where: Places | None = None,
    systemd: Systemd | None = None,
) -> int:
    where = where or places()
    systemd = systemd or Systemd()
    if action == "install":
        return install(settings, out, where, systemd)
    if action == "remove":
        return remove(out, where, systemd)
    return status(settings, out, where, systemd)


def background_command(settings: Settings) -> list[str]:
    """The checked command to run: the model must be there now (ModelError if not)."""
    model = None
    if settings.recognizer != "moonshine":
        model = check_model(resolve_model_path(settings.model_path, Settings.env_model()))
    state_dir = settings.state_dir
    return coach_command(
        model, state_dir, settings.input_device, settings.recognizer, settings.moonshine_model
    )


def install(settings: Settings, out: TextIO, where: Places, systemd: Systemd) -> int:
    command = background_command(settings)
    shown = shlex.join(command)
    if systemd.available():
        _write(where.unit, render_unit(command))
        print(f"Wrote {where.unit} (a systemd user service: started at login, restarted "
              "if it fails).", file=out)  # fmt: skip
        if where.autostart.exists():  # an older autostart entry would start a second coach
            where.autostart.unlink()
            print(f"Removed {where.autostart} (the service replaces it).", file=out)
        for step in (["daemon-reload"], ["enable", UNIT_NAME]):
            done = systemd.user(*step)
            if done.returncode != 0:
                why = (done.stderr or done.stdout).strip().splitlines()
                raise BackcoachError(
                    f"systemctl --user {' '.join(step)} failed: {why[-1] if why else '?'}"
                )
        print(f"It runs: {shown}", file=out)
        print("Start it now with: systemctl --user start backcoach", file=out)
        print("Its log: journalctl --user -u backcoach", file=out)
        return 0
    _write(where.autostart, render_desktop(command))
    print(f"Wrote {where.autostart} (an autostart entry: your desktop starts it at login; "
          "no systemd user session was found).", file=out)  # fmt: skip
    print(f"It runs: {shown}", file=out)
    print(f"Start it now with: setsid -f {shown} >/dev/null 2>&1", file=out)
    return 0


def remove(out: TextIO, where: Places, systemd: Systemd) -> int:
    removed = False
    if where.unit.exists():
        if systemd.available():
            systemd.user("disable", "--now", UNIT_NAME)  # stopped too; no unit is no error
        where.unit.unlink()
        if systemd.available():
            systemd.user("daemon-reload")
        print(f"Removed {where.unit} (the service is stopped and no longer started).", file=out)
        removed = True
    if where.autostart.exists():
        where.autostart.unlink()
        print(f"Removed {where.autostart}.", file=out)
        removed = True
    if not removed:
        print("Nothing to remove: no backcoach service or autostart entry is installed.", file=out)
    return 0


def status(settings: Settings, out: TextIO, where: Places, systemd: Systemd) -> int:
    """About the coach on `--state-dir` if one is given, else the installed one's."""
    state_dir = settings.state_dir
    installed = [path for path in (where.unit, where.autostart) if path.exists()]
    for path in installed:
        command = command_in(path.read_text(encoding="utf-8")) or []
        given = option_in(command, "--state-dir")
        if given and state_dir == default_state_dir():
            state_dir = Path(given)
    if not installed:
        print("Installed: no (backcoach service install)", file=out)
    for path in installed:
        kind = "systemd user service" if path == where.unit else "autostart entry"
        print(f"Installed: {kind}, {path}", file=out)
    if where.unit in installed and systemd.available():
        state = systemd.user("is-active", UNIT_NAME).stdout.strip() or "unknown"
        print(f"Service: {state}", file=out)
    pid = holder(state_dir)
    print(f"Running: {'yes, process ' + pid if pid else 'no'}", file=out)
    report = read_status(state_dir)
    if report is None:
        print(f"Nothing known yet from a coach with {state_dir}.", file=out)
        return 0 if pid else NOT_RUNNING
    stale = "" if pid and str(report.get("pid")) == pid else " (when it last ran)"
    mic, mic_state = report.get("microphone"), report.get("microphone_state")
    print(f"Microphone{stale}: {mic or 'none yet'} ({mic_state})", file=out)
    print(f"Model{stale}: {report.get('model')}", file=out)
    heard = report.get("last_heard")
    if isinstance(heard, dict):
        print(f'Last heard{stale}: "{heard.get("text")}" at {heard.get("at")}', file=out)
    else:
        print(f"Last heard{stale}: nothing yet", file=out)
    return 0 if pid else NOT_RUNNING


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as err:
        raise BackcoachError(f"{path}: cannot write it ({err.strerror})") from err
