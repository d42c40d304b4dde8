"""A yes or a no beside talk said to someone else in the room is no answer to the coach
(intents/asides.py): it would take whatever had just been offered. Said in other words than
the rounds it was found on (bench/fresh_rounds: round 20's "sure, order the pizza")."""

from __future__ import annotations

import pytest

from intents.matcher import load_matcher


@pytest.mark.parametrize(
    "text",
    [
        "sure, I'll pick the kids up at six",
        "yes, the bins go out on tuesday",
        "no, the blue mug is in the dishwasher",
        "yeah, yeah, the film starts at nine",
    ],
)
def test_an_answer_beside_talk_to_someone_else_is_not_taken(text: str) -> None:
    assert load_matcher().understand(text).intent == "Unknown"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("yes please, she wants to try it", "Yes"),  # for the one on the floor
        ("no, none of that, just the usual stiffness", "No"),  # still the denial
        ("yes, I can feel my feet fine", "Yes"),
        ("no thanks, I'm comfortable on the floor", "No"),
        ("no, not right now", "No"),
    ],
)
def test_an_answer_with_its_reason_is_still_an_answer(text: str, intent: str) -> None:
    assert load_matcher().understand(text).intent == intent
