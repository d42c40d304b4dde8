"""The coach tests' shared fixture: a coach on a fresh store in `tmp_path`, a fake clock and the
real timer desk (tests/coach_harness.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from coach_harness import Conversation


@pytest.fixture
def conv(tmp_path: Path) -> Iterator[Conversation]:
    c = Conversation(tmp_path)
    yield c
    c.close()
