"""A cheap structural read of the model files Vosk loads, so a truncated or damaged file is refused
in one line before Kaldi can crash on it (a truncated graph/HCLr.fst made Vosk segfault, rc 139).

Each OpenFst file's header is read and its body's length computed from the counts in it (a const
FST, the olabel_lookahead graph with its reachability tables, the ngram grammar); the length must
match the file's size exactly. The acoustic model (am/final.mdl) must start as a Kaldi binary
model and end with its priors. Reads only lengths and counts: ~0.2 s for the small model.
`file_problem(path)` returns what is wrong in a few words, or None.
"""

from __future__ import annotations

import mmap
import struct
from pathlib import Path

FST_MAGIC = 2125659606
SYMBOLS_MAGIC = 2125658996
ADDON_MAGIC = 446681434
HAS_ISYMBOLS, HAS_OSYMBOLS, IS_ALIGNED = 1, 2, 4
ALIGNMENT = 16
CONST_STATE, CONST_ARC = 20, 16  # float final + 4 uint32; ilabel, olabel, weight, nextstate
MDL_START = b"\x00B<TransitionModel>"
PRIORS = b"<Priors> FV "
MDL_TAIL = 1 << 20


class Damaged(Exception):
    """The file ends early or holds something other than what its header says."""


class _Reader:
    def __init__(self, data: bytes | mmap.mmap) -> None:
        self.data, self.pos = data, 0

    def take(self, fmt: str) -> tuple[int, ...]:
        size = struct.calcsize(fmt)
        if self.pos + size > len(self.data):
            raise Damaged(f"ends at byte {len(self.data):,}, inside its data")
        values = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += size
        return values

    def one(self, fmt: str) -> int:
        return self.take(fmt)[0]

    def skip(self, size: int) -> None:
        if size < 0 or self.pos + size > len(self.data):
            raise Damaged(f"ends at byte {len(self.data):,}, {self.pos + size:,} expected")
        self.pos += size

    def text(self) -> str:
        size = self.one("<i")
        if not 0 <= size <= 4096:
            raise Damaged(f"a name of {size} bytes at byte {self.pos - 4:,}")
        self.skip(size)
        return bytes(self.data[self.pos - size : self.pos]).decode("ascii", "replace")

    def align(self) -> None:
        self.skip(-self.pos % ALIGNMENT)


def _header(r: _Reader) -> tuple[str, int, int, int]:
    """(fst type, flags, states, arcs) after reading the header and its symbol tables."""
    if r.one("<i") != FST_MAGIC:
        raise Damaged("not an OpenFst file (wrong magic number)")
    kind, _arc = r.text(), r.text()
    _version, flags, _props, _start, states, arcs = r.take("<iiQqqq")
    if states < 0 or arcs < 0:
        raise Damaged(f"negative counts in its header ({states} states, {arcs} arcs)")
    for bit in (HAS_ISYMBOLS, HAS_OSYMBOLS):
        if flags & bit:
            _symbols(r)
    if flags & IS_ALIGNED:
        r.align()
    return kind, flags, states, arcs


def _symbols(r: _Reader) -> None:
    if r.one("<i") != SYMBOLS_MAGIC:
        raise Damaged(f"a damaged symbol table at byte {r.pos - 4:,}")
    r.text()
    _available, count = r.take("<qq")
    for _ in range(count):
        r.skip(max(0, r.one("<i")) + 8)


def _const(r: _Reader) -> None:
    _kind, flags, states, arcs = _header(r)
    r.skip(states * CONST_STATE)
    if flags & IS_ALIGNED:
        r.align()
    r.skip(arcs * CONST_ARC)


def _lookahead(r: _Reader) -> None:
    """An AddOnImpl: the const FST, then the label reachability tables (OpenFst AddOnPair)."""
    if r.one("<i") != ADDON_MAGIC:
        raise Damaged("a lookahead graph without its add-on marker")
    _const(r)
    if not r.one("<?"):
        return
    for _ in range(2):
        if r.one("<?"):
            _reach_input, keep_relabel = r.take("<??")
            if keep_relabel:
                r.skip(r.one("<q") * 8)
            r.one("<i")  # final label
            for _ in range(r.one("<q")):  # one interval set per state
                r.skip(r.one("<q") * 8 + 4)


def _ngram(r: _Reader, states: int) -> None:
    """NGramFst data (OpenFst ngram-fst.h StorageSize): three counts, bitmaps, labels, weights."""
    num_states, futures, finals = r.take("<QQQ")
    if num_states != states:
        raise Damaged(f"{num_states} states in its data, {states} in its header")
    words = sum((bits + 63) // 64 for bits in (2 * states + 1, futures + states + 1, states))
    size = 24 + 8 * words + 4 * (states + 1 + futures)
    size += -size % 4
    size += 4 * (states + 1 + finals + futures + 1)
    r.skip(size - 24)


def fst_problem(data: bytes | mmap.mmap) -> str | None:
    r = _Reader(data)
    try:
        start = r.pos
        kind, _flags, states, _arcs = _header(r)
        if kind == "const":
            r.pos = start
            _const(r)
        elif kind == "olabel_lookahead":
            _lookahead(r)
        elif kind == "ngram":
            _ngram(r, states)
        else:
            return None  # a type we do not know the layout of: the header was fine
    except Damaged as err:
        return str(err)
    if r.pos != len(data):
        return f"{len(data):,} bytes where its header says {r.pos:,}"
    return None


def mdl_problem(data: bytes | mmap.mmap) -> str | None:
    if bytes(data[: len(MDL_START)]) != MDL_START:
        return "not a Kaldi binary acoustic model"
    tail_at = max(0, len(data) - MDL_TAIL)
    found = bytes(data[tail_at:]).rfind(PRIORS)
    if found < 0:
        return "ends before its priors (truncated)"
    r = _Reader(data)
    r.pos = tail_at + found + len(PRIORS)
    try:
        if r.one("<b") != 4:
            return "damaged priors"
        r.skip(4 * r.one("<i"))
    except Damaged:
        return "ends inside its priors (truncated)"
    return None if r.pos == len(data) else "damaged after its priors"


def file_problem(path: Path) -> str | None:
    """What is wrong with a model file, in a few words; None if it reads as whole."""
    check = fst_problem if path.suffix == ".fst" else mdl_problem if path.suffix == ".mdl" else None
    if check is None:
        return None
    try:
        with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return check(data)
    except (OSError, ValueError) as err:
        return f"cannot be read ({err})"
