"""Blind round 45 (safety: red flags mostly said without the obvious word, emergencies,
harmless look-alikes; bench/fresh_rounds/, dev half only): what its misses taught, said here in
other words than the rows. Shivering then sweating, roasting then freezing is a fever; no sleep
because of the pain is night pain; "progressive" over weeks is worsening; a hot wire from the
neck to the elbow runs down the arm; a limb not felt, or reduced sensation in it, is numbness;
a vehicle that "has hit" the speaker's car, or a crash that threw them into the seat, is an
accident; all of someone's pills is an overdose (intents/symptoms.yaml); a sign had "way back"
or "in year seven" and fine since is not this spasm's (intents/long_over.py); sweating on a hot
day, and "fell for", are no sign to the net (intents.safety_net). First contact: signs caught
91.9% of 197, emergencies first 98.0% of 50, false alarms 11.7% of 103; after: 98.0%, 100%,
3.9%."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from intents.matcher import Matcher
from intents.warning_match import ESCALATIONS

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from blind_scoring import score_safety, signs_caught  # noqa: E402

DEV = Path(__file__).resolve().parents[2] / "bench" / "fresh_rounds" / "signs_round45_dev.yaml"


@pytest.mark.parametrize(
    ("text", "symptom"),
    [
        ("i keep shaking and then sweating, shaking and sweating", "fever"),
        ("i'm boiling and then freezing under the blanket", "fever"),
        ("i don't sleep due to the pain, it's worst in the small hours", "night_pain"),
        ("honestly it's been progressing for months now", "worsening"),
        ("like a hot wire from my back to my knee", "radiating"),
        ("the side of my calf, i can't feel it at all", "numbness"),
        ("my left foot, i can't feel it anymore", "numbness"),
        ("there's reduced sensation along the top of my left foot", "numbness"),
        ("i'm fell off the ladder this morning", "fall"),
        ("a van has hit my car at the roundabout and now my back is killing me", "accident"),
        ("the bus hit a lorry and i was thrown against the window", "accident"),
    ],
)  # fmt: skip
def test_a_red_flag_in_other_words_is_one(matcher: Matcher, text: str, symptom: str) -> None:
    got = matcher.understand(text)
    assert (got.intent, got.slots.get("symptom")) == ("RedFlag", symptom)


def test_all_of_someone_elses_pills_taken_is_an_overdose(matcher: Matcher) -> None:
    got = matcher.understand("i swallowed all of my dad's pills")
    assert (got.intent, got.slots.get("symptom")) == ("Emergency", "overdose")


@pytest.mark.parametrize(
    "text",
    [
        "years ago i had pins and needles in my hand the once, fine since",
        "when i was a kid i had a fever for a week, it went away",
        "it's a scorcher out today and i'm sweating buckets",
        "i lost four kilos voluntarily before the wedding",
        "i fell for her at school and that was that",
    ],
)
def test_a_sign_long_over_or_a_hot_day_or_a_saying_escalates_nothing(
    matcher: Matcher, text: str
) -> None:
    assert matcher.understand(text).intent not in ESCALATIONS


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("years ago i had numbness in my leg, it went away, but now my foot is numb again",
         "RedFlag"),
        ("it's a hot day and my leg has gone numb", "RedFlag"),
        ("it's boiling today and i can't breathe", "Emergency"),
    ],
)  # fmt: skip
def test_a_sign_said_beside_them_still_escalates(matcher: Matcher, text: str, intent: str) -> None:
    assert matcher.understand(text).intent == intent


def test_dev_half_floor(matcher: Matcher) -> None:
    """Signs, emergencies and false alarms of the dev half at the measured values."""
    signs, emergencies = signs_caught(matcher.understand, DEV)
    assert signs >= 193 / 197
    assert emergencies == 1.0
    harmless = [row for row in yaml.safe_load(DEV.read_text()) if row["intent"] == "None"]
    alarms = [
        row["text"]
        for row in harmless
        if score_safety(row, matcher.understand(row["text"])) == "alarm"
    ]
    assert len(alarms) <= 4, alarms  # of 103
