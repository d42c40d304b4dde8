"""A signal the kernel hands to another thread still reaches the main thread's wait. CPython runs
handlers only in the main thread, and a main thread blocked on a lock never noticed one marked
pending by the stdin reader: `make test` hung when Ctrl-C landed there (the coach then waited
out a five-minute ice timer)."""

from __future__ import annotations

import signal
import threading
import time
from types import FrameType

import pytest

from voice.clock import SystemClock, wait_for


class Ended(Exception):
    pass


def _raise(signum: int, frame: FrameType | None) -> None:
    raise Ended(signal.Signals(signum).name)


@pytest.fixture
def signal_to_another_thread() -> object:
    """A thread that blocks, and after 0.3 s is sent SIGUSR1 itself (pthread_kill): the main
    thread's blocking call never sees EINTR."""
    previous = signal.signal(signal.SIGUSR1, _raise)
    parked = threading.Event()
    other = threading.Thread(target=parked.wait, args=(30,), daemon=True)
    other.start()
    assert other.ident is not None
    kick = threading.Timer(0.3, signal.pthread_kill, args=(other.ident, signal.SIGUSR1))
    kick.start()
    yield
    kick.cancel()
    parked.set()
    signal.signal(signal.SIGUSR1, previous)


@pytest.mark.usefixtures("signal_to_another_thread")
def test_a_long_deadline_wait_ends_on_a_signal_caught_elsewhere() -> None:
    started = time.monotonic()
    with pytest.raises(Ended):
        SystemClock().wait_until(time.monotonic() + 20.0, threading.Event())
    assert time.monotonic() - started < 10.0  # before: the full 20 s, then no exception


@pytest.mark.usefixtures("signal_to_another_thread")
def test_a_wait_with_no_deadline_ends_on_a_signal_caught_elsewhere() -> None:
    never = threading.Event()
    unblock = threading.Timer(20.0, never.set)  # before the fix: woken only by this
    unblock.start()
    started = time.monotonic()
    try:
        with pytest.raises(Ended):
            wait_for(never)
    finally:
        unblock.cancel()
    assert time.monotonic() - started < 10.0  # before: raised only once the 20 s timer woke it


def test_the_wait_still_returns_whether_it_was_woken() -> None:
    wake = threading.Event()
    assert SystemClock().wait_until(time.monotonic() + 0.6, wake) is False
    threading.Timer(0.3, wake.set).start()
    assert wait_for(wake, 5.0) is True
