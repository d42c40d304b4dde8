"""`--recognizer both`: Vosk hears (its grammar, its end of speech), Moonshine is a second
witness.

Each utterance Vosk ends is decoded again by Moonshine (`MoonshineRecognizer.decide`). A
warning sign heard by either is passed on at once. Otherwise (`fused`):
- Vosk heard a command and Moonshine's most likely sentence means the same: it acts, even when
  Moonshine alone would not have trusted that sentence (in kitchen noise its gates turn down
  most right orders: two recognizers agreeing on one of our sentences is the evidence);
- Vosk heard a sentence and Moonshine is sure of one (its gates passed) that means something
  else: Moonshine's acts (in noise it is the better judge of a whole sentence: real orders at
  9 dB decoded whole, 93 -> 95% right, no more wrong; through the product path, 93 -> 94%);
- Vosk heard a sentence and Moonshine's most likely one means something else and is nearly as
  likely as its free words (`CLOSE`) though its gates turned it down: nothing acts, the coach
  asks again (two witnesses in doubt; a wrong action is worse than asking again);
- Vosk heard nothing it trusts and Moonshine is sure: Moonshine's sentence acts;
- otherwise Vosk decides alone, as with `--recognizer vosk`.
Moonshine judges only sentences of `MIN_WORDS` words or more, its own and Vosk's: on one word
its best is too often another word ("nine" heard as "no", "stop" as "let's start"), where Vosk
with its short-answer rules (voice.hearing.short_answers) is the better judge; when Vosk heard
one or two words and Moonshine is sure of a longer sentence, nothing acts.

Chosen on real human speech (speech-commands-dev words and picovoice-s2i-dev orders, clips
not used in the reported tables): bench/results/real_speech_fusion.md.
"""

from __future__ import annotations

from collections.abc import Callable

from voice.events import Heard
from voice.hearing.moonshine_recognizer import Decision, MoonshineRecognizer

MIN_WORDS = 3
CLOSE = 4.0
"""Nats by which Moonshine's free words may beat its best sentence of ours for that sentence
still to count as a witness against Vosk's (its gate allows 2 plus 0.25 a token)."""


def fused(heard: list[Heard], decision: Decision, meaning: Callable[[str], object]) -> list[Heard]:
    """What acts, from what Vosk heard of an utterance and Moonshine's decision on its audio."""
    moonshines = [Heard(text=decision.text, confidence=1.0, at=heard[0].at if heard else 0.0)]
    if decision.text and not decision.whole:  # Moonshine's free words hold a warning sign
        return moonshines
    sure = decision.whole and len(decision.text.split()) >= MIN_WORDS
    if not heard:
        return moonshines if sure else []
    said = meaning(heard[0].text)
    if decision.best and meaning(decision.best) == said:
        return heard[:1]
    if len(heard[0].text.split()) < MIN_WORDS:  # a short answer: Vosk's to judge
        return [] if sure else heard[:1]
    if sure:  # Moonshine is sure of another meaning
        return moonshines
    doubt = len(decision.best.split()) >= MIN_WORDS and decision.margin <= CLOSE
    return [] if doubt else heard[:1]


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
        return fused(heard, neural.decide(audio), meaning)

    return verify
