"""Shared fixtures. The Vosk model comes from BACKCOACH_MODEL (CI points it at ../shared)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def model_path() -> Path | None:
    value = os.environ.get("BACKCOACH_MODEL")
    if value and Path(value).is_dir():
        return Path(value)
    shared = ROOT.parent / "shared" / "models" / "vosk-model-small-en-us"
    return shared if shared.is_dir() else None


@pytest.fixture(scope="session")
def vosk_model_path() -> Path:
    path = model_path()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("BACKCOACH_MODEL is not set to a Vosk model folder (required in CI)")
        pytest.skip("no Vosk model: set BACKCOACH_MODEL (see models/README.md)")
    return path
