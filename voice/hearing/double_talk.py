"""Double talk: someone besides the coach speaking while its voice plays. Pure.

The echo canceller removes 15-25 dB of the coach's own voice from the microphone; when much
more is left over some 0.3 s than it typically leaves of the coach alone, someone else is
talking too (`DoubleTalk.observe` per microphone chunk, in 32 ms pieces; `heard_since` for an
utterance). Used by voice.hearing.listener to judge what is heard over the coach's voice.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from voice.hearing.own_voice import energy, pieces

DOUBLE_TALK = 0.25
"""Energy left after echo cancellation, as a share of the microphone's, above which someone
besides the coach is talking (the canceller alone removes 15-25 dB: a share of 0.003-0.03)."""
MIN_ENERGY = 10 * 512 * 1200.0**2  # over the last ten 512-sample pieces
"""Cleaned energy over the window below which it is not a clear voice (RMS 1200, about
-29 dBFS: a voice raised at a laptop from a metre away, by a rough guess)."""
TRAINED = 4.0
"""Seconds of the coach's speech the canceller needs before double talk is trusted."""
DOUBLE_TALK_LEAD = 0.6
"""Seconds before the voice detector marks an utterance's start in which double talk still
counts for it (the detector needs a few windows of speech; the energy window is 0.3 s)."""
BASELINE_FACTOR = 4.0
"""Double talk leaves at least this many times the share the canceller typically leaves of
the coach's voice alone (the median over the last 5 s of its speech, someone else's words
included: a few words do not move a median much)."""
DOUBLE_TALK_CHUNKS = 8
"""Pieces (32 ms, `PIECE`) with double talk an utterance needs to be someone else's: 0.26 s of it,
not a moment. The coach's own voice replayed (4 min recorded through PulseAudio's loopback
on a loaded machine, nobody speaking) passed 2 results with 1 chunk, 1 with 8."""


class DoubleTalk:
    """Which 32 ms pieces of the last 12 s had double talk."""

    def __init__(self) -> None:
        self._times: deque[float] = deque(maxlen=400)  # pieces with double talk; 12 s
        self._energies: deque[tuple[float, float]] = deque(maxlen=10)  # raw, cleaned; 0.3 s
        self._shares: deque[float] = deque(maxlen=160)  # share left, coach speaking; 5 s

    def observe(
        self, chunk: bytes, cleaned: bytes, at: float, echoing: bool, trained: float
    ) -> None:
        """A microphone chunk and its echo-cancelled `cleaned`; `echoing`: the coach's voice
        (or its echo) is in it; `trained`: seconds of the coach's speech the canceller had."""
        for raw, clean, piece_at in pieces(chunk, cleaned, at):
            self._energies.append((energy(raw), energy(clean)))
            if self._someone_else_speaks(echoing, trained):
                self._times.append(piece_at)

    def heard_since(self, start: float) -> bool:
        """Enough double talk for an utterance the voice detector heard start at `start`."""
        return sum(t >= start - DOUBLE_TALK_LEAD for t in self._times) >= DOUBLE_TALK_CHUNKS

    def _someone_else_speaks(self, echoing: bool, trained: float) -> bool:
        """Double talk: over the last 0.3 s the echo canceller removed much less than it
        removes from the coach's voice alone, so someone else is talking too. "Alone" is
        the typical share left over the last seconds of the coach's speech (the canceller
        does worse when the audio system is late), never less than `DOUBLE_TALK`."""
        if trained < TRAINED:
            return False
        raw = sum(r for r, _ in self._energies)
        cleaned = sum(c for _, c in self._energies)
        share = cleaned / raw if raw > 0 else 0.0
        if echoing and raw > MIN_ENERGY:
            self._shares.append(share)
        typical = float(np.median(self._shares)) if self._shares else 0.0
        return share > max(DOUBLE_TALK, BASELINE_FACTOR * typical) and cleaned > MIN_ENERGY
