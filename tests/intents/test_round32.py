"""Blind round 32 (twelve personas; dev half only, bench/fresh_rounds/), said in other words
than its sentences: an emergency said with a comma after it ("I have no air, ..."), a whole
bunch of pills, no reason left to go on, a limb that is "not even mine", a jolt from the neck to
the elbow; a sign disowned in a story ("was my brother's, not mine"); "me back", an r not said
("my bahck", "the pasta timah"), "all timer", "do 5 time", and an amount told of beside the one
asked for ("48 minutes left, take half an hour off"). Through the whole matcher; the signs and
their look-alikes are in signs_said_otherwise.yaml (the generic runner, test_understanding.py)."""

from __future__ import annotations

import pytest

from intents.matcher import Matcher
from intents.slot_words import parse_all, parse_area, parse_reps


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("the oven says 12 minutes left, take five minutes off the pie timer", "RemoveTime",
         {"duration": 300, "timer": "pie"}),
        ("give the bread timer another ten minutes, it's 2 days old", "AddTime",
         {"duration": 600, "timer": "bread"}),
        ("take away three minutes from the ice", "RemoveTime", {"duration": 180, "timer": "ice"}),
        ("take four minutes off the ice, i've 2 more to do after", "RemoveTime",
         {"duration": 240, "timer": "ice"}),
        ("give ten minutes more to the ice", "AddTime", {"duration": 600, "timer": "ice"}),
        ("pause the pasta timah", "PauseTimer", {"timer": "pasta"}),
        ("stop all timer", "CancelTimer", {"all": True}),
        ("the cat's on my chest, but start the stretch, three holds", "StartStretch", {"reps": 3}),
    ],
)  # fmt: skip
def test_timer_request_reads_the_amount_asked_for(
    matcher: Matcher, text: str, intent: str, slots: dict[str, object]
) -> None:
    found = matcher.understand(text)
    assert (found.intent, dict(found.slots)) == (intent, slots)


def test_two_amounts_asked_for_are_still_asked_about(matcher: Matcher) -> None:
    found = matcher.understand("add a minute, no, maybe two minutes, to the ice")
    assert found.intent in ("Unknown", "Unsure") or found.slots.get("duration") == 120


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("i've done me back in", "back"),
        ("me back's gone again", "back"),
        ("there's a pain in me back", "back"),
        ("my bahck just went", "back"),
        ("call me back in ten minutes", None),
        ("get me back up off the floor", None),
    ],
)
def test_me_back_is_my_back(text: str, area: str | None) -> None:
    assert parse_area(text) == area


@pytest.mark.parametrize(
    ("text", "reps"),
    [("do 5 time", 5), ("hold it ten seconds, three time", 3), ("one more time", None)],
)
def test_reps_said_without_the_plural(text: str, reps: int | None) -> None:
    assert parse_reps(text) == reps


@pytest.mark.parametrize(
    ("text", "every"), [("continue all timer", True), ("i was up all night", False)]
)
def test_all_timer_is_every_timer(text: str, every: bool) -> None:
    assert parse_all(text) is every
