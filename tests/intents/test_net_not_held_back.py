"""The safety net escalates a sign its model is sure of unless the intent model reads an
ordinary request in the sentence (intents/safety_net.py `ORDINARY`: "took my two ibuprofen" is
PainRelief). Once the intent model learnt the fresh rounds' dev halves it read more requests,
and held back signs it should not (bench/results/round_training.md): a request the statistical
layer then does not take holds nothing back (intents/matcher.py `UNVETOED`); a report holds
no emergency back, and the spasm told no red flag (`TOLD_WITH_SIGNS`, `TOLD_WITH_RED_FLAGS`)."""

from __future__ import annotations

import pytest

from intents.matcher import Matcher


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("I kinda ate it on my skateboard and now my back's wrecked", "RedFlag"),  # a fall
        ("I think this is my heart, not my back, my dad went exactly the same way", "Emergency"),
        (
            "Ah've no been able tae go fur a wee since this mornin', ah'm burstin' an' nothin'"
            " comes.",
            "Emergency",
        ),
    ],
)
def test_a_sign_the_net_is_sure_of_is_not_held_back_by_a_report(
    matcher: Matcher, text: str, intent: str
) -> None:
    assert matcher.understand(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("took my two ibuprofen", "PainRelief"),
        ("Since yesterday morning, after my night duty.", "Onset"),
        ("Knee to chin make it worse, very pain", "ItHurts"),
    ],
)
def test_an_ordinary_request_still_holds_a_red_flag_back(
    matcher: Matcher, text: str, intent: str
) -> None:
    assert matcher.understand(text).intent == intent
