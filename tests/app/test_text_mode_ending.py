"""`backcoach --text` ends cleanly however it is ended, as a real process: on a pipe still held
open (the reader is then waiting for input) and on a real pseudo-terminal, where the countdown
line must not wipe what is being typed."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from voice.app.terminal_input import TerminalLine

ROOT = Path(__file__).resolve().parents[2]
WAIT = 60.0  # the first run fits the statistical layer; later ones load it from the cache


class Running:
    """A text-mode process and everything it has written so far (stdout and stderr merged)."""

    def __init__(self, state: Path, stdin: int, out_fd: int, proc: subprocess.Popen[bytes]):
        self.state, self.stdin, self.out_fd, self.proc = state, stdin, out_fd, proc
        self.output = ""

    def type(self, text: str) -> None:
        os.write(self.stdin, text.encode())

    def read_until(self, done: Callable[[str], bool], timeout: float = WAIT) -> str:
        give_up = time.monotonic() + timeout
        while not done(self.output):
            left = give_up - time.monotonic()
            assert left > 0, f"timed out; output so far: {self.output[-2000:]!r}"
            ready, _, _ = select.select([self.out_fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.out_fd, 65536)
                except OSError:  # a pseudo-terminal whose process has gone
                    chunk = b""
                assert chunk, f"output ended; so far: {self.output[-2000:]!r}"
                self.output += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        return self.output

    def wait_for(self, text: str) -> None:
        start = len(self.output)
        self.read_until(lambda out: text in out[start:] or text in out)

    def finish(self) -> int:
        code = self.proc.wait(timeout=WAIT)
        try:  # the rest of what it wrote
            while select.select([self.out_fd], [], [], 0.2)[0]:
                chunk = os.read(self.out_fd, 65536)
                if not chunk:
                    break
                self.output += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        except OSError:
            pass
        return code


def start_on_pipe(state: Path, sigint_ignored: bool = False) -> Running:
    """`sigint_ignored`: started as a shell without job control starts a background command
    (`make test &`), with SIGINT ignored, which Python keeps."""
    read_out, write_out = os.pipe()
    proc = subprocess.Popen(
        [sys.executable, "-m", "voice", "--text", "--state-dir", str(state)],
        stdin=subprocess.PIPE,
        stdout=write_out,
        stderr=write_out,
        cwd=ROOT,
        preexec_fn=_ignore_sigint if sigint_ignored else None,  # noqa: PLW1509 - no threads use it
    )
    os.close(write_out)
    assert proc.stdin is not None
    return Running(state, proc.stdin.fileno(), read_out, proc)


def start_on_terminal(state: Path, columns: int = 100) -> tuple[Running, int]:
    master, slave = os.openpty()
    termios.tcsetwinsize(slave, (24, columns))
    proc = subprocess.Popen(
        [sys.executable, "-m", "voice", "--text", "--state-dir", str(state)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=ROOT,
        env={**os.environ, "TERM": "xterm", "COLUMNS": str(columns)},
    )
    return Running(state, master, master, proc), slave


def bottom_line(output: str) -> str:
    """What a terminal shows on its last row: after the last newline, what the last
    carriage return + clear-line left."""
    last = output.rsplit("\n", 1)[-1]
    return last.rsplit("\r\033[K", 1)[-1]


def test_goodbye_with_stdin_still_open_exits_cleanly(tmp_path: Path) -> None:
    # Before: the reader thread was blocked in sys.stdin.readline() at shutdown, and the
    # interpreter aborted ("Fatal Python error: _enter_buffered_busy", exit 134).
    for _ in range(3):
        run = start_on_pipe(tmp_path / "state")
        run.wait_for("coach: I'm here")
        run.type("goodbye\n")  # and the pipe stays open
        code = run.finish()
        assert "Fatal Python error" not in run.output
        assert code == 0, run.output
        assert "coach: Take care" in run.output


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def test_sigint_ends_it_even_when_started_with_sigint_ignored(tmp_path: Path) -> None:
    """Started in the background by a shell, SIGINT came in ignored and the coach never ended
    on `kill -INT` (this test's neighbour hung for 60 s in `make test &`)."""
    run = start_on_pipe(tmp_path / "state", sigint_ignored=True)
    run.wait_for("coach: I'm here")
    run.proc.send_signal(signal.SIGINT)
    assert run.finish() == 0, run.output
    assert "Traceback" not in run.output, run.output  # the whole output: it failed under load


def test_sigusr1_prints_where_every_thread_is_and_it_goes_on(tmp_path: Path) -> None:
    """`kill -USR1 PID` on a coach that hangs (a microphone that never comes back, in a live
    test under load) says where each thread is, on stderr, without ending it."""
    run = start_on_pipe(tmp_path / "state")
    run.wait_for("coach: I'm here")
    run.proc.send_signal(signal.SIGUSR1)
    run.wait_for("most recent call first")
    # its own threads, as the dump goes on arriving (it failed when read at its first line)
    run.read_until(lambda out: "terminal_input" in out or "text_mode" in out)
    assert run.proc.poll() is None
    run.type("goodbye\n")
    assert run.finish() == 0, run.output


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_sigterm_and_ctrl_c_end_cleanly_and_keep_the_timer(
    tmp_path: Path, sig: signal.Signals
) -> None:
    run = start_on_pipe(tmp_path / "state")
    run.wait_for("coach: I'm here")
    run.type("start the ice for five minutes\n")
    run.wait_for("five minutes of ice")
    run.proc.send_signal(sig)
    code = run.finish()
    assert code == 0, run.output
    assert "Traceback" not in run.output and "Fatal Python error" not in run.output
    again = start_on_pipe(tmp_path / "state")
    again.type("how much time is left\n")
    assert again.proc.stdin is not None
    again.proc.stdin.close()  # end of input this time
    assert again.finish() == 0, again.output
    assert "left on the ice timer" in again.output  # recovered from the saved state


def test_typing_survives_the_countdown_line_on_a_terminal(tmp_path: Path) -> None:
    run, slave = start_on_terminal(tmp_path / "state")
    before = termios.tcgetattr(slave)
    try:
        run.wait_for("coach: I'm here")
        run.type("start a timer for five minutes\r")
        run.wait_for("coach: Okay, a timer for five minutes")
        run.type("how much ti")
        typed_at = len(run.output)
        # The countdown is redrawn every half second: wait for three redraws after the typing.
        run.read_until(lambda out: out[typed_at:].count("[timer 0") >= 3, timeout=10)
        shown = bottom_line(run.output)
        assert shown.startswith("[timer 0") and shown.endswith("how much ti"), repr(shown)
        run.type("\x7f\x7ftime is left\r")  # backspaces are edited here, not by the terminal
        run.wait_for("left on the timer")
        run.type("goodbye\r")
        code = run.finish()
        assert "Fatal Python error" not in run.output
        assert code == 0, run.output
        assert "\r\033[Khow much time is left\n" in run.output  # the finished line stays
        after = termios.tcgetattr(slave)
        assert after[3] & termios.ECHO and after[3] & termios.ICANON  # restored
        assert after == before
    finally:
        if run.proc.poll() is None:
            run.proc.kill()
        os.close(slave)
        os.close(run.stdin)


def test_ctrl_d_on_an_empty_line_ends_a_terminal_session(tmp_path: Path) -> None:
    run, slave = start_on_terminal(tmp_path / "state")
    try:
        run.wait_for("coach: I'm here")
        run.type("hel\x15\x04")  # Ctrl-U clears the line, then Ctrl-D on it ends the session
        assert run.finish() == 0, run.output
        assert "Sorry" not in run.output  # "hel" was never sent
    finally:
        if run.proc.poll() is None:
            run.proc.kill()
        os.close(slave)
        os.close(run.stdin)


class Screen:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        """Nothing is buffered."""


def test_the_typed_line_edits_like_a_terminal() -> None:
    screen = Screen()
    line = TerminalLine(screen, columns=40)  # type: ignore[arg-type]
    assert line.keys("my neck hurts\x17\x17back\x1b[Dx") == ([], False)  # Ctrl-W, an arrow key
    assert line.typed == "my backx"
    assert line.keys("\x7f locked up\rnext") == (["my back locked up"], False)
    line.show("ice 04:12")
    assert bottom_line(screen.text) == "[ice 04:12] next"
    line.keys("\x15" + "a" * 45)  # longer than the row: the end of what is typed, no countdown
    assert bottom_line(screen.text) == "a" * 39
    line.print_line("coach: Okay.")
    assert screen.text.endswith("\r\033[Kcoach: Okay.\n\r\033[K" + "a" * 39)
    assert line.keys("\x15\x04") == ([], True)
