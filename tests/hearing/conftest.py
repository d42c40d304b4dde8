"""The hearing tests' shared fixture: the package's matcher, loaded once per module."""

from __future__ import annotations

import pytest

from intents.matcher import Matcher, load_matcher


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return load_matcher()
