"""Shared fixtures. The Vosk model is found as `backcoach` finds it (voice.hearing.models):
BACKCOACH_MODEL, then models/ here, the user data folder, then ../shared beside the checkout.
A test that needs it fails (never skips) when there is none, naming the command that fixes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from voice.app.settings import Settings
from voice.errors import ModelError
from voice.hearing.models import check_model, resolve_model_path, seed_dither

ROOT = Path(__file__).resolve().parent.parent
LIVE = ROOT / "tests" / "integration"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/integration is `live` (real audio in real time, processes):
    `make test` runs it at normal priority beside the rest at a lower one (Makefile)."""
    for item in items:
        if item.path.is_relative_to(LIVE):
            item.add_marker(pytest.mark.live)


def model_path() -> Path:
    """The model `backcoach` would use; ModelError (one line with the fix) if there is none."""
    return check_model(resolve_model_path(None, Settings.env_model()))


@pytest.fixture(scope="session")
def vosk_model_path() -> Path:
    try:
        return model_path()
    except ModelError as err:
        pytest.fail(f"this test needs the speech model: {err}", pytrace=False)


@pytest.fixture(scope="session", autouse=True)
def understanding_cached() -> None:
    """Fit the statistical layer's models once, before any test starts a `backcoach` process:
    they are cached in the user cache folder (intents/classifier.py), so those processes start
    in seconds instead of each fitting them (tens of seconds on a busy machine, past their time
    limits on a fresh clone)."""
    from intents.matcher import load_matcher

    statistical = load_matcher().statistical
    assert statistical is not None
    statistical.load()  # the intent model and the safety net's


@pytest.fixture(autouse=True)
def kaldi_dither_seeded() -> None:
    """Every test decodes the same whatever ran before it in the process (tests passed here
    and failed in CI's order): voice.hearing.models.seed_dither."""
    seed_dither(0)
