"""Two plain timers at once (issue 15: several timers, picked by name or duration): a second
"set a timer for ..." of another length runs beside the first, called by its length ("the
ten-minute timer"); one of the same length starts the first again. "Cancel the timer" with two
plain timers asks which, never guessing; "the ten minute timer" picks it. FakeClock, the real
episode store, the desk's own words."""

from __future__ import annotations

from pathlib import Path

from timer_sim import START, Sim

from voice.clock import FakeClock
from voice.coach.episode import EpisodeStore
from voice.events import Say


def _said(events: list) -> list[str]:
    return [e.text for e in events if isinstance(e, Say)]


def test_a_second_plain_timer_runs_beside_the_first(sim: Sim) -> None:
    sim.handle("StartTimer", duration=1200)
    second = sim.handle("StartTimer", duration=600)
    assert _said(second) == ["Okay, a timer for ten minutes. I'll tell you when it's done."]
    assert sim.desk.active() == ["timer", "ten-minute"]
    assert _said(sim.handle("TimerStatus")) == [
        "The ten-minute timer has ten minutes left; the timer has twenty minutes left."
    ]
    sim.run_until(START + 601)
    finished = sim.timer_events("finished")
    assert [e.timer for e in finished] == ["ten-minute"]
    assert sim.desk.ringing() == ["ten-minute"]  # until acknowledged


def test_the_same_length_starts_the_first_again(sim: Sim) -> None:
    sim.handle("StartTimer", duration=600)
    again = sim.handle("StartTimer", duration=600)
    assert _said(again)[0] == "Starting the timer again from the beginning."
    assert sim.desk.active() == ["timer"]


def test_which_plain_timer_is_asked_never_guessed(sim: Sim) -> None:
    sim.handle("StartTimer", duration=1200)
    sim.handle("StartTimer", duration=600)
    asked = sim.handle("CancelTimer", timer="timer")
    assert _said(asked) == ["Which one: the timer or the ten-minute timer?"]
    assert sim.desk.active() == ["timer", "ten-minute"]  # nothing cancelled
    assert _said(sim.handle("TimerStatus", timer="timer")) == [  # "how long on the timer"
        "The ten-minute timer has ten minutes left; the timer has twenty minutes left."
    ]
    cancelled = sim.handle("CancelTimer", duration=600)  # "cancel the ten minute timer"
    assert _said(cancelled) == ["Okay, I've stopped the ten-minute timer."]
    assert sim.desk.active() == ["timer"]
    assert _said(sim.handle("CancelTimer", timer="timer")) == ["Okay, I've stopped the timer."]


def test_the_second_plain_timer_comes_back_after_a_restart(
    store: EpisodeStore, tmp_path: Path
) -> None:
    clock = FakeClock(mono=START, wall=1_800_000_000.0)
    first = Sim.make(store, clock)
    first.handle("StartTimer", duration=1200)
    first.handle("StartTimer", duration=600)
    store.close()  # the process is killed; it restarts 60 s later on a new monotonic clock
    later = FakeClock(mono=5.0, wall=1_800_000_000.0 + 60)
    second = Sim.make(EpisodeStore(tmp_path / "state"), later)
    events = second.dispatch(second.desk.recover(later.now()))
    assert _said(events) == [
        "I'm back. Your timer has nineteen minutes left.",
        "I'm back. Your ten-minute timer has nine minutes left.",
    ]
    assert second.desk.active() == ["timer", "ten-minute"]
