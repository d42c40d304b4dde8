"""What the matcher reads at its first sentences is read on a helper thread once the coach
listens (voice.app.wiring.warm_up), so the first request is not answered later than the rest.
A fresh matcher of the real templates and examples (the intent model from the cache)."""

from __future__ import annotations

from intents.matcher import Matcher, load_matcher
from voice.app.wiring import warm_up


def test_the_statistical_layer_is_read_before_the_first_request() -> None:
    loaded = load_matcher()
    assert loaded.statistical is not None
    fresh = Matcher(loaded.grammar, type(loaded.statistical)(lambda: loaded.statistical.model))
    assert fresh.statistical is not None and fresh.statistical._model is None
    warm_up(fresh).join()
    assert fresh.statistical._model is not None
    assert fresh.understand("my back locked up").intent == "SpasmStarted"
