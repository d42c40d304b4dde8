"""Keeping a long-running process's memory flat: glibc's allocator keeps what Python, Vosk and
ONNX Runtime free after each utterance in per-thread arenas and rarely gives it back, so a
coach left running for hours grew by tens of MB an hour (bench/soak.py). Two remedies, both
no-ops where glibc is not the C library:

- `limit_arenas()`, before any thread starts: at most two malloc arenas (glibc's default is
  eight per core), so memory freed by one thread is reused by the next instead of lingering in
  an arena nobody allocates from;
- `HeapTrimmer`: after an utterance is decoded, at most once per `every` seconds, ask glibc to
  return free pages at the top and in the middle of its heaps (`malloc_trim(0)`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from functools import cache

log = logging.getLogger(__name__)

M_ARENA_MAX = -8
"""mallopt's parameter number for the arena limit (glibc's malloc.h)."""
ARENAS = 2


@cache
def _glibc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
        libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    except (OSError, AttributeError, TypeError):  # musl, macOS: nothing to do
        return None
    return libc


def limit_arenas(arenas: int = ARENAS) -> bool:
    """At most `arenas` malloc arenas from now on; True if glibc took it."""
    libc = _glibc()
    return bool(libc is not None and libc.mallopt(M_ARENA_MAX, arenas) == 1)


def trim() -> bool:
    """Give free heap pages back to the system now; True if glibc released any."""
    libc = _glibc()
    return bool(libc is not None and libc.malloc_trim(0))


class HeapTrimmer:
    """Calls `trim()` after an utterance, at most once per `every` seconds of the clock given."""

    def __init__(self, every: float = 30.0) -> None:
        self.every = every
        self._last: float | None = None
        self.trims = 0

    def after_utterance(self, now: float) -> None:
        if self._last is not None and now - self._last < self.every:
            return
        self._last = now
        released = trim()
        self.trims += 1
        log.debug("heap trimmed (released: %s)", released)
