"""voice.app.heap with this machine's real glibc: freed memory goes back to the system."""

from __future__ import annotations

import ctypes
import ctypes.util
from pathlib import Path

import pytest

from voice.app.heap import HeapTrimmer, limit_arenas, trim

LIBC = ctypes.CDLL(ctypes.util.find_library("c"))
LIBC.malloc.restype = ctypes.c_void_p
LIBC.malloc.argtypes = [ctypes.c_size_t]
LIBC.free.argtypes = [ctypes.c_void_p]


def resident_mb() -> float:
    fields = Path("/proc/self/statm").read_text().split()
    return int(fields[1]) * 4096 / 2**20


def test_a_trim_gives_freed_heap_memory_back() -> None:
    """100 MB of small blocks freed, but the last one kept so the heap's top stays in use: the
    allocator keeps the pages (that is how the soak grew) until trimmed."""
    blocks = [LIBC.malloc(4000) for _ in range(25_000)]
    for address in blocks:
        ctypes.memset(address, 1, 4000)  # touch them: resident
    for address in blocks[:-1]:
        LIBC.free(address)
    before = resident_mb()
    assert trim()
    after = resident_mb()
    LIBC.free(blocks[-1])
    assert before - after > 50, (before, after)


def test_the_arena_limit_is_taken() -> None:
    assert limit_arenas()


@pytest.mark.parametrize(("times", "trims"), [((0, 10, 29.9, 30, 31, 75), 3), ((0,), 1)])
def test_trims_at_most_once_per_interval(times: tuple[float, ...], trims: int) -> None:
    trimmer = HeapTrimmer(every=30.0)
    for now in times:
        trimmer.after_utterance(now)
    assert trimmer.trims == trims
