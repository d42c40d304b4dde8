"""A negation only a free decode heard vetoes the grammar's warning sign only where it unsays
it (voice.hearing.free_agreement `denied`): "the bottom of my foot is numb and it's not from the
ice" is still a warning sign, and a negated one is still none. Real espeak-ng speech, the real
Vosk model, real Moonshine, through the recognizer the app builds. (The voice and speed of the
sign are ones where the old rule went wrong; another voice may hear other words.)"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import said_intent

from intents.matcher import Matcher
from voice.hearing import free_agreement
from voice.hearing.speech_recognizer import SpeechRecognizer

pytestmark = pytest.mark.model
ESCALATIONS = ("Emergency", "RedFlag")
SIGNS = [  # a free decode heard the negation that is about something else
    ("en", 170, "the bottom of my foot is numb and it's not from the ice"),
]
# `affirmed` (the grammar's "can't" where every free decode heard "can") is tested on logged
# decodes (tests/hearing/test_agreement.py): on real speech the grammar's words for "i can feel
# everything in my legs" (espeak-ng en, 170) change with what the recognizer heard before: in
# one run of two it still escalated.
NEGATED = [("en-us", 150, "i haven't got any numbness"), ("en-us", 150, "i can stand on my toes")]


def _any_negation(words: str, free: list[str], warns: Callable[[str], bool]) -> bool:
    """The rule before: any negation a free decode has and the grammar's words lack."""
    said = set(words.split())
    return any((set(text.split()) & free_agreement.NEGATIONS) - said for text in free)


@pytest.mark.parametrize(("voice", "speed", "text"), SIGNS)
def test_a_negation_about_something_else_does_not_unsay_the_sign(
    recognizer: SpeechRecognizer,
    matcher: Matcher,
    tmp_path: Path,
    voice: str,
    speed: int,
    text: str,
) -> None:
    assert said_intent(recognizer, matcher, voice, speed, text, tmp_path) in ESCALATIONS


def test_with_any_negation_vetoing_they_were_missed(
    recognizer: SpeechRecognizer,
    matcher: Matcher,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(free_agreement, "denied", _any_negation)
    heard = [said_intent(recognizer, matcher, *said, tmp_path) for said in SIGNS]
    assert not any(h in ESCALATIONS for h in heard), heard


@pytest.mark.parametrize(("voice", "speed", "text"), NEGATED)
def test_a_negated_sign_stays_harmless(
    recognizer: SpeechRecognizer,
    matcher: Matcher,
    tmp_path: Path,
    voice: str,
    speed: int,
    text: str,
) -> None:
    assert said_intent(recognizer, matcher, voice, speed, text, tmp_path) not in ESCALATIONS
