"""Warning signs of blind round 31 (twelve personas; dev half only, bench/fresh_rounds/), said in
other words than its sentences: West African pidgin ("i no fit", "dey"), a dropped g, a mouth
twisting, "i have fallen", a fever said as roasting and shivering, and "i feel like i've been
hit by a truck", which is how people say they hurt, not that a truck hit them. Through the
lexicon alone (intents/symptoms.yaml, intents/dialect.py), and the matcher for what the
tolerant and statistical layers did with ice that is gone."""

from __future__ import annotations

import pytest

from intents.matcher import Matcher
from intents.symptoms import spot_warning

EMERGENCY, PROFESSIONAL = "emergency", "professional"

SAID_OTHERWISE = [
    ("i no fit catch my breath", EMERGENCY),  # pidgin: "no fit" is can't
    ("abeg i no fit move my legs at all", EMERGENCY),
    ("her mouth dey twist to one side", EMERGENCY),
    ("my mouth is twisting", EMERGENCY),
    ("my foot dey numb since morning", PROFESSIONAL),
    ("my arm no get power", PROFESSIONAL),
    ("e dey wake me for night, the pain", PROFESSIONAL),
    ("my toes are tinglin", PROFESSIONAL),
    ("i'm sweatin and shiverin", PROFESSIONAL),
    ("i'm roasting then shivering", PROFESSIONAL),
    ("i have fallen down the stairs", PROFESSIONAL),
    ("we had fallen on the ice, both of us", PROFESSIONAL),
    ("zingers going down my leg", PROFESSIONAL),
    ("i was knocked down by a van", EMERGENCY),  # a simile's neighbour: a real strike
    ("i was in a car crash this morning", PROFESSIONAL),
    # rounds 23 and 26, seen by mistake: emergencies read as red flags, said otherwise
    ("suddenly both leg won't move", EMERGENCY),  # "both leg", "between leg": plural meant
    ("numb between leg, i can't feel it", EMERGENCY),
    ("her face drop one side", EMERGENCY),
    ("i've had an accident in my undies and i never felt it", EMERGENCY),
    ("my right arm's gone weak and heavy and i can't raise it", EMERGENCY),
    ("i took that many tablets i lost count", EMERGENCY),
    ("my right arm is weak but i can lift it", PROFESSIONAL),
    ("i had a really stupid fall on the stairs", PROFESSIONAL),  # a fall with words between
    ("we had a bit of a falling out", None),
    ("i've lost track of time", None),  # losing count is no overdose without taking anything
    ("how many holds was that, i've lost count", None),
    # near neighbours that keep their reading (no sign)
    ("i feel like i've been run over by a bus", None),
    ("it feels as if i was hit by a lorry, everything aches", None),
    ("i'm roasting the potatoes and shaking the tray", None),
    ("i have fallen asleep on the floor twice", None),
    ("i no fit wait for the ice, start it", None),
    ("the film starts at night", None),
]


@pytest.mark.parametrize(("text", "tier"), SAID_OTHERWISE)
def test_sentence_gives_its_tier(text: str, tier: str | None) -> None:
    found = spot_warning(text)
    assert (found.tier if found else None) == tier, found


@pytest.mark.parametrize(
    "text", ["i lost the ice cube", "i've forgotten the ice", "we've run out of ice cubes"]
)
def test_ice_that_is_gone_starts_nothing(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent != "StartIce"


@pytest.mark.parametrize("text", ["i've got the ice", "i half the ice"])
def test_the_ice_in_hand_or_a_misheard_have_still_starts_it(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent == "StartIce"


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("stop every last timer", {"all": True}),  # "every last" is every one
        ("pause it, the little one's crying", {}),  # a child, no timer called "little"
        ("pause it, the baby needs feeding", {}),
        ("pause the pasta", {"timer": "pasta"}),
        ("take five minutes off the lasagne, thanks coach", {"timer": "lasagne"}),
        ("add two minutes to the rice, it's still hard", {"timer": "rice"}),
        ("take a minute off the top", {}),
    ],
)
def test_which_timer(matcher: Matcher, text: str, slots: dict[str, object]) -> None:
    found = matcher.understand(text)
    assert {k: v for k, v in found.slots.items() if k in ("all", "timer")} == slots, found


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("start the ice for ten minutes, please, ten", 600),  # the amount said again
        ("set a timer for three minutes three", 180),
        ("set a timer for two minutes fifteen", 135),  # a tail that is not the amount again
        ("set a timer for a minute thirty", 90),
        ("set a timer for 1 hour 30", 5400),
    ],
)
def test_a_number_after_the_amount(matcher: Matcher, text: str, seconds: int) -> None:
    assert matcher.understand(text).slots.get("duration") == seconds
