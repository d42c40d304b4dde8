"""Fixtures of the understanding tests."""

from __future__ import annotations

import pytest

from intents.matcher import Matcher, load_matcher


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    """The product's matcher, built from the package's templates and examples."""
    return load_matcher()
