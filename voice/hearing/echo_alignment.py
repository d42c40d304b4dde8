"""The echo canceller's reference lined up with its echo by the signals themselves: the lag
of the echo behind the reference as timed is measured (GCC-PHAT) and the reference delayed by
it. Pure (numpy only); used by voice.hearing.echo.EchoStage."""

from __future__ import annotations

import numpy as np

RATE = 16000
MAX_LAG = 8000
"""Samples (0.5 s) the echo may trail the reference as timed; measured, not assumed."""
LEAD = 160
"""Samples (10 ms) the reference is kept ahead of its echo: the adaptive filter is causal."""
LAG_WINDOW = 8192
"""Samples (0.5 s) of microphone and reference the lag is measured on ..."""
LAG_EVERY = 4096
"""... every this many samples (0.26 s)."""
LAG_JUMP = 80
"""Samples (5 ms): a lag this much further from the one in use is taken only when the measure
before said the same (a single peak may be someone else's voice, or a stray one); smaller moves
are followed at once: the two clocks drift by a sample or two a second, and a reference even two
samples off halves the echo removed (a live recording: 28 dB followed, 17 dB with moves under
two samples ignored)."""


def echo_lag(mic: np.ndarray, reference: np.ndarray) -> int | None:
    """Samples the echo in `mic` trails `reference` (0 to MAX_LAG), both ending at the same
    moment (`reference` may reach further back, by up to MAX_LAG), from the peak of their
    cross-correlation with the phase transform (GCC-PHAT); None when the reference is quiet
    or no peak stands out (the lag is then left as it was)."""
    if np.sum(reference.astype(np.float64) ** 2) < 1e6 * len(reference) / RATE:
        return None
    heard = np.zeros(len(reference))
    heard[len(reference) - len(mic) :] = mic
    n = 1 << int(np.ceil(np.log2(2 * len(reference))))
    spectrum = np.fft.rfft(heard, n)
    spectrum *= np.conj(np.fft.rfft(reference.astype(np.float64), n))
    corr = np.fft.irfft(spectrum / (np.abs(spectrum) + 1e-9), n)[:MAX_LAG]
    best = int(np.argmax(corr))
    return best if corr[best] > 6 * np.median(np.abs(corr)) else None


class EchoAligner:
    """The reference delayed by how far its echo trails it, as measured on the signals
    (`echo_lag`, every LAG_EVERY samples over the last LAG_WINDOW), so it leads the echo by
    LEAD. The times the audio system reports put the reference 180-250 ms ahead of its echo
    through PulseAudio's loopback, drifting and jumping by up to 50 ms within a minute: every
    jump a new echo path the adaptive filter had to learn again (live, on an idle machine:
    bench/results/echo_aligned.md). Pure."""

    def __init__(self) -> None:
        self._mic = np.zeros(0, dtype=np.int16)
        self._reference = np.zeros(0, dtype=np.int16)
        self._since = 0
        self._measured: int | None = None  # the shift the last measure asked for
        self.shift = 0
        """Samples the reference is delayed by."""

    def aligned(self, mic: np.ndarray, reference: np.ndarray) -> np.ndarray:
        """The reference for `mic` (same length), delayed by the lag last measured."""
        self._mic = np.concatenate([self._mic, mic])[-LAG_WINDOW:]
        kept = MAX_LAG + max(LAG_WINDOW, len(mic))
        self._reference = np.concatenate([self._reference, reference])[-kept:]
        self._since += len(mic)
        if self._since >= LAG_EVERY and len(self._mic) == LAG_WINDOW:
            self._since = 0
            found = echo_lag(self._mic, self._reference[-(LAG_WINDOW + MAX_LAG) :])
            if found is not None:
                wanted = max(found - LEAD, 0)
                self.shift = wanted if self._moved(wanted) else self.shift
                self._measured = wanted
        end = len(self._reference) - self.shift
        out = np.zeros(len(mic), dtype=np.int16)
        piece = self._reference[max(end - len(mic), 0) : max(end, 0)]
        out[len(out) - len(piece) :] = piece
        return out

    def _moved(self, shift: int) -> bool:
        """Should the reference move to `shift`: a drift (within LAG_JUMP), or a jump the
        measure before also found?"""
        if abs(shift - self.shift) <= LAG_JUMP:
            return True
        return self._measured is not None and abs(self._measured - shift) <= LAG_JUMP

    def rest(self) -> None:
        """The coach is silent: the signals kept are dropped, the lag kept for next time."""
        self._mic = self._reference = np.zeros(0, dtype=np.int16)
        self._since = 0
