"""The warning-sign pass: an utterance decoded with an open vocabulary, kept only if the words
hold a warning sign. A paraphrase of a symptom ("my toes feel all funny") is no sentence of our
phrase list, and the grammar turns it into other words; decoded freely, the safety lexicon can
read it (RecognizerSettings.listen_freely_for_warnings).

When neither open-vocabulary decode holds a warning sign but the grammar's own words for the
utterance do (a loose string, dropped as no sentence of ours: "my foot won't lift up properly
when i try" came out of Vosk's grammar word for word while both free decodes misheard "foot"),
the grammar's words count if the free decodes agree with them (`agrees`): the grammar can only
say our words, and pressed with speech that is not ours it says "numb" and "not" where nobody
did. Measured on the spoken blind dev safety set (bench voices, clean; bench/spoken_blind.py):
the grammar's words alone would catch 50 more of 216 warning signs and raise 15 more false
alarms of 102 harmless sentences; with the agreement 23 more and 2."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from voice.events import Heard
from voice.hearing.vocabulary import normalize

log = logging.getLogger(__name__)

RATE = 16000
MIN_FREE_AUDIO = RATE  # bytes
"""Half a second of 16-bit audio: shorter is no sentence, and not worth a second decode."""


class FreeListening:
    """`hear(audio, at, transcriber)`: the Heard to pass on, if the transcriber's words (default:
    the Vosk model's own open vocabulary) hold a warning sign."""

    def __init__(
        self, model: Any, warns: Callable[[str], bool] | None, on: bool, confidence: float
    ) -> None:
        self._model = model
        self._warns = warns
        self._on = on and warns is not None
        self._confidence = confidence
        self._vosk: Any = None  # Vosk's open-vocabulary decoder, made on first use
        self.heard: list[str] = []
        """This utterance's free decodes so far (`forget` starts the next)."""

    def hear(
        self, audio: bytes, at: float, transcriber: Callable[[bytes], str] | None = None
    ) -> list[Heard]:
        if not self._on or self._warns is None or len(audio) < MIN_FREE_AUDIO:
            return []
        text = normalize((transcriber or self.vosk_words)(audio))
        self.heard.append(text)
        if not text or not self._warns(text):
            return []
        log.info("heard freely, a warning sign: %r", text)
        return [Heard(text=text, confidence=self._confidence, at=at)]

    def vosk_words(self, audio: bytes) -> str:
        if self._vosk is None:
            import vosk

            self._vosk = vosk.KaldiRecognizer(self._model, RATE)
        self._vosk.AcceptWaveform(audio)
        return str(json.loads(self._vosk.FinalResult()).get("text", ""))

    def forget(self) -> None:
        self.heard = []

    def confirms(self, words: str, at: float) -> list[Heard]:
        """The grammar's `words` as a warning sign, if they hold one and this utterance's free
        decodes agree with them (`agrees`)."""
        if not self._on or self._warns is None or not words or not self.heard:
            return []
        if not self._warns(words) or not agrees(words, self.heard, self._warns):
            return []
        log.info("a warning sign in the grammar's words, the free decodes agreeing: %r", words)
        return [Heard(text=words, confidence=self._confidence, at=at)]


_FUNCTION = """i my me a an the and to of in on it it's is was be been am are at that this so
um uh like with for from up down off all just now when i've i'm its"""
FUNCTION_WORDS = frozenset(_FUNCTION.split())
_NEGATIONS = """no not don't didn't haven't hasn't isn't wasn't can't cannot never nothing none
without won't aren't"""
NEGATIONS = frozenset(_NEGATIONS.split())
MIN_SHARED = 0.3
"""Share of the grammar's content words a free decode must also have."""


def agrees(words: str, free: list[str], warns: Callable[[str], bool]) -> bool:
    """Do the free decodes bear out the warning sign in the grammar's `words`? A word the
    warning rests on (leave it out and there is no warning) is in a free decode, at least
    MIN_SHARED of the content words are in one of them, and no free decode has a negation the
    grammar's words lack ("no chest pain" heard by the grammar as "know chest pain")."""
    said = words.split()
    decoded = [set(text.split()) for text in free]
    anywhere = set().union(*decoded)
    if (anywhere & NEGATIONS) - set(said):
        return False
    content = [w for w in said if w not in FUNCTION_WORDS]
    if not content:
        return False
    if max(sum(w in d for w in content) / len(content) for d in decoded) < MIN_SHARED:
        return False
    resting = [
        w
        for i, w in enumerate(said)
        if w not in FUNCTION_WORDS and not warns(" ".join(said[:i] + said[i + 1 :]))
    ]
    return any(w in anywhere for w in resting)
