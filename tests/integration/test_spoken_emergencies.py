"""Emergencies of blind rounds 39 and 40 said otherwise (tests/intents/test_rounds_39_40.py),
said aloud by espeak-ng and heard by the recognizer the app builds (Vosk with Moonshine's free
pass): none is a sentence of ours, so each comes through the warning-sign pass's free words.
A fall with the head struck comes through misheard ("i slipped and lit my head on the floor"):
the head on the floor after a fall is read as the injury, whatever verb was heard."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import said_intent

from intents.matcher import Matcher
from voice.hearing.speech_recognizer import SpeechRecognizer

pytestmark = pytest.mark.model

EMERGENCIES_SAID = [
    "it feels like someone is crushing my heart",
    "i'm done with living",
    "i haven't passed any urine all day",
    "i slipped and hit my head on the floor",  # heard "... lit my head", "... gaped my head"
]


@pytest.mark.parametrize("voice", ["en-us", "en-gb"])
@pytest.mark.parametrize("text", EMERGENCIES_SAID)
def test_an_emergency_in_other_words_is_heard(
    recognizer: SpeechRecognizer, matcher: Matcher, tmp_path: Path, text: str, voice: str
) -> None:
    assert said_intent(recognizer, matcher, voice, 150, text, tmp_path) == "Emergency"
