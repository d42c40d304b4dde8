"""`backcoach service install | remove | status`: the systemd user unit and the XDG autostart
entry, rendered and checked (the program exists and runs, every path is absolute, systemd
itself reads the unit), and what install, remove and status do with them.

`systemctl --user` is a stand-in here: these tests must never enable a unit in the machine's
own systemd (and this machine has no systemd user session). Running the exact command the
files start, with a real microphone: tests/integration/test_service.py."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from service_helpers import FakeSystemctl, desktop_exec_args, read_ini

from voice.app.service_command import NOT_RUNNING, Systemd, background_command, run_service
from voice.app.service_files import (
    Places,
    command_in,
    places,
    render_desktop,
    render_unit,
)
from voice.app.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def settings(vosk_model_path: Path, tmp_path: Path) -> Settings:
    return Settings(state_dir=tmp_path / "state", model_path=vosk_model_path)


def test_the_unit_restarts_on_failure_starts_at_login_and_runs_this_backcoach(
    settings: Settings,
) -> None:
    command = background_command(settings)
    unit = read_ini(render_unit(command))
    assert unit["Service"]["Restart"] == "on-failure"
    assert unit["Install"]["WantedBy"] == "default.target"
    args = command_in(render_unit(command))
    assert args == command
    program = Path(command[0])
    assert program.is_absolute() and os.access(program, os.X_OK)
    assert command[1:] == [
        "--model", str(settings.model_path), "--state-dir", str(settings.state_dir),
    ]  # fmt: skip
    assert all(Path(command[i + 1]).is_absolute() for i in (1, 3))
    version = subprocess.run([*command[:-4], "--help"], capture_output=True, text=True)
    assert version.returncode == 0 and "backcoach" in version.stdout  # the program runs


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd is not installed")
def test_systemd_reads_the_unit_and_finds_the_program(settings: Settings, tmp_path: Path) -> None:
    """`systemd-analyze verify` parses the unit as systemd will, and fails when ExecStart's
    program does not exist: also for a path with a space, a % and a $ (the quoting)."""
    odd = tmp_path / "my tools 100% $HOME"
    odd.mkdir()
    program = odd / "backcoach"
    program.symlink_to(background_command(settings)[0])
    command = [str(program), *background_command(settings)[1:]]
    unit = tmp_path / "backcoach.service"
    unit.write_text(render_unit(command))
    done = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    program.unlink()
    missing = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True
    )
    assert missing.returncode != 0 and f"Command {program} is not executable" in missing.stderr


def test_the_autostart_entry_runs_the_same_command(settings: Settings, tmp_path: Path) -> None:
    command = background_command(settings)
    odd = [*command, "--device", 'USB "Yeti" 50% $x\\y']  # every character the spec reserves
    entry = read_ini(render_desktop(odd))["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    assert desktop_exec_args(entry["Exec"]) == odd
    assert command_in(render_desktop(command)) == command


def test_xdg_config_home_is_honoured() -> None:
    assert places({"XDG_CONFIG_HOME": "/x/conf", "HOME": "/home/u"}) == Places(Path("/x/conf"))
    assert places({"XDG_CONFIG_HOME": "relative", "HOME": "/home/u"}).config_home == Path(
        "/home/u/.config"
    )
    assert places({"HOME": "/home/u"}).unit == Path(
        "/home/u/.config/systemd/user/backcoach.service"
    )
    assert places({"HOME": "/home/u"}).autostart == Path(
        "/home/u/.config/autostart/backcoach.desktop"
    )


def test_install_where_systemd_runs_writes_and_enables_the_unit(
    settings: Settings, tmp_path: Path
) -> None:
    where = Places(tmp_path / "config")
    where.autostart.parent.mkdir(parents=True)
    where.autostart.write_text("[Desktop Entry]\n")  # an older install, without systemd
    systemctl = FakeSystemctl(available=True)
    out = io.StringIO()
    assert run_service("install", settings, out, where, Systemd(systemctl)) == 0
    assert command_in(where.unit.read_text()) == background_command(settings)
    assert not where.autostart.exists()  # one coach at login, not two
    assert ["daemon-reload"] in systemctl.calls and [
        "enable",
        "backcoach.service",
    ] in systemctl.calls
    assert ["start", "backcoach.service"] not in systemctl.calls  # started by the user, or at login
    text = out.getvalue()
    assert f"Wrote {where.unit}" in text and "systemctl --user start backcoach" in text
    out = io.StringIO()
    assert run_service("remove", settings, out, where, Systemd(systemctl)) == 0
    assert not where.unit.exists() and ["disable", "--now", "backcoach.service"] in systemctl.calls
    assert (
        out.getvalue() == f"Removed {where.unit} (the service is stopped and no longer started).\n"
    )


def test_install_without_systemd_writes_an_autostart_entry(
    settings: Settings, tmp_path: Path
) -> None:
    where = Places(tmp_path / "config")
    systemctl = FakeSystemctl(available=False)
    out = io.StringIO()
    assert run_service("install", settings, out, where, Systemd(systemctl)) == 0
    assert not where.unit.exists()
    args = desktop_exec_args(read_ini(where.autostart.read_text())["Desktop Entry"]["Exec"])
    assert args == background_command(settings)
    assert f"Wrote {where.autostart}" in out.getvalue()
    assert "Start it now with: setsid -f " in out.getvalue()
    assert systemctl.calls == [["show-environment"]]  # asked whether it runs, nothing else
    out = io.StringIO()
    assert run_service("remove", settings, out, where, Systemd(systemctl)) == 0
    assert out.getvalue() == f"Removed {where.autostart}.\n" and not where.autostart.exists()
    out = io.StringIO()
    assert run_service("remove", settings, out, where, Systemd(systemctl)) == 0
    assert out.getvalue().startswith("Nothing to remove")


def test_install_without_a_model_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": str(tmp_path / "c")}
    env.pop("BACKCOACH_MODEL", None)
    done = subprocess.run(
        [sys.executable, "-m", "voice", "service", "install", "--model", str(tmp_path / "no")],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 2
    assert re.fullmatch(r"backcoach: [^\n]*\n", done.stderr) and str(tmp_path / "no") in done.stderr
    assert not (tmp_path / "c").exists()


def test_status_of_nothing_installed_and_not_running(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": str(tmp_path / "c")}
    done = subprocess.run(
        [sys.executable, "-m", "voice", "service", "status", "--state-dir", str(tmp_path / "s")],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == NOT_RUNNING, done.stderr
    assert done.stdout.splitlines() == [
        "Installed: no (backcoach service install)",
        "Running: no",
        f"Nothing known yet from a coach with {tmp_path / 's'}.",
    ]


def test_the_background_coach_keeps_the_chosen_moonshine(settings: Settings) -> None:
    chosen = replace(settings, recognizer="moonshine", moonshine_model="base")
    command = background_command(chosen)
    assert command[-4:] == ["--recognizer", "moonshine", "--moonshine-model", "base"]
    assert "--moonshine-model" not in background_command(settings)  # tiny: the default
