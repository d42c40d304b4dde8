"""Blind round 34 (timers and numbers, conversation; dev half only, bench/fresh_rounds/), said
otherwise than its sentences: a timer named by "the X one" or "labelled X", a timer said not to
be the one ("not the ice, the plain timer"), an amount stumbled over with a filler between
("five, uh, five minutes"), Thai and Singaporean particles ("yes ka"), and a pause or a cancel
of what is no timer (the film, the meeting). Through the whole matcher."""

from __future__ import annotations

import pytest

from intents.matcher import Matcher
from intents.repairs import repaired
from intents.slot_words import parse_timer_name
from intents.stumbles import unstuttered

NAMED = [
    ("pause the neck one", "neck"),
    ("take a few minutes off the neck one", "neck"),
    ("resume the pasta one", "pasta"),
    ("delete the timer labelled invoice, effective immediately", "invoice"),
    ("drop twenty minutes off, not the ice, the plain timer", "timer"),
    ("stop the ice one", "ice"),
    # no name: a selector or a size
    ("cancel the other one", None),
    ("cancel the long one", None),
    ("cancel the five one", None),
]


@pytest.mark.parametrize(("text", "name"), NAMED)
def test_the_timer_is_named_as_said(text: str, name: str | None) -> None:
    assert parse_timer_name(text) == name


UNDERSTOOD = [
    ("Add ninety seconds to the neck one.", "AddTime", {"duration": 90, "timer": "neck"}),
    ("add five, um, five minutes", "AddTime", {"duration": 300}),
    (
        "Extend all timers by five, uh, five minutes, copy.",
        "AddTime",
        {"duration": 300, "all": True},
    ),
    ("Yes ka, please.", "Yes", {}),
    ("continue the timer lah", "ResumeTimer", {"timer": "timer"}),
    ("pause the timer, the film is on", "PauseTimer", {"timer": "timer"}),
]


@pytest.mark.parametrize(("text", "intent", "slots"), UNDERSTOOD)
def test_understood_with_its_slots(matcher: Matcher, text: str, intent: str, slots: dict) -> None:
    got = matcher.understand(text)
    assert (got.intent, got.slots) == (intent, slots)


NO_TIMER = [
    "Erik, pause the film, I need to hold still for a bit.",
    "Tell them the meeting's cancelled. Two o'clock, cancel it.",
    "pause the music",
    "cancel my appointment",
]


@pytest.mark.parametrize("text", NO_TIMER)
def test_what_is_no_timer_is_not_acted_on(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent == "Unknown"


@pytest.mark.parametrize(
    ("text", "once"),
    [
        ("add five, um, five minutes", "add five minutes"),
        ("nine, um, nine, nine", None),  # dialled, not stumbled over
        ("my leg, um, my leg is numb", "my leg is numb"),
        ("add five minutes, please", None),  # a filler alone is no stumble
    ],
)
def test_a_filler_between_repeats_is_still_a_stumble(text: str, once: str | None) -> None:
    assert unstuttered(text) == once


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        (
            "Start the knee routine, hold 45 seconds, repeat 3 times. Correction, 4 times.",
            {"duration": 45, "reps": 4},
        ),  # the count corrected, never the hold's length ("hold 4 seconds" before)
        ("start the stretch, five holds, no, six holds", {"reps": 6}),
        ("set a timer for 10 minutes. Correction, 8 minutes", {"duration": 480}),
    ],
)
def test_a_corrected_count_replaces_the_count(matcher: Matcher, text: str, slots: dict) -> None:
    got = matcher.understand(text)
    assert got.slots == slots


def test_a_count_corrected_is_swapped_for_the_count_not_the_length() -> None:
    assert repaired("hold 45 seconds, repeat 3 times, no, 4 times")[0] == (
        "hold 45 seconds, repeat 4 times"
    )
