"""How long a text takes to say, from its words, before it is synthesized.

The speech queue decides whether a whole reply fits before the next timer cue while some of its
sentences are still being synthesized; this is its estimate. Fitted to espeak-ng through
pyttsx3 at 165 words a minute over every sentence in intents/replies (259 sentences,
bench/spoken_length.py): per sentence 0.5 s (the voice's start and the 0.35 s of silence
espeak-ng ends a sentence with), 0.064 s a letter, 0.32 s a comma or semicolon, 0.29 s an
ellipsis. It is made a little pessimistic (x1.04 + 0.05 s a sentence): an estimate too short lets a reply
run into a countdown number, one too long only makes it wait a moment.
Pure: no I/O.
"""

from __future__ import annotations

import re

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
