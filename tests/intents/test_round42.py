"""Blind round 42 (a safety mix: emergencies in the speaker's own words, some typed in a hurry;
talk not meant for the coach; bench/fresh_rounds/, dev half only): what its misses taught, said
here in other words than the rows. Pressure on the ribs going to the left shoulder, someone
sitting on the ribs, squeezing behind the breastbone, "I reckon it's my heart", a pulse about
to give out, clammy and "exactly like" a heart attack; one eye gone with a weak arm; legs that
gave way or will not come; aspirin every hour with ringing ears, a bottle of cough syrup drunk.
Two rules: an emergency word typed in a hurry is read as meant (intents.typos: "cant breath",
"hart attak"), never a word the models know ("heat", "hear") or another form of it
("overdoses"); the speaker said just before a sign makes it theirs, whatever is named further
back ("i reached for the ice and i banged my head"). First contact: emergency-first 80.8% of
the dev half's 120."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from intents.matcher import Matcher
from intents.typos import typed_right

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from blind_scoring import signs_caught  # noqa: E402

ROUNDS = Path(__file__).resolve().parents[2] / "bench" / "fresh_rounds"

EMERGENCIES = [
    "big pressure on my ribs going into my left shoulder",
    "feels like somebody's sitting on my ribs",
    "it's squeezing behind my breastbone",
    "i reckon it's my heart",
    "my pulse is about to give out",
    "i went clammy and it's exactly like my dad's heart attack",
    "i can't see out of one eye and my arm is weak",
    "my legs gave way and i can't even wiggle my toes",
    "my legs won't come with me when i roll",
    "been taking aspirin every hour and my ears are ringing",
    "drank a whole bottle of the cough syrup",
    "chset pain",
    "cant breath",
    "hart attak",
    "i tok all my pils",
    "amblance now",
    "i reached for the ice and i banged my head and now i'm being sick",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergencies_said_in_other_words(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent == "Emergency"


HEARD_AS = [
    ("i fell and did my head", "Emergency"),  # "hit", as the recognizer heard it
    ("i slipped and lit my head on the floor", "Emergency"),
    ("i fell and did my head in trying", "RedFlag"),  # "did my head in": a fall, annoyed
    ("i fell asleep with my head on the table", "Unknown"),
    ("my head is fine after the fall", "RedFlag"),
]
"""A fall with the head struck as the spoken blind dev half came through the recognizer."""


@pytest.mark.parametrize(("text", "intent"), HEARD_AS)
def test_a_head_struck_in_a_fall_however_heard(matcher: Matcher, text: str, intent: str) -> None:
    assert matcher.understand(text).intent == intent


CALM = [
    ("I see overdoses all week, two ibuprofen every eight hours right", "PainRelief"),
    ("can i use heat", "HeatQuestion"),
    ("i drank a bottle of water", "Unknown"),
]


@pytest.mark.parametrize(("text", "intent"), CALM)
def test_look_alikes_stay_calm(matcher: Matcher, text: str, intent: str) -> None:
    assert matcher.understand(text).intent == intent


def test_the_bottom_of_a_foot_is_no_saddle(matcher: Matcher) -> None:
    assert matcher.understand("the bottom of my foot is numb").intent == "RedFlag"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("cant brethe", "cant breathe"),
        ("hart atack", "heart attack"),
        ("chset pian", "chest pain"),
        ("i can hear the heat", None),  # words the models know
        ("overdoses", None),  # another form of the word
    ],
)
def test_an_emergency_typed_in_a_hurry_is_read_as_meant(
    matcher: Matcher, typed: str, meant: str | None
) -> None:
    assert matcher.statistical is not None
    assert typed_right(typed, matcher.statistical.signs.knows) == meant


def test_dev_half_floor(matcher: Matcher) -> None:
    signs, emergencies = signs_caught(matcher.understand, ROUNDS / "mixed_round42_dev.yaml")
    assert signs >= 0.98
    assert emergencies >= 0.99
