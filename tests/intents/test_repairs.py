"""A sentence corrected mid-way means what comes after the correction (intents/repairs.py),
through the real matcher. Phrasings of my own, not round 10's (which found the gap)."""

from __future__ import annotations

import pytest

from intents.matcher import load_matcher
from intents.repairs import repaired


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("softer, no, louder please", "Louder", {}),
        ("faster, sorry, I mean slower", "Slower", {}),
        ("yes, wait, no", "No", {}),
        ("okay, no wait, no thanks", "No", {}),
        ("start a timer for five, no, eight minutes", "StartTimer", {"duration": 480}),
        ("set a timer for 10 minutes no wait 12 minutes", "StartTimer", {"duration": 720}),
        ("ice for twenty, sorry, fifteen minutes", "StartIce", {"duration": 900}),
        ("how long do I, actually, can I use a heat pad", "HeatQuestion", {}),
        # the amount corrected in the middle of the sentence, the rest of it kept
        ("add a minute to the ice, no wait, make it three", "AddTime", {"duration": 180}),
        ("take thirty seconds off the ice, sorry, twenty", "RemoveTime", {"duration": 20}),
    ],
)
def test_the_correction_is_what_is_acted_on(text: str, intent: str, slots: dict) -> None:
    found = load_matcher().understand(text)
    assert (found.intent, {k: found.slots[k] for k in slots}) == (intent, slots)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("my foot is fine, no, actually it's gone numb", "RedFlag"),  # the sign, never hidden
        ("I'm okay, sorry, I can't breathe", "Emergency"),
        ("louder, no, I can't feel my legs", "Emergency"),
    ],
)
def test_a_warning_sign_is_read_on_the_whole_sentence(text: str, intent: str) -> None:
    assert load_matcher().understand(text).intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "no, it doesn't hurt",  # a leading "no" answers: nothing before it to correct
        "it's actually fine",  # "actually" between words is no correction
        "no numbness, no tingling",
        "I mean it",
    ],
)
def test_no_correction(text: str) -> None:
    assert repaired(text) == []


def test_an_amount_corrected_alone_keeps_its_unit() -> None:
    assert repaired("hold for thirty seconds, actually make it twenty") == [
        "hold for twenty seconds",
        "twenty",
    ]


@pytest.mark.parametrize("text", ["ice timer status", "the ice timer remaining"])
def test_a_timer_asked_about_is_not_started(text: str) -> None:
    """Smart-speaker habits (round 10: "ice timer status" was StartIce): asking again beats
    starting the ice (intents/other_things.py)."""
    assert load_matcher().understand(text).intent not in ("StartIce", "StartTimer")


@pytest.mark.parametrize(
    "text",
    [
        "give me another minute on the ice, well actually a minute and a half",
        "add two minutes, or maybe three minutes",
        "take five minutes off, actually ten minutes off",
    ],
)
def test_two_amounts_without_a_correction_read_are_asked_not_guessed(text: str) -> None:
    """The first amount was acted on (a wrong number): which one is meant is asked."""
    found = load_matcher().understand(text)
    assert "duration" not in found.slots, found


def test_an_amount_naming_the_timer_is_no_second_amount() -> None:
    found = load_matcher().understand("add five minutes to the ten minute timer")
    assert (found.intent, found.slots.get("duration")) == ("AddTime", 300)


def test_a_corrected_amount_the_coach_must_ask_about_is_the_corrected_one() -> None:
    """ "put a minute on the ice" leaves adding or taking away in doubt: the coach asks, and
    asks about the three minutes the correction said, not the minute before it."""
    found = load_matcher().understand("put a minute on the ice, no wait, make it three")
    assert found.intent == "Unsure"
    assert {m.slots.get("duration") for m in found.alternatives} == {180}
