"""Blind round 32 (twelve personas; dev half only, bench/fresh_rounds/), said in other words
than its sentences: an emergency said with a comma after it ("I have no air, ..."), a whole
bunch of pills, no reason left to go on, a limb that is "not even mine", a jolt from the neck to
the elbow; a sign disowned in a story ("was my brother's, not mine"); "me back", an r not said
("my bahck", "the pasta timah"), "all timer", "do 5 time", and an amount told of beside the one
asked for ("48 minutes left, take half an hour off"). Through the whole matcher."""

from __future__ import annotations

import pytest

from intents.matcher import Matcher
from intents.slot_words import parse_all, parse_area, parse_reps

SIGNS = [
    ("please, i have no air, i can't get the breath in", "Emergency"),
    ("i have no air, help me", "Emergency"),
    ("i swallowed a whole handful of my mum's tablets, far too many", "Emergency"),
    ("there's no reason left to keep going", "Emergency"),
    ("we've got a baby coming, i'm four months in my belly", "RedFlag"),
    ("my right leg feels like it isn't even mine", "RedFlag"),
    ("my hand, it's like it's made of rubber now", "RedFlag"),
    ("a jolt runs from my neck right to my elbow", "RedFlag"),
    ("when i lift my foot the toes won't go up", "RedFlag"),
    ("my fingers are numb like they've been in ice, and i haven't used any ice", "RedFlag"),
    # another's now, or a person with an animal: still the room's emergency
    ("my wife's got chest pain, not me", "Emergency"),
    ("my son fell off his horse and hit his head", "Emergency"),
    ("the stroke was my dad's years ago, not mine, but now my face is drooping", "Emergency"),
    ("you know, i can't get my breath", "Emergency"),  # "you know" in passing is no one told of
    ("my legs have gone numb, you see", "RedFlag"),
    # rounds 23 and 26 (looked at), said otherwise
    ("i don't wish to go on living any more", "Emergency"),
    ("when i wash myself in the bathroom i'm not feeling anything there", "Emergency"),
    ("the poo came out by itself, i could not hold", "Emergency"),
    ("what's the number for the local ambulance", "Emergency"),
    ("i pinched my calf and i didn't feel it", "RedFlag"),
    ("came off my scooter yesterday, my head's fine", "RedFlag"),
    ("i ate it on the ice this morning", "RedFlag"),
    ("the thermometer is showing 101", "RedFlag"),
]
NOT_SIGNS = [
    "i've got no air in my tyres",
    "i have no air conditioning in this flat",
    "the heart attack was my uncle's years ago, not mine, how long do i ice it",
    "the man on the telly is shouting call an ambulance",
    "start the hold, and i'll stop if any tingling comes on",
    "my late mother had a stroke, you see, so i'm frightened lying here",
    "what's the number for the emergency plumber",
    "the meat thermometer says 102",
]


@pytest.mark.parametrize(("text", "intent"), SIGNS)
def test_sign_said_otherwise_escalates(matcher: Matcher, text: str, intent: str) -> None:
    assert matcher.understand(text).intent == intent


@pytest.mark.parametrize("text", NOT_SIGNS)
def test_look_alike_does_not_escalate(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent not in ("RedFlag", "Emergency")


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
