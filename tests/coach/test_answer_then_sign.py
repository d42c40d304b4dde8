"""A "no" that answers an open offer, then a warning sign (voice.coach.context.in_context): as
a recognizer writes it, with no comma, "no i can't move my legs" reads as a denial as a whole
(Unknown: "Sorry, I didn't catch that"); while the coach has asked something, the "no" is the
answer and the sign is said. Real lexicon and matcher."""

from __future__ import annotations

import pytest

from intents.matcher import load_matcher
from voice.coach.context import in_context


@pytest.mark.parametrize(
    ("said", "intent"),
    [
        ("no i can't move my legs", "Emergency"),
        ("nope i cannot breathe properly", "Emergency"),
        ("no my left foot has gone numb", "RedFlag"),
    ],
)
def test_while_an_offer_is_open_a_sign_after_the_no_is_said(said: str, intent: str) -> None:
    match = load_matcher().understand(said)
    assert in_context(match, offer_open=True, active=[]).intent == intent


@pytest.mark.parametrize(
    "said", ["no thanks", "no i don't want the hold", "no i don't have any numbness", "no"]
)
def test_an_answer_with_no_sign_after_it_is_left_as_it_was(said: str) -> None:
    match = load_matcher().understand(said)
    assert in_context(match, offer_open=True, active=[]) == match


def test_with_nothing_asked_the_sentence_is_read_as_a_whole() -> None:
    match = load_matcher().understand("no i can't move my legs")
    assert match.intent != "Emergency"  # the blind test half's harmless sentence: see context.py
    assert in_context(match, offer_open=False, active=[]) == match
