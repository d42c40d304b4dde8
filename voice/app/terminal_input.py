"""Typed input for `backcoach --text`, read so that nothing can block the end of a session.

Standard input is read from its file descriptor (`select` then `os.read`), never through a
`sys.stdin.readline()` left blocked in a thread: such a thread holds the lock of Python's stdin
buffer, and an interpreter ending while it waits aborts with "Fatal Python error:
_enter_buffered_busy" (exit 134). The reader here looks at its stop flag every POLL seconds.

On a terminal, `TerminalLine` owns the bottom line: the countdown of the running timers and,
after it, the words being typed. The terminal's own echo and line editing are turned off while
the coach runs (`typing_mode`, restored at the end), so the countdown can be redrawn every half
second with the half-typed words still after it.
"""

from __future__ import annotations

import codecs
import os
import select
import shutil
import termios
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

POLL = 0.1
"""Seconds between looks at the stop flag while nothing is typed."""

ENTER, BACKSPACES, KILL_LINE, KILL_WORD, END = "\r\n", "\x7f\x08", "\x15", "\x17", "\x04"


def fd_text(fd: int, stop: threading.Event, poll: float = POLL) -> Iterator[str]:
    """What arrives on `fd`, decoded as UTF-8 (bad bytes become U+FFFD), chunk by chunk, until
    end of input or `stop` is set. Never blocks longer than `poll` seconds."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    while not stop.is_set():
        ready, _, _ = select.select([fd], [], [], poll)
        if not ready:
            continue
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        text = decoder.decode(chunk)
        if text:
            yield text
    tail = decoder.decode(b"", final=True)
    if tail:
        yield tail


def fd_lines(fd: int, stop: threading.Event, poll: float = POLL) -> Iterator[str]:
    """Lines (each ending in a newline but perhaps the last) from `fd_text`."""
    pending = ""
    for text in fd_text(fd, stop, poll):
        pending += text
        *lines, pending = pending.split("\n")
        for line in lines:
            yield line + "\n"
    if pending and not stop.is_set():
        yield pending


class TerminalLine:
    """The bottom line of a terminal: `[countdown] typed words`. Everything text mode writes
    to the terminal goes through here, under one lock (the reader thread echoes keys, the
    session loop prints replies and redraws the countdown)."""

    def __init__(self, out: IO[str], columns: int | None = None) -> None:
        self._out = out
        self._columns = columns
        self._lock = threading.Lock()
        self._status = ""
        self._typed = ""
        self._escape = ""  # an escape sequence being skipped (arrow keys and the like)

    @property
    def typed(self) -> str:
        return self._typed

    def show(self, status: str) -> None:
        """Set the countdown (empty: none) and redraw the line if it changed."""
        with self._lock:
            if status != self._status:
                self._status = status
                self._draw()

    def print_line(self, text: str) -> None:
        """Print `text` above the bottom line, which is then drawn again below it."""
        with self._lock:
            self._out.write("\r\033[K" + text + "\n")
            self._draw()

    def finish(self) -> None:
        """Clear the bottom line for whatever the terminal shows next."""
        with self._lock:
            self._out.write("\r\033[K")
            self._out.flush()

    def keys(self, text: str) -> tuple[list[str], bool]:
        """Edit the typed line with these keys: returns the lines finished with Enter, and
        whether Ctrl-D was pressed on an empty line (end of input)."""
        done: list[str] = []
        with self._lock:
            for char in text:
                if self._escape or char == "\033":
                    self._skip_escape(char)
                elif char in ENTER:
                    if self._typed:
                        self._out.write("\r\033[K" + self._typed + "\n")
                        done.append(self._typed)
                        self._typed = ""
                elif char in BACKSPACES:
                    self._typed = self._typed[:-1]
                elif char == KILL_LINE:
                    self._typed = ""
                elif char == KILL_WORD:
                    stripped = self._typed.rstrip()
                    self._typed = stripped[: stripped.rfind(" ") + 1]
                elif char == END:
                    if not self._typed:
                        self._draw()
                        return done, True
                elif char >= " ":
                    self._typed += char
            self._draw()
        return done, False

    def _skip_escape(self, char: str) -> None:
        self._escape += char
        if len(self._escape) == 2 and char not in "[O":
            self._escape = ""  # ESC + one key (Alt-x)
        elif len(self._escape) > 2 and "@" <= char <= "~":
            self._escape = ""  # the final byte of a CSI or SS3 sequence

    def _draw(self) -> None:
        room = (self._columns or shutil.get_terminal_size().columns) - 1
        line = f"[{self._status}] {self._typed}" if self._status else self._typed
        if len(line) > room:  # one row only, or "\r" could not go back over it
            line = self._typed[-room:] if room > 0 else ""
        self._out.write("\r\033[K" + line)
        self._out.flush()


def terminal_lines(fd: int, stop: threading.Event, line: TerminalLine) -> Iterator[str]:
    """Lines typed on the terminal `fd`, edited on `line`, until Ctrl-D or `stop`."""
    for text in fd_text(fd, stop):
        finished, end = line.keys(text)
        yield from (f"{typed}\n" for typed in finished)
        if end:
            return


@contextmanager
def typing_mode(fd: int) -> Iterator[None]:
    """The terminal without its own echo and line editing (TerminalLine does both); Ctrl-C
    still interrupts. The settings are restored however the block ends."""
    saved = termios.tcgetattr(fd)
    changed = termios.tcgetattr(fd)
    changed[3] &= ~(termios.ICANON | termios.ECHO)
    changed[6][termios.VMIN], changed[6][termios.VTIME] = 1, 0
    termios.tcsetattr(fd, termios.TCSADRAIN, changed)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
