"""Blind round 43 (requests where a careless assistant does the wrong thing; bench/fresh_rounds/,
dev half only): what its misses taught, said here in other words than the rows. A thing
corrected on its own takes the verb said before it ("pause the ice, no, the stretch": the
stretch paused, not the ice: intents.repairs); a time said of the last dose is no onset ("it's
been six hours since my last pill": intents.other_things); and, from the spoken requests, half
a sentence ("i need", "i will", "i was") is no request at all (intents.fragments), though a
template said whole still is and a warning sign cut short still escalates. First contact: wrong
actions 3.6% of the dev half's 279 requests."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from intents.matcher import Matcher

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from blind_scoring import requests_scored  # noqa: E402

ROUNDS = Path(__file__).resolve().parents[2] / "bench" / "fresh_rounds"

CORRECTED = [
    ("start the ice, no, sorry, the stretch", "StartStretch", {}),
    ("pause the stretch, no, the ice", "PauseTimer", {"timer": "ice"}),
    ("how long on the tea timer, no wait, the pasta timer", "TimerStatus", {"timer": "pasta"}),
    ("cancel the five minute timer, sorry, the ten minute one", "CancelTimer", {"duration": 600}),
    ("set a timer for ten, no, twenty minutes", "StartTimer", {"duration": 1200}),  # as before
]


@pytest.mark.parametrize(("text", "intent", "slots"), CORRECTED)
def test_a_thing_corrected_on_its_own_takes_the_verb_before_it(
    matcher: Matcher, text: str, intent: str, slots: dict[str, Any]
) -> None:
    got = matcher.understand(text)
    assert (got.intent, got.slots) == (intent, slots)


@pytest.mark.parametrize(
    "text",
    ["it's been six hours since my last pill", "my last dose was three hours ago, another one?"],
)
def test_a_time_said_of_the_last_dose_is_no_onset(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent != "Onset"


def test_a_time_said_of_the_spasm_still_is(matcher: Matcher) -> None:
    got = matcher.understand("it's been six hours since it started")
    assert (got.intent, got.slots) == ("Onset", {"onset": "6 hours"})


@pytest.mark.parametrize("text", ["i need", "i will", "i was", "i am", "i'm going", "can i"])
def test_half_a_sentence_is_no_request(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent == "Unknown"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("i do", "Yes"),
        ("i think so", "Yes"),
        ("that's me done", "Goodbye"),
        ("you there?", "AreYouThere"),
        ("you with me?", "AreYouThere"),
        ("i can't", "Emergency"),  # "i can't ... breathe": the safety net's to read
    ],
)
def test_a_short_sentence_that_says_something_still_counts(
    matcher: Matcher, text: str, intent: str
) -> None:
    assert matcher.understand(text).intent == intent


def test_dev_half_floor(matcher: Matcher) -> None:
    """Requests of the dev half: right and wrong actions at the measured values."""
    scores = requests_scored(matcher.understand, ROUNDS / "mixed_round43_dev.yaml")
    assert scores.count("right") / len(scores) >= 0.90
    assert scores.count("wrong") <= 7  # of 279 (2.5%)


@pytest.mark.parametrize(
    ("text", "onset", "area"),
    [
        ("my back locked up two days ago", "2 days", "back"),
        ("my back went four hours ago", "4 hours", "back"),
        ("my neck went stiff an hour ago", "1 hours", "neck"),
    ],
)
def test_a_spasm_told_with_when_it_started(
    matcher: Matcher, text: str, onset: str, area: str
) -> None:
    """Found beside the round: the model split these between SpasmStarted and Onset, neither
    sure enough alone, and the coach said it didn't catch that; the sentence is both
    (intents.statistical `_spasm_with_onset`). One that is an onset alone stays one."""
    got = matcher.understand(text)
    assert (got.intent, got.slots) == ("SpasmStarted", {"area": area, "onset": onset})
    assert matcher.understand("it started two days ago").intent == "Onset"
