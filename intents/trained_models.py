"""The models the statistical layer reads, trained once and cached (intents.classifier): the
intent model, and the safety net's own model, which says only whether a sentence is a warning
sign (RedFlag, Emergency) or not (`NOT_A_SIGN`).

Why a model of its own: it learns from rounds of warning signs written blind and looked at
once (`intents/examples/signs_only/`, about 3,000 signs and harmless look-alikes) as well as
from every example and template sentence. Added to the intent model, those rounds cost
rejections of talk not meant for the coach; kept apart, they teach only the safety net. Left
out one round at a time (trained on the other eight, measured on it), the net alone caught
55.2% of the rounds' signs where it caught 43.7% with the intent model, for 16 false alarms of
2,238 harmless sentences instead of 3 (bench/results/sign_model.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import platformdirs

from intents.classifier import Example, IntentModel, load_or_train, sources_key, training_set
from intents.examples import load_examples
from intents.warning_match import ESCALATIONS

NOT_A_SIGN = "none"
Labelled = list[tuple[str, tuple[str, ...]]]
"""(intent, tokens) of template sentences."""


def cache_folder() -> Path:
    return Path(platformdirs.user_cache_dir("backcoach", appauthor=False))


def cached_model(
    training: Callable[[], list[Example]], files: tuple[Path, ...], kind: str = ""
) -> IntentModel:
    """The model trained from these files, from the cache when it holds it (found by the
    files' bytes, `sources_key`), else trained now and cached."""
    return load_or_train(training, cache_folder(), sources_key(files, kind) if files else None)


def intent_model(
    templates: Labelled,
    examples: tuple[Path, ...],
    files: tuple[Path, ...] = (),
) -> IntentModel:
    """The statistical layer's model: every intent, and Unknown (talk not for us)."""
    return cached_model(lambda: training_set(templates, load_examples(examples)), files)


def sign_model(
    templates: Labelled,
    examples: tuple[Path, ...],
    signs: tuple[Path, ...],
    files: tuple[Path, ...] = (),
) -> IntentModel:
    """The safety net's model: RedFlag, Emergency or `NOT_A_SIGN`, from the same templates and
    examples as the intent model plus the warning-sign rounds (`signs`)."""

    def training() -> list[Example]:
        return sign_training(templates, examples, signs)

    return cached_model(training, (*files, *signs), kind="signs")


def sign_training(
    templates: Labelled, examples: tuple[Path, ...], signs: tuple[Path, ...]
) -> list[Example]:
    """The intent model's training set plus the rounds, every class but the signs as one."""
    both = training_set(templates, load_examples((*examples, *signs)))
    return [
        Example(e.intent if e.intent in ESCALATIONS else NOT_A_SIGN, e.tokens, e.weight)
        for e in both
    ]
