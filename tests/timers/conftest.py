"""The fixtures the timer tests share (this folder's conftest):
`store`, the real episode store in a fresh folder, and `sim`, a desk and speech queue over it
on a FakeClock starting at START."""

from __future__ import annotations

from pathlib import Path

import pytest
from timer_sim import START, Sim

from voice.clock import FakeClock
from voice.coach.episode import EpisodeStore


@pytest.fixture
def store(tmp_path: Path) -> EpisodeStore:
    return EpisodeStore(tmp_path / "state")


@pytest.fixture
def sim(store: EpisodeStore) -> Sim:
    return Sim.make(store, FakeClock(mono=START))
