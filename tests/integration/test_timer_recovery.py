"""Crash recovery with real processes: `backcoach --text` starts an ice timer, is killed with
SIGKILL, and a new process on the same state folder says what is still running."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def backcoach(state: Path, stdin: int | None = subprocess.PIPE) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "voice", "--text", "--state-dir", str(state)],
        cwd=ROOT,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def read_until(proc: subprocess.Popen[str], pattern: str, limit: float = 60.0) -> list[str]:
    """Lines of stdout up to the first that matches (the process keeps running)."""
    assert proc.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if re.search(pattern, line):
            return lines
    proc.kill()
    pytest.fail(f"no line matching {pattern!r}; got {lines}; stderr: {proc.stderr.read()}")  # type: ignore[union-attr]


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_ice_timer_survives_kill_9(tmp_path: Path) -> None:
    state = tmp_path / "state"
    first = backcoach(state)
    assert first.stdin is not None
    first.stdin.write("start ice for four minutes\n")
    first.stdin.flush()
    said = read_until(first, r"of ice\.")
    assert any("four minutes of ice" in line for line in said), said
    first.send_signal(signal.SIGKILL)
    assert first.wait(10) == -signal.SIGKILL

    second = backcoach(state, stdin=subprocess.DEVNULL)  # end of input: greet, recover, stop
    out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    assert re.search(r"Your ice timer has (about )?four minutes left\.", out), out

    # It is still saved after a clean exit, and a status question is answered from it.
    third = backcoach(state)
    out, err = third.communicate("how long is left on the ice\n", timeout=60)
    assert third.returncode == 0, err
    assert re.search(r"(about )?four minutes left on the ice timer\.", out, re.IGNORECASE), out
