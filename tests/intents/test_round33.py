"""Blind round 33 (signs said in other words; dev half only, bench/fresh_rounds/), said
otherwise than its sentences: signs said beside a negation, which the safety net now reads
(the words no negation governs); Scots and Jamaican words; an ambulance asked for with an
address; a chest stood on, held or clutched; air that won't come in; wetting oneself without
knowing; a "one" that names the stretch before the count. Through the whole matcher; the
signs and their look-alikes are in signs_said_otherwise.yaml (test_understanding.py runs it)."""

from __future__ import annotations

import pytest

from intents.hold_counts import parse_reps
from intents.matcher import Matcher
from intents.safety_net import unnegated
from intents.symptoms import lexicon


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
