"""The statistical layer's model on real (tiny) training sets: it learns, it is cached as plain
numbers and loaded back the same, a broken or stale cache is trained again, and the example
files give one-line errors naming the file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from intents.classifier import (
    KEPT_MODELS,
    Example,
    IntentModel,
    fingerprint,
    load_or_train,
    sources_key,
    train,
)
from intents.errors import TemplateError
from intents.examples import load_examples
from intents.normalize import normalize

SENTENCES = {
    "StartIce": ["start the ice", "time the ice", "ice timer please", "begin icing now"],
    "Stop": ["stop", "be quiet", "stop talking", "enough now"],
    "Unknown": ["the weather is nice", "pass the salt", "the game starts soon", "hello there"],
}


def _examples() -> list[Example]:
    return [
        Example(intent, normalize(text).tokens)
        for intent, texts in SENTENCES.items()
        for text in texts
        for _ in range(3)  # features seen once are dropped
    ]


def test_it_learns_and_reloads_the_same(tmp_path: Path) -> None:
    model = load_or_train(_examples(), tmp_path)
    assert model.guess(normalize("please start icing").tokens).intent == "StartIce"
    assert model.guess(normalize("stop talking now").tokens).intent == "Stop"
    [cached] = tmp_path.glob("intent-model-*.npz")
    again = IntentModel.load(cached)
    tokens = normalize("time the ice please").tokens
    assert np.allclose(again.probabilities(tokens), model.probabilities(tokens))


def test_a_broken_cache_is_trained_again_and_a_stale_one_removed(tmp_path: Path) -> None:
    load_or_train(_examples(), tmp_path)
    [cached] = tmp_path.glob("intent-model-*.npz")
    cached.write_bytes(b"not a model")
    model = load_or_train(_examples(), tmp_path)
    assert model.guess(normalize("be quiet").tokens).intent == "Stop"
    changed = [*_examples(), Example("Stop", ("hush",)), Example("Stop", ("hush",))]
    load_or_train(changed, tmp_path)
    assert len(list(tmp_path.glob("intent-model-*.npz"))) == 2  # each set keeps its own


def test_the_cache_keeps_the_models_used_last(tmp_path: Path) -> None:
    """Two checkouts (or another domain's templates) used by turns keep their models; only
    the least recently used go, beyond KEPT_MODELS."""
    sets = [[*_examples(), *[Example("Stop", ("hush",) * (n + 1))] * 2] for n in range(10)]
    cached = [tmp_path / f"intent-model-{fingerprint(examples)}.npz" for examples in sets]
    for n, examples in enumerate(sets):
        load_or_train(examples, tmp_path)
        if n >= 1:
            load_or_train(sets[0], tmp_path)  # the first is used at every turn
    assert sorted(tmp_path.glob("intent-model-*.npz")) == sorted([cached[0], *cached[3:]])
    assert KEPT_MODELS == 8


def test_a_model_cached_by_its_sources_is_found_without_reading_them(tmp_path: Path) -> None:
    """`sources_key`: the files' bytes find the cached model; the sentences are read (the
    function called) only to train, and a changed file trains again."""
    source = tmp_path / "examples.yaml"
    source.write_text("intents:\n  Stop: [hush]\n", encoding="utf-8")
    calls: list[int] = []

    def examples() -> list[Example]:
        calls.append(1)
        return _examples()

    cache = tmp_path / "cache"
    first = load_or_train(examples, cache, sources_key([source]))
    again = load_or_train(examples, cache, sources_key([source]))
    assert calls == [1]
    tokens = normalize("time the ice please").tokens
    assert np.allclose(again.probabilities(tokens), first.probabilities(tokens))
    source.write_text("intents:\n  Stop: [hush, shush]\n", encoding="utf-8")
    load_or_train(examples, cache, sources_key([source]))
    assert calls == [1, 1]
    assert len(list(cache.glob("intent-model-*.npz"))) == 2


def test_an_unwritable_cache_only_costs_the_training(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder should be")
    model = train(_examples())
    assert load_or_train(_examples(), blocked / "cache").labels == model.labels


def test_known_share_counts_words_not_numbers() -> None:
    model = train(_examples())
    assert model.known_share(normalize("start the ice").tokens) == 1.0
    assert model.known_share(normalize("zorb the 5 blix").tokens) == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("intents: [oops", ":1: not valid YAML"),
        ("- just a list", "expected 'intents:' and/or 'sentences:'"),
        ("intents:\n  Stop: stop", "expected a list of sentences under Stop"),
        ("intents: [a, b]", "'intents:' must map intent names"),
    ],
)
def test_bad_example_files_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(text)
    with pytest.raises(TemplateError, match="mine.yaml") as err:
        load_examples([path])
    assert message in str(err.value)


def test_a_guess_leaving_labels_out_shares_their_probability_among_the_rest(
    tmp_path: Path,
) -> None:
    model = load_or_train(_examples(), tmp_path)
    tokens = normalize("stop the ice").tokens  # words of both
    probs = dict(zip(model.labels, model.probabilities(tokens), strict=True))
    full = model.guess(tokens)
    without = model.guess(tokens, leaving_out=(full.intent,))
    assert without.intent == full.runner_up != full.intent
    rest = sum(p for label, p in probs.items() if label != full.intent)
    assert without.probability == pytest.approx(probs[full.runner_up] / rest)
