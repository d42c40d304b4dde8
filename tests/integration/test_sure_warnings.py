"""A warning sign Vosk's grammar heard word for word, with full confidence where the warning
is, counts though Moonshine's free decode misheard it (voice.hearing.free_agreement `sure`):
bench voices say "numbness" and Moonshine hears "helmless". Harmless talk the grammar turns into
a warning sign is still dropped. Real espeak-ng speech, the real Vosk model, real Moonshine,
through the recognizer the app builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import said_intent

from intents.matcher import Matcher
from voice.hearing import free_agreement, free_listening
from voice.hearing.speech_recognizer import SpeechRecognizer

pytestmark = pytest.mark.model
SAID = [  # (voice, speed, words, tier); Moonshine heard "helmless", "strolling", "talking"
    ("en-us", 150, "i have numbness in my saddle area", "Emergency"),
    ("en", 170, "i have numbness in my saddle area", "Emergency"),
    ("en-us", 150, "it feels like ants crawling up my shin", "RedFlag"),
    ("en-us", 150, "i think i am choking", "Emergency"),
]
HARMLESS = [  # the grammar heard "i tripped and ...", not surely
    ("en-us", 150, "i checked and i can feel my toes"),
    ("en-us", 150, "both my arms are working normally"),
    ("en-us", 150, "the dog has fallen asleep on my legs"),
    ("en", 170, "the radiator is clicking"),
]
# Not yet: "i can breathe fine it's just my back" comes out of the grammar as "i can't breathe",
# and the free decodes' "breathe" agrees with it; only one of them says "can" (`affirmed` takes
# every one: test_negation_in_place.py).


def test_a_warning_sign_vosk_was_sure_of_is_heard(
    recognizer: SpeechRecognizer, matcher: Matcher, tmp_path: Path
) -> None:
    heard = [said_intent(recognizer, matcher, v, s, text, tmp_path) for v, s, text, _ in SAID]
    assert heard == [tier for *_, tier in SAID]


def test_without_it_they_were_missed(
    recognizer: SpeechRecognizer,
    matcher: Matcher,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reason for it: no word is ever that sure, and the free decodes alone miss them (read
    by the lexicon: the safety net reading two agreeing free decodes, or one free decode beside
    the grammar's words, and a free decode's word spelt like the sign's in its place
    (free_agreement.LIKE), are other ways in, off here: with the net on, 3 of the 4 come
    through without `sure`)."""
    monkeypatch.setattr(free_agreement, "SURE_WORD", 1.01)
    monkeypatch.setattr(free_agreement, "LIKE", 101.0)
    monkeypatch.setattr(free_listening.FreeListening, "net_reads_earlier", lambda self: False)
    monkeypatch.setattr(free_listening.FreeListening, "net_reads_any", lambda self: False)
    heard = [said_intent(recognizer, matcher, v, s, text, tmp_path) for v, s, text, _ in SAID]
    assert sum(h in ("Emergency", "RedFlag") for h in heard) <= 1, heard


@pytest.mark.parametrize(("voice", "speed", "text"), HARMLESS)
def test_harmless_talk_stays_harmless(
    recognizer: SpeechRecognizer,
    matcher: Matcher,
    tmp_path: Path,
    voice: str,
    speed: int,
    text: str,
) -> None:
    assert said_intent(recognizer, matcher, voice, speed, text, tmp_path) not in (
        "Emergency",
        "RedFlag",
    )
