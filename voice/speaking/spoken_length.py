"""How long a text takes to say, from its words, before it is synthesized.

The speech queue decides whether a whole reply ends before the next timer cue while some of its
sentences are still being synthesized; this is its estimate. Fitted to espeak-ng through
pyttsx3 at 165 words a minute over every sentence in intents/replies (259 sentences; checked by
bench/speech_around_timers.py): per sentence 0.5 s (the voice's start and the 0.35 s of silence
espeak-ng ends a sentence with), 0.064 s a letter, 0.32 s a comma or semicolon, 0.29 s an
ellipsis. It is made a little pessimistic (x1.04 + 0.05 s a sentence): an estimate too short
lets a reply run into a countdown number, one too long only makes it wait a moment. At other
rates espeak-ng's times are not in proportion: the queue scales this by the pace it has seen.
Pure: no I/O.
"""

from __future__ import annotations

import re
import threading

from voice.speaking.synthesizer import DEFAULT_WPM

PER_SENTENCE = 0.50
PER_LETTER = 0.064
PER_COMMA = 0.32
PER_ELLIPSIS = 0.29
PESSIMISM = 1.04, 0.05
"""(factor, seconds) added on top of the fitted estimate."""

_SENTENCE_END = re.compile(r"(?<=[^.][.!?])\s+")


def spoken_seconds(text: str, wpm: float = DEFAULT_WPM) -> float:
    """Seconds espeak-ng takes to say `text` (including its closing silence) at `wpm`."""
    factor, extra = PESSIMISM
    total = 0.0
    for sentence in _SENTENCE_END.split(text.strip()):
        if not sentence:
            continue
        letters = sum(c.isalpha() for c in sentence)
        pauses = PER_COMMA * (sentence.count(",") + sentence.count(";"))
        pauses += PER_ELLIPSIS * sentence.count("...")
        fitted = PER_SENTENCE + pauses + PER_LETTER * letters * DEFAULT_WPM / wpm
        total += fitted * factor + extra
    return total


class Pace:
    """`spoken_seconds` at the pace the synthesizer has kept lately: every sentence synthesized
    (of at least MIN_CHARS) moves it by WEIGHT toward its real length over the estimate, as a
    moving average. Thread-safe."""

    MIN_CHARS, WEIGHT = 12, 0.3

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.factor = 1.0
        """espeak-ng's seconds over spoken_seconds' at the default rate."""

    def seconds(self, text: str) -> float:
        return spoken_seconds(text) * self.factor

    def learn(self, text: str, seconds: float) -> None:
        expected = spoken_seconds(text)
        if len(text) >= self.MIN_CHARS and expected > 0 and seconds > 0:
            with self._lock:
                self.factor += self.WEIGHT * (seconds / expected - self.factor)

    def changed(self, rate_factor: float) -> None:
        """The voice's rate changed: a first guess until sentences made at it come back."""
        with self._lock:
            self.factor /= rate_factor
