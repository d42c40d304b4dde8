"""Clocks. Everything that needs the time takes a Clock, so tests step time instead of sleeping."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Now:
    """One reading of both clocks: `mono` for deadlines, `wall` (epoch seconds) for what must
    survive a restart or reboot (when the spasm started, the 72-hour heat rule)."""

    mono: float
    wall: float


class Clock(Protocol):
    def now(self) -> Now: ...

    def wait_until(self, mono_deadline: float, wake: threading.Event) -> bool:
        """Block until `mono_deadline` or until `wake` is set; True if woken early."""
        ...


SIGNAL_SLICE_S = 0.25
"""The longest the main thread blocks at once. A signal (Ctrl-C, SIGTERM) that the kernel hands
to another thread (the stdin reader, a speech thread) only marks itself pending: Python runs its
handler in the main thread, and a main thread blocked on a lock never sees it. `make test` hung
so once: SIGINT landed in the reader thread and the coach waited out a five-minute ice timer."""


def wait_for(wake: threading.Event, timeout: float | None = None) -> bool:
    """`wake.wait(timeout)`, in slices on the main thread so pending signal handlers run."""
    if threading.current_thread() is not threading.main_thread():
        return wake.wait(timeout)
    end = None if timeout is None else time.monotonic() + timeout
    while True:
        left = SIGNAL_SLICE_S if end is None else min(SIGNAL_SLICE_S, end - time.monotonic())
        if left <= 0:
            return wake.is_set()
        if wake.wait(left):
            return True


class SystemClock:
    """The real clock: time.monotonic and time.time."""

    def now(self) -> Now:
        return Now(mono=time.monotonic(), wall=time.time())

    def wait_until(self, mono_deadline: float, wake: threading.Event) -> bool:
        timeout = mono_deadline - time.monotonic()
        if timeout <= 0:
            return wake.is_set()
        return wait_for(wake, timeout)


class FakeClock:
    """A clock tests step by hand. `wait_until` never blocks: it jumps to the deadline."""

    def __init__(self, mono: float = 1000.0, wall: float = 1_800_000_000.0) -> None:
        self.mono = mono
        self.wall = wall

    def now(self) -> Now:
        return Now(mono=self.mono, wall=self.wall)

    def advance(self, seconds: float) -> Now:
        self.mono += seconds
        self.wall += seconds
        return self.now()

    def wait_until(self, mono_deadline: float, wake: threading.Event) -> bool:
        if wake.is_set():
            return True
        if mono_deadline > self.mono:
            self.advance(mono_deadline - self.mono)
        return False
