"""The desk saves every change to the real episode store, and a new desk over the same store
(a restart, on a new monotonic clock) says what is still running or finished while it was down."""

from __future__ import annotations

from pathlib import Path

import pytest
from timer_sim import START, Sim

from voice.clock import FakeClock
from voice.coach.episode import EpisodeStore
from voice.events import Problem, Say


def test_every_change_is_saved(store: EpisodeStore, sim: Sim) -> None:
    sim.handle("StartIce", duration=300)
    assert [row["kind"] for row in store.load_timers()] == ["ice"]
    sim.run_until(START + 50)
    sim.handle("PauseTimer")
    assert store.load_timers()[0]["paused"] is True
    sim.handle("CancelTimer")
    assert store.load_timers() == []


def test_recovery_on_a_new_desk_over_the_same_store(store: EpisodeStore, tmp_path: Path) -> None:
    clock = FakeClock(mono=START, wall=1_800_000_000.0)
    first = Sim.make(store, clock)
    first.handle("StartIce", duration=600)
    first.handle("StartTimer", duration=60)
    first.handle("StartStretch")
    first.run_until(START + 30)
    first.handle("PauseTimer", timer="timer")
    # The process is killed; it restarts 330 s later (wall clock) on a different monotonic clock.
    store.close()  # a killed process's lock on the state folder goes with it
    later = FakeClock(mono=5.0, wall=1_800_000_000.0 + 360)
    second = Sim.make(EpisodeStore(tmp_path / "state"), later)
    events = second.dispatch(second.desk.recover(later.now()))
    texts = [e.text for e in events if isinstance(e, Say)]
    assert texts == [
        "I'm back. Your ice timer has four minutes left.",
        "I'm back. Your timer is paused, with thirty seconds left.",
        "I'm back. Your stretch was interrupted. Say start stretch when you're ready to go again.",
    ]
    assert second.desk.active() == ["ice", "timer"]
    second.run_until(5.0 + 300)
    assert second.timer_events("finished")[0].scheduled == pytest.approx(5.0 + 240)


def test_recovery_says_what_finished_while_down(
    store: EpisodeStore, caplog: pytest.LogCaptureFixture
) -> None:
    clock = FakeClock(mono=START, wall=1_800_000_000.0)
    Sim.make(store, clock).handle("StartIce", duration=300)
    store.save_timers([*store.load_timers(), {"kind": "toaster"}])
    later = FakeClock(mono=1.0, wall=1_800_000_000.0 + 300 + 125)
    events = Sim.make(store, later).desk.recover(later.now())
    texts = [e.text for e in events if isinstance(e, Say)]
    assert texts == ["I'm back. Your ice timer finished while I was away, about two minutes ago."]
    assert f"{store.path}: skipping timer row 1 (unknown kind 'toaster')" in caplog.messages
    assert not any(isinstance(e, Problem) for e in events)
    assert store.load_timers() == []
