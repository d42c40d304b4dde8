"""Fault: nothing can be saved. On a full disk mid-session the timer desk's save raised out of
the loop (the coach aborted with SIGABRT and the running ice timer went silent); a read-only
episode.db stopped the coach from starting; `--events /dev/full` gave a traceback (issue 20,
item 2). Now the store goes on from memory, the coach says once that it cannot save, and the
timers keep running. Real disks: a small tmpfs in a private mount namespace (`unshare -rm`)
where the machine allows it, else a file-size limit (RLIMIT_FSIZE); a read-only file is a
read-only bind mount when we run as root (root ignores file modes), else chmod 444."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from faults.processes import ROOT, backcoach
from voice.coach.episode import EpisodeStore

SCRIPT = Path(__file__).parent / "scripts" / "full_disk_mid_timer.py"


def namespaces() -> bool:
    try:
        return subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode == 0
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("mode", ["tmpfs", "fsize"])
def test_a_full_disk_mid_timer_is_said_once_and_the_ice_still_ends(
    tmp_path: Path, mode: str
) -> None:
    state = tmp_path / "state"
    state.mkdir()
    command = [sys.executable, str(SCRIPT), str(state), mode]
    if mode == "tmpfs":
        if not namespaces():
            pytest.skip("no user namespaces here: the fsize case covers a full disk")
        mount = f"mount -t tmpfs -o size=256k tmpfs {shlex.quote(str(state))}"
        command = ["unshare", "-rm", "sh", "-c", f"{mount} && exec {shlex.join(command)}"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    said = result["said"]
    assert said.count("Problem.cannot_save") == 1
    after = said[said.index("Problem.cannot_save") :]
    assert "Timers.ice.left" in after and "Timers.ice.done" in after  # the ice kept going
    assert "finished ice" in result["timers"]
    assert said[-2:] == ["NextStep.after_ice", "PainRelief"]  # and the conversation too
    (problem,) = result["problems"]
    assert f"{state}/episode.db: cannot write" in problem and "going on from memory" in problem
    assert done.stderr.strip() == problem  # one warning line


def read_only_run(db: Path, *args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    """`backcoach *args` with `db` read-only to it (see the module's docstring)."""
    if os.geteuid() != 0:
        db.chmod(0o444)
        return backcoach(*args, stdin=stdin)
    if not namespaces():
        pytest.skip("root ignores file modes and no mount namespace is allowed here")
    target = shlex.quote(str(db))
    ro = f"mount --bind {target} {target} && mount -o remount,bind,ro {target}"
    python = shlex.join([sys.executable, "-m", "voice", *args])
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", f"{ro} && exec {python}"],
        input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip


def test_a_read_only_database_starts_from_memory_with_one_warning(tmp_path: Path) -> None:
    state = tmp_path / "state"
    with EpisodeStore(state) as store:
        store.spasm_started(1_800_000_000.0, "neck")
    db = state / "episode.db"
    before = db.read_bytes()
    args = ("--text", "--state-dir", str(state))
    done = read_only_run(db, *args, stdin="my back just locked up\nstart the ice\nslower\n")
    assert done.returncode == 0, done.stderr[-3000:]
    (warning,) = done.stderr.strip().splitlines()
    assert str(db) in warning and "going on from memory" in warning
    said = done.stdout
    assert said.count("I can't save anything on this computer right now") == 1
    assert "ice" in said.lower() and "Traceback" not in done.stderr
    assert db.read_bytes() == before


def test_events_to_a_full_device_is_one_line_and_the_session_goes_on(tmp_path: Path) -> None:
    args = ("--text", "--state-dir", str(tmp_path / "state"), "--events", "/dev/full")
    done = backcoach(*args, stdin="hello\nwhat should i do\n")
    assert done.returncode == 0, done.stderr[-3000:]
    (line,) = done.stderr.strip().splitlines()
    assert "/dev/full: cannot write the event log (No space left on device)" in line
    assert done.stdout.count("coach: ") == 3  # greeting and both answers
