"""The safety net escalates a sign its model is sure of unless the intent model reads an
ordinary request in the sentence (intents/safety_net.py `ORDINARY`: "took my two ibuprofen" is
PainRelief). An intent model that learnt the fresh rounds' dev halves read more requests, and
held back signs it should not (bench/results/round_training.md): a report holds no emergency
back, the spasm told no red flag (`TOLD_WITH_SIGNS`, `TOLD_WITH_RED_FLAGS`), and a request
the statistical layer does not take holds nothing back (intents/matcher.py `UNVETOED`).

The product's intent model reads none of these sentences as a request, so the rules are shown
with a small intent model trained here (real training, a few sentences) that does, beside the
product's safety-net model."""

from __future__ import annotations

import pytest

from intents.classifier import Example, IntentModel, train
from intents.matcher import Matcher
from intents.normalize import normalize
from intents.safety_net import SAFETY_NET, safety_net

SKATEBOARD = "I kinda ate it on my skateboard and now my back's wrecked"
WEE = "i haven't been able to go for a wee since this morning i'm bursting and nothing comes"


@pytest.fixture(scope="module")
def reads_requests() -> IntentModel:
    """An intent model sure of SpasmStarted, Onset and PainRelief in the sentences below."""
    taught = [
        ("SpasmStarted", SKATEBOARD),
        ("SpasmStarted", "now my back's wrecked"),
        ("Onset", WEE),
        ("Onset", "since this morning"),
        ("PainRelief", "took my two ibuprofen"),
        ("ItHurts", "i feel worse when i stand"),
        ("Unknown", "the weather is lovely"),
    ]
    return train([Example(intent, normalize(text).tokens) for intent, text in taught])


def read(matcher: Matcher, intents: IntentModel, text: str) -> str:
    assert matcher.statistical is not None
    said = normalize(text).without_leading()
    found = safety_net(matcher.statistical.signs, intents, text, said, SAFETY_NET)
    return found.intent if found is not None else "none"


@pytest.mark.parametrize(("text", "intent"), [(SKATEBOARD, "RedFlag"), (WEE, "Emergency")])
def test_a_report_holds_no_sign_back(
    matcher: Matcher, reads_requests: IntentModel, text: str, intent: str
) -> None:
    guess = reads_requests.guess(normalize(text).without_leading().tokens)
    assert guess.intent in ("SpasmStarted", "Onset") and guess.probability > 0.5
    assert read(matcher, reads_requests, text) == intent


def test_a_request_still_holds_a_sign_back(matcher: Matcher, reads_requests: IntentModel) -> None:
    """The net's model reads an overdose in it (0.88): the pain-relief reading holds it back."""
    assert read(matcher, reads_requests, "took my two ibuprofen") == "none"


def test_the_emergency_a_stronger_model_held_back_is_one(matcher: Matcher) -> None:
    """The sentence `UNVETOED` was made for, through the whole matcher with the product's
    models (which never held it back: a small model trained here reads it too flatly, under
    `ORDINARY`, to show the rule itself)."""
    text = "I think this is my heart, not my back, my dad went exactly the same way"
    assert matcher.understand(text).intent == "Emergency"
