"""Warning signs of blind rounds 28 (six personas, one a stammerer) and 29 (emergencies and
their look-alikes, dev half only; bench/fresh_rounds/), said in other words than their
sentences: what the lexicon (intents/symptoms.yaml) missed or escalated only as a red flag, and
near neighbours that must keep their reading. Through the lexicon alone, and through the
matcher for what is stumbled over (intents/stumbles.py)."""

from __future__ import annotations

import pytest

from intents.matcher import load_matcher
from intents.stumbles import unstuttered
from intents.symptoms import spot_warning

EMERGENCY, PROFESSIONAL = "emergency", "professional"

ROUND_29_EMERGENCIES_IN_OTHER_WORDS = [
    # an arm that will not go up, on one side, is a stroke sign (FAST), not a weak arm
    ("I can't raise my right arm at all", EMERGENCY),
    ("her left arm just won't lift", EMERGENCY),
    ("I can't lift my arm, the right one", EMERGENCY),
    ("my hand's gone limp on the left side", EMERGENCY),
    ("everything's fine but I'm seeing everything doubled, my vision's double", EMERGENCY),
    ("my mouth looks lopsided", EMERGENCY),
    ("could this be a hard attack", EMERGENCY),  # heart attack, as a recognizer writes it
    ("my arms feel heavy and so does my chest", EMERGENCY),
    ("sometimes I think it would be easier if I just never woke up", EMERGENCY),
    ("it wouldn't be the worst thing if I didn't wake up", EMERGENCY),
    ("we'd like an ambulance to come out please", EMERGENCY),
    ("I've had all the tablets that were left in the box", EMERGENCY),
    ("the toddler got into grandma's pills", EMERGENCY),
    ("the entire packet is gone, I took it", EMERGENCY),
    ("I've been taking double doses since breakfast", EMERGENCY),
    ("my legs won't seem to respond", EMERGENCY),
    ("my legs, they've gone dead, both of them", EMERGENCY),
    ("my backside feels like wood, I can't feel it", EMERGENCY),
    # near neighbours that keep their reading
    ("my left arm's at maybe twenty percent strength", PROFESSIONAL),
    ("can I take a double dose of ibuprofen?", None),
    ("if I don't wake up in time, will the timer ring?", None),
    ("the paramedics came out last year for my mum", None),
    ("my dad always said to call 999 in an emergency", None),
    ("my mouth feels dry after the ice", None),
]

ROUND_28_SIGNS_IN_OTHER_WORDS = [
    ("it's going into my left arm and up my jaw", EMERGENCY),
    ("I'm getting no air in", EMERGENCY),
    ("call 112 now", EMERGENCY),
    ("the wee just came out on its own", EMERGENCY),
    ("weakness on the right side of my face and arm, it just came on", EMERGENCY),
    ("one-sided weakness, it started ten minutes ago", EMERGENCY),
    ("I cracked my skull on the shelf when I went down", EMERGENCY),
    ("I've swallowed everything from the medicine cupboard", EMERGENCY),
    ("my foot, I can't feel it properly", PROFESSIONAL),
    ("my hand feels like it's made of rubber", PROFESSIONAL),
    ("my foot is asleep and it won't wake up", PROFESSIONAL),
    ("it began as a niggle and it grows and grows", PROFESSIONAL),
    ("the whole night it's paining me", PROFESSIONAL),
    ("got rear-ended on the motorway last week", PROFESSIONAL),
    ("I came off the scooter and went down onto the tarmac hard", PROFESSIONAL),
    # near neighbours
    ("my jaw aches after the dentist", None),
    ("the ice cube went onto the floor", None),
]


@pytest.mark.parametrize(
    ("text", "tier"), ROUND_29_EMERGENCIES_IN_OTHER_WORDS + ROUND_28_SIGNS_IN_OTHER_WORDS
)
def test_sentence_gives_its_tier(text: str, tier: str | None) -> None:
    found = spot_warning(text)
    assert (found.tier if found else None) == tier, (text, found)


@pytest.mark.parametrize(
    ("text", "intent", "symptom"),
    [
        ("I cr-cracked my, my head when I fell, it's, it's bleeding", "Emergency", "head_injury"),
        ("I've gone n-numb between my, my legs", "Emergency", "saddle"),
        ("I can't, I can't go on any, anymore", "Emergency", "suicide"),
        ("my f-foot, my foot's gone numb", "RedFlag", "numbness"),
        ("no, no, no tingling at all", "No", None),  # a denial stumbled over stays one
    ],
)
def test_a_sign_stumbled_over_is_read_said_once(text: str, intent: str, symptom: str) -> None:
    found = load_matcher().understand(text)
    assert (found.intent, found.slots.get("symptom")) == (intent, symptom), (text, found)


@pytest.mark.parametrize(
    ("text", "said_once"),
    [
        ("resume resume everything", "resume everything"),
        ("set a, set a timer for ten minutes", "set a timer for ten minutes"),
        ("ten... ten minutes", "ten minutes"),
        ("I t-tripped on the st-stairs", "i tripped on the stairs"),
        ("I don't want to be here any, anymore", "i don't want to be here anymore"),
        ("call nine nine nine", None),  # dialled, not stumbled
        ("one one two", None),
        ("my back hurts", None),
    ],
)
def test_what_is_stumbled_over_is_said_once(text: str, said_once: str | None) -> None:
    assert unstuttered(text) == said_once
