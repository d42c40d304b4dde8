"""Speech synthesis: pyttsx3 with the espeak-ng driver, to samples in memory.

pyttsx3 can only write a file (its own playback cannot be timed or cut), so `Synthesizer`
writes a temporary WAV with `save_to_file` + `runAndWait` and reads the samples back;
voice.speaking.speaker plays them.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from voice.wav_files import read_pcm16

log = logging.getLogger(__name__)

DEFAULT_WPM = 165
MIN_WPM, MAX_WPM = 90, 260
MIN_VOLUME, MAX_VOLUME = 0.3, 2.0
OUTPUT_RATE = 22050  # espeak-ng's native rate: no resampling on our side


@dataclass(frozen=True)
class Utterance:
    """Synthesized speech: mono int16 samples at `rate`."""

    text: str
    samples: np.ndarray
    rate: int = OUTPUT_RATE

    @property
    def duration(self) -> float:
        return len(self.samples) / self.rate

    @functools.cached_property
    def voiced(self) -> int:
        """Samples before the trailing silence (worked out once: replies are cached)."""
        return voiced_samples(self.samples)


VOICE_FLOOR_DB = 40.0
"""How far under its loudest sample a synthesized sentence counts as silent."""


def voiced_samples(samples: np.ndarray) -> int:
    """Samples up to and including the last one within VOICE_FLOOR_DB of the loudest.
    espeak-ng ends every sentence with 0.33-0.39 s of silence (the pause before a next
    sentence): the listener need not wait that out before its echo guard starts."""
    level = np.abs(samples.astype(np.int32))
    if not len(level) or not level.max():
        return 0
    above = np.flatnonzero(level > level.max() * 10 ** (-VOICE_FLOOR_DB / 20))
    return int(above[-1]) + 1


class TTSUnavailable(RuntimeError):
    """No speech engine could be started (the reason is the message)."""


def _quiet_saved_lines() -> None:
    """pyttsx3's espeak driver prints "Audio saved to FILE" for every sentence. Its module gets
    a `print` that drops that line (replacing the process's sys.stdout while synthesizing, as
    before, also swallowed what other threads printed meanwhile)."""
    import builtins

    from pyttsx3.drivers import espeak

    def print_but_saved(*args: Any, **kwargs: Any) -> None:
        if not (args and str(args[0]).startswith("Audio saved to")):
            builtins.print(*args, **kwargs)

    espeak.print = print_but_saved


class Synthesizer:
    """pyttsx3 with the espeak-ng driver. Thread-safe (one engine, one lock)."""

    def __init__(self, wpm: int = DEFAULT_WPM, volume: float = 1.0) -> None:
        try:
            import pyttsx3

            self._engine: Any = pyttsx3.init("espeak")
            _quiet_saved_lines()
        except Exception as err:  # ImportError, OSError (no libespeak-ng), RuntimeError
            raise TTSUnavailable(f"pyttsx3 with espeak-ng could not start ({err})") from err
        self._lock = threading.Lock()
        # runAndWait() can return before espeak's (asynchronous) synthesis has written the
        # file: pyttsx3 queues its own end-of-loop first. Its "finished-utterance" signal comes
        # after the file is written, so wait for that.
        self._finished = threading.Event()
        self._engine.connect("finished-utterance", lambda **_: self._finished.set())
        self.wpm = wpm
        self.volume = volume
        self._apply()

    def _apply(self) -> None:
        self._engine.setProperty("rate", self.wpm)
        self._engine.setProperty("volume", self.volume)

    def set_voice(self, rate_factor: float, volume_delta: float) -> None:
        with self._lock:
            self.wpm = int(min(MAX_WPM, max(MIN_WPM, round(self.wpm * rate_factor))))
            self.volume = min(MAX_VOLUME, max(MIN_VOLUME, round(self.volume + volume_delta, 2)))
            self._apply()

    def synthesize(self, text: str) -> Utterance:
        """pyttsx3's espeak driver sometimes hands back an empty or cut file (its end-of-
        utterance signal can come from the utterance before), seen as a garbled greeting in CI
        and as 0 s for "Tell me what happened, or say help." in a loop here: a result far
        shorter than the words need is made again (twice at most)."""
        utterance = self._synthesize_once(text)
        for _ in range(2):
            if len(utterance.samples) / utterance.rate >= self.least_seconds(text):
                break
            log.warning("speech for %r came out %d samples long; synthesizing it again",
                        text[:40], len(utterance.samples))  # fmt: skip
            utterance = self._synthesize_once(text)
        return utterance

    def least_seconds(self, text: str) -> float:
        """Half the time the words take at the current rate: shorter is a broken synthesis."""
        return 0.5 * len(text.split()) * 60.0 / self.wpm

    def _synthesize_once(self, text: str) -> Utterance:
        fd, name = tempfile.mkstemp(prefix="backcoach-", suffix=".wav")
        os.close(fd)
        try:
            with self._lock:
                self._finished.clear()
                self._engine.save_to_file(text, name)
                self._engine.runAndWait()
                if not self._finished.wait(timeout=10.0 + 0.1 * len(text)):
                    raise TTSUnavailable(f"espeak-ng did not finish synthesizing {text[:40]!r}")
            samples, rate = read_pcm16(Path(name))
        finally:
            with contextlib.suppress(OSError):
                os.unlink(name)
        return Utterance(text=text, samples=samples, rate=rate)
