"""Timer state: remaining time is computed from the clock reading, pause/resume/add arithmetic,
persistence through the wall-clock deadline."""

from __future__ import annotations

import pytest

from voice.clock import FakeClock
from voice.timers.timer import Timer


def test_remaining_is_computed_not_counted() -> None:
    clock = FakeClock(mono=500.0)
    timer = Timer.started("ice", "ice", 600, clock.now())
    assert timer.remaining(500.0) == 600
    assert timer.remaining(500.0 + 599.25) == pytest.approx(0.75)
    assert timer.deadline() == 1100.0
    assert not timer.finished(1099.999)
    assert timer.finished(1100.0)
    assert timer.remaining(1110.0) == pytest.approx(-10.0)


def test_pause_resume_arithmetic() -> None:
    clock = FakeClock(mono=0.0)
    timer = Timer.started("timer", "timer", 300, clock.now())
    paused = timer.pause(100.0)  # 200 s left
    assert paused.paused and paused.deadline() is None
    assert paused.remaining(100.0) == 200
    assert paused.remaining(5000.0) == 200, "time does not pass while paused"
    resumed = paused.resume(250.0)  # paused for 150 s
    assert not resumed.paused
    assert resumed.remaining(250.0) == 200
    assert resumed.deadline() == 450.0
    twice = resumed.pause(300.0).resume(310.0)
    assert twice.deadline() == 460.0
    assert [t.version for t in (timer, paused, resumed, twice)] == [0, 1, 2, 4]


def test_pause_and_resume_are_idempotent() -> None:
    timer = Timer.started("ice", "ice", 60, FakeClock(mono=0.0).now())
    assert timer.resume(10.0) is timer
    paused = timer.pause(10.0)
    assert paused.pause(20.0) is paused
    assert paused.remaining(20.0) == 50


def test_add_and_remove_time_move_the_deadline() -> None:
    timer = Timer.started("ice", "ice", 600, FakeClock(mono=0.0).now())
    longer = timer.add(60)
    assert longer.deadline() == 660.0 and longer.duration == 660
    shorter = longer.add(-300)
    assert shorter.remaining(100.0) == 260
    paused = timer.pause(100.0).add(30)
    assert paused.remaining(9999.0) == 530


def test_persist_and_restore_running_timer_through_wall_clock() -> None:
    clock = FakeClock(mono=1000.0, wall=1_800_000_000.0)
    timer = Timer.started("ice", "ice", 600, clock.now(), {"x": 1})
    clock.advance(100)
    row = timer.to_dict(clock.now())
    assert row["deadline_wall"] == pytest.approx(1_800_000_600.0)
    # The process dies; 200 s later a new one starts and the monotonic clock is elsewhere
    # (after a reboot it restarts near zero).
    later = FakeClock(mono=7.0, wall=1_800_000_000.0 + 300)
    restored = Timer.from_dict(row, later.now())
    assert restored.remaining(7.0) == pytest.approx(300.0)
    assert restored.deadline() == pytest.approx(307.0)
    assert restored.options == {"x": 1}
    assert restored.started_wall == 1_800_000_000.0


def test_persist_and_restore_paused_timer_keeps_its_time() -> None:
    clock = FakeClock(mono=0.0)
    timer = Timer.started("timer", "timer", 120, clock.now()).pause(20.0)
    row = timer.to_dict(FakeClock(mono=50.0).now())
    assert row["paused"] and row["deadline_wall"] is None
    restored = Timer.from_dict(row, FakeClock(mono=3.0, wall=2_000_000_000.0).now())
    assert restored.paused
    assert restored.remaining(1e6) == 100


def test_restore_finished_while_down() -> None:
    clock = FakeClock(mono=0.0, wall=1_000.0)
    row = Timer.started("ice", "ice", 60, clock.now()).to_dict(clock.now())
    restored = Timer.from_dict(row, FakeClock(mono=0.0, wall=1_000.0 + 90).now())
    assert restored.finished(0.0)
    assert restored.remaining(0.0) == pytest.approx(-30.0)


@pytest.mark.parametrize(
    "row",
    [
        {"kind": "ice"},
        {"kind": "ice", "duration": "ten", "deadline_wall": 1.0},
        {"kind": "oven", "duration": 5, "deadline_wall": 1.0},
        {"kind": "ice", "duration": 5, "paused": True},
    ],
)
def test_malformed_rows_raise_one_clear_error(row: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="timer row"):
        Timer.from_dict(row, FakeClock().now())
