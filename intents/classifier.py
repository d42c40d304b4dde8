"""The statistical layer: a linear model over word and character n-grams that names the intent of a
sentence the templates do not list, or says it is not for us.

Trained from the template sentences (a capped sample per intent), the example sentences in
`intents/examples/` (phrasings people use, and talk that is not for the coach, class Unknown),
by scikit-learn's logistic regression. Only the fitted numbers are kept (a vocabulary, a weight
matrix, the biases), so using the model needs numpy alone; they are cached on disk under the
user's cache folder, keyed by a hash of everything they were trained from, so a start-up after
the first loads them instead of training (see `load_or_train`). Nothing is downloaded.

It only names an intent: slot values are read from the words by `intents.slot_words`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import random
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from intents.normalize import NUMBER

log = logging.getLogger(__name__)

UNKNOWN = "Unknown"
VERSION = 3
"""Bump when the features or the training change: old caches are then ignored."""
PER_INTENT = 500
"""Template sentences sampled per intent (their expansions number up to thousands, mostly
the same frame with another number or body part)."""
EXAMPLE_WEIGHT = 6.0
"""Hand-written examples count more than one template expansion each: they carry the variety."""
NOT_FOR_US_WEIGHT = 3.0
"""Talk that is not for us weighs as much as three intents: rejecting the radio matters more
than naming one more rare phrasing (chosen on the blind dev sets, bench/blind_sets.py)."""
REGULARISATION = 8.0
"""scikit-learn's C: 2 lost 5 points of dev accuracy at the same rejection; 32 rejected less."""
TOLERANCE = 1e-6
"""The solver runs to the optimum. At scikit-learn's default (1e-4) it stopped ~100 iterations
in, far from it: leaving out one example of 23,000 moved 767 of 26,677 readings (the guess, or
whether it cleared the thresholds), so every change to a template or example reshuffled the
margins, the safety net's among them; at 1e-6, 11 moved."""
MIN_COUNT = 2
"""Features seen fewer times than this in training are dropped."""


def features(tokens: Sequence[str]) -> list[str]:
    """Word unigrams and bigrams (sentence edges marked) and character 3- and 4-grams of each
    word (so a misheard or misspelt word still shares most of its pieces)."""
    words = [NUMBER if t == NUMBER or t.isdigit() else t for t in tokens]
    out = [f"w:{w}" for w in words]
    padded = ["<s>", *words, "</s>"]
    out += [f"b:{a}_{b}" for a, b in zip(padded, padded[1:], strict=False)]
    for w in words:
        if len(w) < 3 or w == NUMBER:
            continue
        marked = f"<{w}>"
        out += [f"c:{marked[i : i + n]}" for n in (3, 4) for i in range(len(marked) - n + 1)]
    return out


@dataclass(frozen=True)
class Guess:
    intent: str
    probability: float
    runner_up: str
    runner_up_probability: float


class IntentModel:
    """A fitted linear model: `guess(tokens)` gives the most likely intent and the next one."""

    def __init__(
        self, labels: Sequence[str], vocab: dict[str, int], weights: np.ndarray, bias: np.ndarray
    ) -> None:
        self.labels = tuple(labels)
        self._vocab = vocab
        self._weights = weights
        self._bias = bias

    def probabilities(self, tokens: Sequence[str]) -> np.ndarray:
        rows = sorted({self._vocab[f] for f in features(tokens) if f in self._vocab})
        scores = self._bias.copy()
        if rows:
            scores += self._weights[rows].sum(axis=0) / np.sqrt(len(rows))
        scores -= scores.max()
        exp = np.exp(scores)
        result: np.ndarray = exp / exp.sum()
        return result

    def knows(self, word: str) -> bool:
        """The model has seen this word in training."""
        return f"w:{word}" in self._vocab

    def known_share(self, tokens: Sequence[str]) -> float:
        """The share of the words (numbers aside) that the model has seen in training."""
        words = [t for t in tokens if t != NUMBER and not t.isdigit()]
        if not words:
            return 0.0
        return sum(f"w:{t}" in self._vocab for t in words) / len(words)

    def guess(self, tokens: Sequence[str], leaving_out: Collection[str] = ()) -> Guess:
        """The likeliest label and the next, among the labels not in `leaving_out` (their
        probabilities shared out among the rest)."""
        probs = self.probabilities(tokens)
        if leaving_out:
            probs = np.where(np.isin(np.array(self.labels), list(leaving_out)), 0.0, probs)
            probs = probs / max(float(probs.sum()), 1e-12)
        first, second = np.argsort(probs)[::-1][:2]
        return Guess(
            self.labels[first], float(probs[first]), self.labels[second], float(probs[second])
        )

    # --- on disk: plain numbers, no pickled objects --------------------------------------------
    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Per process, hidden: two processes training at once never share (or prune) a file.
        tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.npz")
        names = sorted(self._vocab, key=self._vocab.__getitem__)
        np.savez_compressed(
            tmp,
            labels=np.array(self.labels),
            names=np.array(names),
            weights=self._weights,
            bias=self._bias,
        )
        tmp.replace(path)

    @staticmethod
    def load(path: Path) -> IntentModel:
        with np.load(path, allow_pickle=False) as data:
            names = [str(n) for n in data["names"]]
            return IntentModel(
                [str(label) for label in data["labels"]],
                {name: i for i, name in enumerate(names)},
                data["weights"].astype(np.float32),
                data["bias"].astype(np.float32),
            )


@dataclass(frozen=True)
class Example:
    intent: str
    tokens: tuple[str, ...]
    weight: float = 1.0


def training_set(
    templates: Iterable[tuple[str, tuple[str, ...]]],
    examples: Iterable[tuple[str, tuple[str, ...]]],
    seed: int = 0,
) -> list[Example]:
    """A capped, seeded sample of the template sentences per intent, plus every example."""
    by_intent: dict[str, list[tuple[str, ...]]] = {}
    for intent, tokens in templates:
        by_intent.setdefault(intent, []).append(tokens)
    out: list[Example] = []
    for intent in sorted(by_intent):
        sentences = sorted(set(by_intent[intent]))
        if len(sentences) > PER_INTENT:  # each intent its own draw: editing one moves no other
            sentences = random.Random(f"{seed} {intent}").sample(sentences, PER_INTENT)
        out += [Example(intent, tokens) for tokens in sentences]
    out += [Example(intent, tokens, EXAMPLE_WEIGHT) for intent, tokens in examples]
    return out


def fingerprint(examples: Sequence[Example]) -> str:
    settings = f"v{VERSION} {PER_INTENT} {EXAMPLE_WEIGHT} {NOT_FOR_US_WEIGHT} {REGULARISATION}"
    digest = hashlib.sha256(settings.encode())
    for example in examples:
        digest.update(json.dumps([example.intent, example.tokens, example.weight]).encode())
    return digest.hexdigest()[:20]


SOURCE_MODULES = (
    "classifier.py", "examples.py", "expansion.py", "grammar.py", "normalize.py", "numbers.py",
    "patterns.py", "template_file.py", "trained_models.py",
)  # fmt: skip
"""The modules that turn template and example files into training sentences."""


def sources_key(files: Sequence[Path], kind: str = "") -> str:
    """A fingerprint of the training's sources: the settings, these files' bytes (templates,
    examples) and the modules that read them. Reading the example files' 13,000 sentences to
    fingerprint them took 0.6 s of every start; their bytes take milliseconds. `kind`: another
    model from the same files (intents.trained_models)."""
    settings = f"v{VERSION} {PER_INTENT} {EXAMPLE_WEIGHT} {NOT_FOR_US_WEIGHT} {REGULARISATION}"
    settings += f" {kind}" if kind else ""
    digest = hashlib.sha256(settings.encode())
    here = Path(__file__).parent
    for path in [*files, *(here / name for name in SOURCE_MODULES)]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return "s" + digest.hexdigest()[:19]


def train(examples: Sequence[Example]) -> IntentModel:
    """Fit the model (scikit-learn, imported only here: loading a cached model needs numpy)."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    rows = [sorted(set(features(e.tokens))) for e in examples]
    for row in rows:
        for name in row:
            counts[name] = counts.get(name, 0) + 1
    kept_names = sorted(name for name, count in counts.items() if count >= MIN_COUNT)
    vocab = {name: i for i, name in enumerate(kept_names)}
    labels = sorted({e.intent for e in examples})
    label_index = {label: i for i, label in enumerate(labels)}
    data: list[float] = []
    indices: list[int] = []
    indptr = [0]
    for row in rows:
        kept = [vocab[name] for name in row if name in vocab]
        indices += kept
        data += [1.0 / np.sqrt(len(kept))] * len(kept) if kept else []
        indptr.append(len(indices))
    matrix = csr_matrix((data, indices, indptr), shape=(len(rows), len(vocab)), dtype=np.float64)
    target = np.array([label_index[e.intent] for e in examples])
    weight = _balanced([e.intent for e in examples], [e.weight for e in examples])
    model = LogisticRegression(C=REGULARISATION, tol=TOLERANCE, max_iter=5000)
    model.fit(matrix, target, sample_weight=weight)
    coef, intercept = model.coef_, model.intercept_
    if len(labels) == 2:  # one column for the second class: softmax over (0, score) is the same
        coef = np.vstack([np.zeros_like(coef), coef])
        intercept = np.concatenate([np.zeros_like(intercept), intercept])
    return IntentModel(
        labels, vocab, coef.T.astype(np.float32).copy(), intercept.astype(np.float32)
    )


def _balanced(intents: list[str], weights: list[float]) -> np.ndarray:
    """Each intent's examples weigh as much in all as any other intent's (talk not for us:
    NOT_FOR_US_WEIGHT times as much)."""
    totals: dict[str, float] = {}
    for intent, w in zip(intents, weights, strict=True):
        totals[intent] = totals.get(intent, 0.0) + w
    mean = sum(totals.values()) / len(totals)
    scale = {i: mean / t * (NOT_FOR_US_WEIGHT if i == UNKNOWN else 1.0) for i, t in totals.items()}
    return np.array([w * scale[i] for i, w in zip(intents, weights, strict=True)])


def load_or_train(
    examples: Sequence[Example] | Callable[[], Sequence[Example]],
    cache_dir: Path | None,
    key: str | None = None,
) -> IntentModel:
    """The model for these examples: from the cache if it holds one for exactly these, else
    trained now (and cached; a cache that cannot be written is only logged). `key`: a
    fingerprint of what the examples are made from (`sources_key`), so that a cached model is
    found without reading them; `examples` may then be a function, called only to train."""
    if key is None:
        examples = examples() if callable(examples) else examples
        key = fingerprint(examples)
    path = cache_dir / f"intent-model-{key}.npz" if cache_dir is not None else None
    if path is not None and path.exists():
        try:
            model = IntentModel.load(path)
            path.touch()  # used: kept longer than the others
            return model
        except (OSError, ValueError, KeyError) as err:
            log.warning("%s: unreadable cached model (%s); training again", path, err)
    model = train(examples() if callable(examples) else examples)
    if path is not None:
        try:
            model.save(path)
            _forget_all_but_recent(path.parent)
        except OSError as err:
            log.warning("%s: cannot cache the intent model (%s)", path, err)
    return model


KEPT_MODELS = 8
"""Cached models kept, the most recently used: two per set of templates and examples in use
(the intent model and the safety net's, intents.trained_models; two checkouts of the project, or
`--templates DIR` for another domain, each keep theirs instead of evicting the other's and
training again at every start)."""


def _forget_all_but_recent(folder: Path) -> None:
    def used(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    models = sorted(folder.glob("intent-model-*.npz"), key=used, reverse=True)
    for old in models[KEPT_MODELS:]:
        old.unlink(missing_ok=True)
