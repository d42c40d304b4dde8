"""Fault: two coaches on one state folder (a background service and a copy started by hand).
There was no lock: both ran, the last writer's timers won and both exited 0 (issue 20, item 3).
Now the second stops at once with one line naming the folder and the first one's process, and
the first one's timers are untouched. Two real `backcoach --text` processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from faults.processes import ROOT, backcoach, one_line_error
from voice.coach.episode import EpisodeStore


def test_a_second_coach_on_the_same_folder_is_refused_in_one_line(tmp_path: Path) -> None:
    state = tmp_path / "state"
    first = subprocess.Popen(
        [sys.executable, "-m", "voice", "--text", "--state-dir", str(state)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    assert first.stdin is not None and first.stdout is not None
    try:
        first.stdin.write("start the ice\n")
        first.stdin.flush()
        assert first.stdout.readline().startswith("coach: ")  # the greeting: it holds the folder
        second = backcoach("--text", "--state-dir", str(state), stdin="cancel the ice\n")
        line = one_line_error(second)
        assert str(state) in line and "another backcoach is already running" in line
        assert f"process {first.pid}" in line
        assert second.stdout == ""  # it said nothing and changed nothing
        out, err = first.communicate("what now\n", timeout=60)
    finally:
        first.kill() if first.poll() is None else None
    assert first.returncode == 0, err
    with EpisodeStore(state) as store:  # the first has gone: the folder is free again
        assert [row["name"] for row in store.load_timers()] == ["ice"]


def test_a_coach_killed_with_sigkill_leaves_no_stale_lock(tmp_path: Path) -> None:
    state = tmp_path / "state"
    first = subprocess.Popen(
        [sys.executable, "-m", "voice", "--text", "--state-dir", str(state)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    assert first.stdout is not None
    assert first.stdout.readline().startswith("coach: ")
    first.kill()
    first.wait()
    done = backcoach("--text", "--state-dir", str(state), stdin="hello\n")
    assert done.returncode == 0 and done.stderr == "", done.stderr
