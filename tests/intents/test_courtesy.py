"""A request wrapped in courtesy is read as the plain request (intents/courtesy.py), through
the real matcher. Phrasings of my own, not round 11's (whose polite persona found the gap)."""

from __future__ import annotations

import pytest

from intents.courtesy import plainly
from intents.matcher import load_matcher


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("would you mind adding three minutes to the neck timer",
         "add three minutes to the neck timer"),
        ("would you mind terribly stopping the count", "stop the count"),
        ("do you mind pausing it", "pause it"),
        ("would you mind cancelling the ice", "cancel the ice"),
        ("i'd be most grateful if you spoke a bit slower", "speak a bit slower"),
        ("i'd be glad if you paused the timer", "pause the timer"),
        ("i was wondering whether i should lie on my side", "should i lie on my side"),
        ("i'm wondering if you could start the ice", "could you start the ice"),
        ("may i ask whether i ought to stay still", "should i stay still"),
        ("if it's no bother, set a timer for ten minutes", "set a timer for ten minutes"),
        ("sorry, would you mind putting that again", "put that again"),
        ("how long do i ice it", None),  # no wrapper
        ("would you mind", None),
    ],
)  # fmt: skip
def test_the_wrapper_comes_off(text: str, plain: str | None) -> None:
    assert plainly(text) == plain


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        # Before: Unknown or unsure.
        ("i'd be ever so grateful if you could repeat that", "Repeat", {}),
        ("would you mind starting the stretch", "StartStretch", {}),
        ("would you mind adding three minutes to the neck timer", "AddTime",
         {"duration": 180, "timer": "neck"}),
        # The whole sentence decides a warning sign; a request to leave is nothing of ours.
        ("would you mind calling an ambulance", "Emergency", {}),
        ("would you mind stopping, my left leg has gone numb", "RedFlag", {}),
        ("would you mind if i had a cup of tea", "Unknown", {}),
    ],
)  # fmt: skip
def test_a_polite_request_is_understood(text: str, intent: str, slots: dict) -> None:
    found = load_matcher().understand(text)
    assert (found.intent, {k: found.slots.get(k) for k in slots}) == (intent, slots)
