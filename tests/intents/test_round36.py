"""Blind round 36 (warning signs and emergencies said in other words, harmless look-alikes; dev
half only, bench/fresh_rounds/), said otherwise than its sentences: suicidal words said softly,
an overdose from a bottle or taken "maybe twenty", breathing too short to finish a sentence, a
sign said with no comma after a denial of another (as speech comes), and idioms and machines
that only sound alarming. Through the whole matcher."""

from __future__ import annotations

import pytest

from intents.matcher import Matcher

EMERGENCIES = [
    "sometimes I think it'd be easier if I don't wake up",
    "honestly nobody would really notice if I wasn't here",
    "he took everything out of that packet, all of it",
    "I swallowed the lot from the bottle",
    "I take about thirty ibuprofen a day for it",
    "she can't finish a sentence, she's gasping",
    "he's wheezing and can't talk",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergencies_said_softly_or_in_fragments(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent == "Emergency"


SIGNS = [
    "my feet feel like I've got thick woolly socks on and I'm barefoot",
    "my hand keeps zapping when I cough",
    "I went down hard on the kitchen tiles",
    "my teeth are chattering and I'm sweating at the same time",
    "it really bites at two in the night",
    # a sign said after a denial of another, with no comma, as a recognizer writes it
    "i don't think it's sciatica my foot is tingling",
    "i don't think it's a trapped nerve my hand is numb",
    "i don't have numbness i have tingling in my toes",
]


@pytest.mark.parametrize("text", SIGNS)
def test_warning_signs_in_other_words(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent == "RedFlag"


@pytest.mark.parametrize(
    "text",
    [
        "the neighbour's dog barking is giving me a heart attack",
        "the central heating can't breathe with an airlock in the radiators",
        "what if my leg goes numb",
        "no numbness my legs are fine",
        "can I take two paracetamol",
        "it's better if I don't wake the baby",
        "went down to the floor like you said",
    ],
)
def test_look_alikes_stay_calm(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent not in ("Emergency", "RedFlag")
