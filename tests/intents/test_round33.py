"""Blind round 33 (signs said in other words; dev half only, bench/fresh_rounds/), said
otherwise than its sentences: signs said beside a negation, which the safety net now reads
(the words no negation governs); Scots and Jamaican words; an ambulance asked for with an
address; a chest stood on, held or clutched; air that won't come in; wetting oneself without
knowing; a "one" that names the stretch before the count. Through the whole matcher."""

from __future__ import annotations

import pytest

from intents.hold_counts import parse_reps
from intents.matcher import Matcher
from intents.safety_net import unnegated
from intents.symptoms import lexicon

SIGNS = [
    # said beside a negation: the net reads what the negation does not govern
    ("my left leg, it doesn't want to take my weight when i get up", "RedFlag"),
    ("the side of my calf is like cardboard, i press it and feel next to nothing", "RedFlag"),
    # Scots, Jamaican
    ("ma legs have went, I'm tellin them tae move and naethin happens", "Emergency"),
    ("I'd be better aff no wakin up", "Emergency"),
    ("mi bredda seh mi mout twist up", "Emergency"),
    # in other words
    ("ambulance please, I'll give you the address", "Emergency"),
    ("how do we call an ambulance from here", "Emergency"),
    ("my chest feels like somebody is kneeling on it", "Emergency"),
    ("he's gone grey and he's clutching his chest", "Emergency"),
    ("I breathe in but the air won't come in", "Emergency"),
    ("I wet myself and I didn't even notice", "Emergency"),
    ("grandad wet himself and he didn't even know", "Emergency"),
    ("it's getting worser every week", "RedFlag"),
]
NOT_SIGNS = [
    # a negation the net once ignored: it reads only what no negation governs
    "i'm not short of breath",
    "my face isn't drooping",
    "there's nothing odd going on in my groin",
    "i haven't lost control of my bladder or anything like that",
    "i can't say i have any numbness, no",
    # phone words alone are the lexicon's
    "not now, I've got a call coming in",
    "an ambulance just went past the window",
    # past, mended; a pet
    "I had a fall off a ladder years back, long healed, this is new",
    "our rabbit fell off the sofa but she's fine",
]


@pytest.mark.parametrize(("text", "intent"), SIGNS)
def test_sign_said_otherwise_escalates(matcher: Matcher, text: str, intent: str) -> None:
    assert matcher.understand(text).intent == intent


@pytest.mark.parametrize("text", NOT_SIGNS)
def test_look_alike_does_not_escalate(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent not in ("RedFlag", "Emergency")


@pytest.mark.parametrize(
    ("words", "kept"),
    [
        ("i'm not short of breath", "i'm"),
        ("nothing has gone numb", ""),
        ("my leg it don't want to hold me when i try to stand", "my leg it i try to stand"),
        ("my foot is numb", "my foot is numb"),
    ],
)
def test_the_net_reads_what_no_negation_governs(words: str, kept: str) -> None:
    assert unnegated(words.split(), lexicon().sets["negator"]) == kept.split()


@pytest.mark.parametrize(
    ("text", "reps"),
    [
        ("start the stretching one, hold it for twenty seconds, do it five times", 5),
        ("the knee one, three times please", 3),
        ("start the stretch, one hold of twenty seconds", 1),
        ("start the stretch", None),
    ],
)
def test_a_one_that_names_the_stretch_gives_way_to_the_count(text: str, reps: int | None) -> None:
    assert parse_reps(text) == reps


def test_stretch_with_a_naming_one_starts_with_the_count_said(matcher: Matcher) -> None:
    got = matcher.understand(
        "please start the stretching one, hold it for 20 seconds, do it 5 times"
    )
    assert got.intent == "StartStretch"
    assert got.slots.get("reps") == 5
