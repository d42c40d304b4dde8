"""`--recognizer both`: Vosk hears (its grammar, its end of speech), Moonshine confirms.

Each utterance Vosk ends is decoded again by Moonshine (`MoonshineRecognizer.decide`). A
warning sign heard by either is passed on at once. Otherwise a command acts only when both
read it the same way (intent and slots); when they disagree, or Moonshine finds no sentence of
ours, nothing acts and the coach asks again: a wrong action is worse than asking again.
"""

from __future__ import annotations

from collections.abc import Callable

from voice.events import Heard
from voice.hearing.moonshine_recognizer import MoonshineRecognizer


def confirmed_by(
    neural: MoonshineRecognizer,
    meaning: Callable[[str], object],
    warns: Callable[[str], bool],
) -> Callable[[bytes, list[Heard]], list[Heard]]:
    """The `verify` hook of Vosk's `Recognizer`: (utterance audio, what Vosk heard) -> what
    acts."""

    def verify(audio: bytes, heard: list[Heard]) -> list[Heard]:
        if any(warns(h.text) for h in heard):
            return heard
        decision = neural.decide(audio)
        at = heard[0].at if heard else 0.0
        if decision.text and not decision.whole:  # Moonshine's free words hold a warning sign
            return [Heard(text=decision.text, confidence=1.0, at=at)]
        if not heard or not decision.whole:
            return []
        agreed = meaning(heard[0].text) == meaning(decision.text)
        return heard[:1] if agreed else []

    return verify
