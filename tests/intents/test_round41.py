"""Blind round 41 (emergencies as a frightened person says them aloud, often as a recognizer
writes them; bench/fresh_rounds/, dev half only): what its misses taught, said here in other
words than the rows. Chest pain said as a weight at the front or the middle, a band round the
ribs getting tighter, a heart that hurts or races with a cold sweat or a heavy left arm; air
that will not go in, a throat closing; a head hit with vomiting, confusion or a cracked helmet;
a bladder full with nothing coming; both legs gone; pills taken again and again; "top myself",
better off without me; the emergency doctor or "the van with the lights" sent for. Three rules:
a stammer as a recognizer writes it ("w w went", "c c can't") is read said once; "it's not the
back anymore, it's ..." and "no no, the nine one one" turn to what follows; someone spoken to
mid-sentence ("gone numb mate can't feel") is no one else. First contact: emergency-first 69.3%
of the dev half's 140."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from intents.matcher import Matcher
from intents.stumbles import unstuttered

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from blind_scoring import ESCALATE, signs_caught  # noqa: E402

ROUNDS = Path(__file__).resolve().parents[2] / "bench" / "fresh_rounds"

EMERGENCIES = [
    "there's a pressing weight in the middle here at the front, like a rock",
    "crushing feeling right in the middle of my breastbone",
    "feels like a band round my ribs and it keeps getting tighter",
    "my heart hurts and i've come out in a cold sweat",
    "my heart's racing and my left arm feels heavy",
    "my heart's pounding and it's like a fist squeezing it",
    "it feels like a coronary",
    "i breathe in and the air won't go in",
    "no air getting in at all",
    "every time i try to draw in it stops halfway",
    "my throat is closing up",
    "i'm allergic to something, my lips are swelling",
    "i slipped and banged my head and now i keep being sick",
    "fell off the roof head strike with brief loc",
    "came off the scooter and my head is pounding",
    "cracked my helmet when i came off",
    "haven't voided since last night",
    "my bladder's bursting but nothing will come out",
    "i go to the toilet and the wee won't come",
    "my legs both just went, dead",
    "both my legs suddenly stopped working",
    "my legs feel like they belong to someone else and won't do anything",
    "took twelve of the ibuprofen and then six more",
    "doubled up the tablets and then again",
    "i'm going to top myself",
    "everyone would be better off without me",
    "i'm just a burden to my family",
    "had enough of everything, i want it all over for good",
    "i need the emergency doctor here now",
    "send the van with the flashing lights",
    "send someone quick",
    "call an am bull lance",
    "my left arm's gone dead and my face",
    "my mouth feels like after the dentist",
    "my hand on the right side won't listen",
    "call one one two no no nine nine nine",
    "i c c can't b b breathe",
    "me legs w w won't m move",
    "it's not my back any more, there's a crushing pain in my chest",
    "ma legs are deid, ah cannae move them",
    "cannae breathe mate i cannae get it in",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergencies_said_in_other_words(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent == "Emergency"


NO_ALARM = [
    ("my riding mate had a heart attack last year, how do I stop my back doing this", "Prevention"),
    ("no no no pins and needles nothing like that", None),
    ("n n no numbness no t tingling, just stuck", None),
    ("my heart sank when my back locked", None),
    ("i feel like a burden lying here asking you all this", None),
]
"""Sayings the wider readings above must not take for a sign (None: any intent but a sign)."""


@pytest.mark.parametrize(("text", "intent"), NO_ALARM)
def test_no_alarm_from_the_wider_readings(matcher: Matcher, text: str, intent: str | None) -> None:
    got = matcher.understand(text).intent
    assert got not in ESCALATE
    assert intent is None or got == intent


STILL = [
    ("got knocked off my bike by a van, didn't hit my head", "RedFlag"),
    ("The pain's shooting right down my leg, coach", "RedFlag"),
    ("it's not my back anymore, it's my leg that's numb", "RedFlag"),
    ("my leg went numb and now i can breathe fine", "RedFlag"),
]


@pytest.mark.parametrize(("text", "intent"), STILL)
def test_signs_beside_them_keep_their_tier(matcher: Matcher, text: str, intent: str) -> None:
    assert matcher.understand(text).intent == intent


@pytest.mark.parametrize(
    ("said", "once"),
    [
        ("my legs w w went dead", "my legs went dead"),
        ("th th there's no air", "there's no air"),
        ("can i ice it", None),  # a short word before one it begins is a word
        ("the pain's shooting", None),  # "'s" is no stammer
    ],
)
def test_a_stammer_as_a_recognizer_writes_it_is_said_once(said: str, once: str | None) -> None:
    assert unstuttered(said) == once


def test_dev_half_floor(matcher: Matcher) -> None:
    signs, emergencies = signs_caught(matcher.understand, ROUNDS / "emergencies_round41_dev.yaml")
    assert signs >= 0.97
    assert emergencies >= 0.99
