"""The answer to the timer desk's "Which one: ...?" is sayable: espeak-ng says it, the
recognizer the app builds (the real Vosk model with our phrase list, real Moonshine) hears it
word for word, and the words pick the timer (voice.timers.which_answer). Before the answers
joined the phrase list (intents/examples/said_only/), Vosk heard none of them whole: "the ten
minute one" came out as nothing, "the twenty minute one" as "let's twenty made it one"."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import said_words

from voice.hearing.speech_recognizer import SpeechRecognizer
from voice.timers.which_answer import picked

pytestmark = pytest.mark.model
OPTIONS = ("timer", "ten-minute")
LENGTHS = {"timer": 1200.0, "ten-minute": 600.0}
SAID = [  # (voice, words, the timer they pick)
    ("en-us", "the ten minute one", "ten-minute"),
    ("en-gb", "the ten minute one", "ten-minute"),
    ("en-us", "the twenty minute one", "timer"),
    ("en-gb", "the twenty minute one", "timer"),
    ("en-us", "the first one", "timer"),
    ("en-gb", "the first one", "timer"),
]


@pytest.mark.parametrize(("voice", "text", "timer"), SAID)
def test_the_answer_is_heard_and_picks_the_timer(
    recognizer: SpeechRecognizer, voice: str, text: str, timer: str, tmp_path: Path
) -> None:
    words = said_words(recognizer, voice, 150, text, tmp_path)
    assert words == text
    assert picked(words, OPTIONS, LENGTHS, {}) == [timer]
