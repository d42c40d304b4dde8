"""The statistical layer never acts on RedFlag or Emergency (the safety lexicon and the safety
net read them first), so its guess is made among the other intents: a spasm told beside
something else that fell is not lost to a share of RedFlag neither safety layer claimed, and
signs are still escalated by the layers that own them. Through the whole matcher."""

from __future__ import annotations

import pytest

from intents.matcher import Matcher

ORDINARY = [
    "the box fell off the shelf and my back went",
    "the load fell off the pallet, I lunged to catch it and my back's gone",
    "i'm a builder and i put my back out on site",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_a_spasm_told_beside_something_that_fell_is_understood(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent == "SpasmStarted"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("I fell off the shelf and my back went", "RedFlag"),
        ("the box fell on my head and now I can't see properly", "Emergency"),
    ],
)
def test_signs_beside_them_are_still_escalated(matcher: Matcher, text: str, intent: str) -> None:
    assert matcher.understand(text).intent == intent
