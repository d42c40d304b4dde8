"""The safety net's own model (intents.trained_models): trained on the warning-sign rounds as well
as every example, it catches signs the intent model's classes miss, and the intent model keeps
ordinary requests from being escalated by it (intents.safety_net). Real models, trained from the
package's files (cached across the suite)."""

from __future__ import annotations

from pathlib import Path

import pytest

from intents.classifier import sources_key
from intents.examples import load_examples, sign_example_files
from intents.matcher import Sources, load_matcher
from intents.normalize import normalize
from intents.safety_net import SAFETY_NET, safety_net
from intents.statistical import StatisticalLayer
from intents.trained_models import NOT_A_SIGN

COFFEE = Path(__file__).resolve().parents[2] / "bench" / "domains" / "coffee" / "coffee.yaml"
NEW_WORDS_FOR_SIGNS = [
    ("my calf is buzzing like a phone", "RedFlag"),
    ("my whole left side has gone to sleep", "Emergency"),
    ("i necked the whole bottle of codeine", "Emergency"),
]
"""Written for this test (in no example, round or blind file): the intent model's RedFlag and
Emergency classes are not sure of them (the net stayed quiet before); the net's model is."""


def _layer() -> StatisticalLayer:
    statistical = load_matcher().statistical
    assert statistical is not None
    return statistical


def test_the_nets_model_learns_the_rounds_and_says_only_sign_or_not() -> None:
    files = sign_example_files()
    assert len(files) >= 9
    for path in files:
        intents = {intent for intent, _ in load_examples([path])}
        assert {"RedFlag", "Emergency"} <= intents, path
        assert intents - {"RedFlag", "Emergency"}, f"{path}: no harmless look-alikes"
    layer = _layer()
    assert set(layer.signs.labels) == {"RedFlag", "Emergency", NOT_A_SIGN}
    assert len(layer.model.labels) > 20  # the intent model is another model
    templates = Sources().template_files()
    assert sources_key(templates, "signs") != sources_key(templates)  # cached apart


@pytest.mark.parametrize(("text", "tier"), NEW_WORDS_FOR_SIGNS)
def test_the_net_catches_signs_the_intent_models_classes_miss(text: str, tier: str) -> None:
    layer = _layer()
    said = normalize(text).without_leading()
    assert safety_net(layer.model, layer.model, text, said, SAFETY_NET) is None
    caught = safety_net(layer.signs, layer.model, text, said, SAFETY_NET)
    assert caught is not None and caught.intent == tier
    assert load_matcher().understand(text).intent == tier


def test_an_ordinary_request_is_left_to_the_intent_model() -> None:
    """Without the intent model's say (the net's model as both), "took my two ibuprofen" is an
    overdose to the net at 0.8; the intent model reads PainRelief, so the net stays quiet."""
    layer = _layer()
    text = "took my two ibuprofen"
    said = normalize(text).without_leading()
    alone = safety_net(layer.signs, layer.signs, text, said, 0.8)
    assert alone is not None and alone.intent == "Emergency"
    assert safety_net(layer.signs, layer.model, text, said, 0.8) is None
    assert load_matcher().understand(text).intent == "PainRelief"


@pytest.mark.parametrize(
    "text",
    [
        "i checked and i can feel my toes",
        "grip's ok it's just my neck",
        "i squeezed my hands and they're strong",
        "my legs feel normal, it's only my back",
        "i can stand on my toes",
        "phone call's over continue",
    ],
)
def test_a_check_that_came_out_well_is_no_alarm(text: str) -> None:
    assert load_matcher().understand(text).intent not in ("RedFlag", "Emergency")


def test_a_call_said_to_be_over_is_no_call_for_an_ambulance() -> None:
    """The net's model is sure of "phone call's over continue" as an emergency (CALL_OVER keeps
    it quiet); an ambulance asked for in the same breath is still the lexicon's emergency."""
    layer = _layer()
    text = "phone call's over continue"
    said = normalize(text).without_leading()
    probs = dict(zip(layer.signs.labels, layer.signs.probabilities(said.tokens), strict=True))
    assert probs["Emergency"] > 0.5  # what the model alone makes of it
    assert load_matcher().understand(text).intent != "Emergency"
    assert load_matcher().understand("the call's over, call an ambulance").intent == "Emergency"


def test_numbers_said_alone_are_the_lexicons_to_escalate() -> None:
    """The net's model took "ten four" (CB radio for yes) for an emergency number (numbers are
    all "#" to it); the lexicon reads the emergency numbers said alone, the net none, however
    low its threshold."""
    layer = _layer()
    for text in ("ten four", "forty two", "10-4"):
        said = normalize(text).without_leading()
        assert safety_net(layer.signs, layer.model, text, said, probability=0.0) is None
    said = normalize("my legs won't move").without_leading()  # a sign: the net's, at 0.0
    assert safety_net(layer.signs, layer.model, "my legs won't move", said, 0.0) is not None
    matcher = load_matcher()
    assert [matcher.understand(t).intent for t in ("ten four", "10-4", "forty two")] == [
        "Unknown"
    ] * 3
    for number in ("nine one one", "999", "112", "triple zero", "one one one", "one one nine"):
        assert matcher.understand(number).intent == "Emergency", number


def test_another_domain_has_no_rounds_and_its_net_reads_the_intent_model() -> None:
    assert Sources(templates=(COFFEE,)).sign_files() == ()
    model = _layer().model
    assert StatisticalLayer(lambda: model).signs is model
