"""Between the audio source and the session: half-duplex listening with barge-in.

While the coach's voice plays (and for `tail_guard` seconds after its last voiced sample, while
its echo dies away; the silence espeak-ng puts after each sentence is not waited out) nothing
heard is passed on: laptop speakers reach the laptop microphone and the coach must not answer
itself. One exception, barge-in: the microphone signal is echo-cancelled against what the
speaker played (`EchoStage`, speexdsp), a small recognizer that knows only the stop phrases
listens to it, and a final "stop" / "quiet" / "enough" counts when, within the last second, the
canceller removed much less than it removes from the coach's voice alone (double talk: someone
else spoke). A word the coach is saying itself never counts. When listening resumes the main
recognizer is reset so no echo leaks into the next result.

Measured with the coach's voice looped back at full level (bench/barge_in.py): 9 of 12
answers stopped by "stop", 2 of 12 cut with nobody speaking.
"""

from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from voice.events import Event, Heard
from voice.hearing.cleanup import CleanupSettings
from voice.hearing.echo import EchoCanceller, PlaybackTimeline
from voice.hearing.recognizer import Recognizer
from voice.hearing.recognizer_settings import RecognizerSettings
from voice.hearing.speech_recognizer import SpeechRecognizer

log = logging.getLogger(__name__)


class EchoStage:
    """Echo cancellation for microphone chunks: the speaker's timeline gives the reference
    for the moment each chunk was captured (`capture_delay()` before it arrived)."""

    def __init__(
        self,
        timeline: PlaybackTimeline,
        canceller: EchoCanceller,
        capture_delay: Callable[[], float],
    ) -> None:
        self._timeline = timeline
        self._canceller = canceller
        self._delay = capture_delay
        self._origin: float | None = None
        self._samples = 0
        self.trained = 0.0
        """Seconds of reference (the coach speaking) the canceller has adapted to."""

    def clean(self, chunk: bytes, at: float) -> bytes:
        mic = np.frombuffer(chunk, dtype=np.int16)
        # Capture times by counting samples from one anchor: per-chunk arrival times jitter
        # by milliseconds, and a reference that jitters defeats the adaptive filter.
        observed = at - self._delay()
        expected = None if self._origin is None else self._origin + self._samples / RATE
        if expected is None or abs(expected - observed) > RESYNC:
            self._origin, self._samples, expected = observed, 0, observed
        self._samples += len(mic)
        reference = self._timeline.window(expected, len(mic))
        if np.any(reference):
            self.trained += len(mic) / RATE
        return self._canceller.process(mic, reference).tobytes()


RATE = 16000
DOUBLE_TALK = 0.25
"""Energy left after echo cancellation, as a share of the microphone's, above which someone
besides the coach is talking (the canceller alone removes 15-25 dB: a share of 0.003-0.03)."""
MIN_ENERGY = 10 * 512 * 1200.0**2
"""Cleaned energy over the window below which it is not a clear "stop" (RMS 1200, about
-29 dBFS: a voice raised at a laptop from a metre away, by a rough guess)."""
TRAINED = 4.0
"""Seconds of the coach's speech the canceller needs before barge-in is trusted."""
RESYNC = 0.05
"""Seconds the sample count may drift from the arrival times before re-anchoring."""
TAIL_GUARD = 0.3
"""Seconds of deafness after the coach's last voiced sample reached the speaker (counted from
the last microphone chunk that arrived while it played). A living room's echo dies 60 dB in
about 0.4 s, so 30 dB in 0.2 s (textbook figures, not measured here). The coach's voice
looped back at full level through PulseAudio (test_coach_does_not_answer_its_own_voice) was
not answered with 0.2 or 0.3 (two runs each). 0.5 s counted from the end of espeak-ng's
trailing silence (as before) clipped a "yes" said as soon as an offer ended."""

BARGE_IN_WORDS = frozenset({"stop", "quiet", "enough"})
BARGE_IN_PHRASES = (
    "stop",
    "stop talking",
    "stop it",
    "quiet",
    "be quiet",
    "enough",
    "that's enough",
)


def barge_in_recognizer(main: Recognizer) -> Recognizer:
    """A second recognizer on the same model that knows only the stop phrases (and "[unk]"
    for everything else, such as what is left of the coach's own voice)."""
    # No clean-up here: its gain could raise what is left of the coach's voice after echo
    # cancellation (not measured), and barge-in was measured (bench/barge_in.py) without it.
    settings = RecognizerSettings(
        alternatives=0,
        min_confidence=0.6,
        min_sentence_confidence=0.6,
        cleanup=CleanupSettings(noise_suppression=0, auto_gain=0),
    )
    return Recognizer(main.model, BARGE_IN_PHRASES, settings)


@dataclass(frozen=True)
class SpeechState:
    """How the listener sees the speaker: is it speaking, and what is it saying."""

    speaking: Callable[[], bool]
    saying: Callable[[], str]


class Listener:
    def __init__(
        self,
        recognizer: SpeechRecognizer,
        speech: SpeechState,
        post: Callable[[Event], None],
        tail_guard: float = TAIL_GUARD,
        echo: EchoStage | None = None,
        barge_in: Recognizer | None = None,
    ) -> None:
        """`echo` cancels the coach's voice from the microphone signal; barge-in listens to
        the cleaned signal (without it, to the raw one). `barge_in` is a recognizer for the
        stop phrases only (`barge_in_recognizer`); without it the main one listens."""
        self._recognizer = recognizer
        self._barge: SpeechRecognizer = barge_in or recognizer
        self._echo = echo
        self._speech = speech
        self._post = post
        self._tail_guard = tail_guard
        self._deaf_until = 0.0
        self._deaf = False
        self._barged = False
        self.barge_ins = 0
        self._double_talk = -1e9  # when someone besides the coach last spoke over it
        self._energies: deque[tuple[float, float]] = deque(maxlen=10)  # raw, cleaned; 0.3 s
        self.ignored: list[str] = []  # finals heard while the coach spoke (its own voice)

    def feed(self, chunk: bytes, at: float) -> None:
        cleaned = self._echo.clean(chunk, at) if self._echo is not None else chunk
        if self._speech.speaking():
            self._deaf_until = at + self._tail_guard
        if at < self._deaf_until:
            self._energies.append((_energy(chunk), _energy(cleaned)))
            self._while_speaking(cleaned, at)
            return
        if self._deaf:  # the coach just finished: forget its echo
            self._deaf = False
            self._barged = False
            self._recognizer.reset()
        for heard in self._recognizer.feed(chunk, at):
            self._post(heard)

    def finish(self, at: float) -> None:
        """End of input: pass on whatever was pending."""
        if at >= self._deaf_until:
            for heard in self._recognizer.finish(at):
                self._post(heard)

    def _while_speaking(self, chunk: bytes, at: float) -> None:
        if not self._deaf:
            self._deaf = True
            self._barge.reset()
        if self._someone_else_speaks():
            self._double_talk = at
        for heard in self._barge.feed(chunk, at):
            log.debug("while speaking: %s %r", "final" if heard.final else "partial", heard.text)
            if heard.final:
                self.ignored.append(heard.text)
            word = self._barge_word(heard.text) if heard.final else None
            if word is not None and not self._barged and at - self._double_talk < 1.0:
                self._barged = True
                self.barge_ins += 1
                log.info("barge-in: %r while speaking", heard.text)
                self._post(Heard(text=word, confidence=heard.confidence, final=True, at=at))

    def _someone_else_speaks(self) -> bool:
        """Double talk: over the last 0.3 s the echo canceller removed much less than it
        removes from the coach's voice alone, so someone else is talking too."""
        if self._echo is None:
            return True  # nothing to compare: the phrase recognizer decides alone
        if self._echo.trained < TRAINED:
            return False
        raw = sum(r for r, _ in self._energies)
        cleaned = sum(c for _, c in self._energies)
        share = cleaned / raw if raw > 0 else 0.0
        return share > DOUBLE_TALK and cleaned > MIN_ENERGY

    def _barge_word(self, text: str) -> str | None:
        said = set(re.findall(r"[a-z']+", self._speech.saying().lower()))
        for word in text.split():
            if word in BARGE_IN_WORDS and word not in said:
                return word
        return None


def _energy(chunk: bytes) -> float:
    return float(np.sum(np.frombuffer(chunk, dtype=np.int16).astype(np.float64) ** 2))
