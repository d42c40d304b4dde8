"""Routine schedules (what is said at which absolute second) and durations in words."""

from __future__ import annotations

import pytest

from voice.events import Priority
from voice.timers.routines import (
    Stretch,
    finish_plan,
    ice_plan,
    stretch_phase,
    stretch_plan,
    timer_plan,
)
from voice.timers.spoken_time import number_words, say_duration, say_soon


@pytest.mark.parametrize(
    ("seconds", "spoken"),
    [
        (1, "one second"),
        (5, "five seconds"),
        (20, "twenty seconds"),
        (23, "about twenty-five seconds"),
        (45, "forty-five seconds"),
        (60, "one minute"),
        (61, "about a minute"),
        (90, "a minute and a half"),
        (147, "about two and a half minutes"),
        (150, "two and a half minutes"),
        (240, "four minutes"),
        (247, "about four minutes"),
        (600, "ten minutes"),
        (3600, "one hour"),
        (5400, "an hour and a half"),
        (7200, "two hours"),
        (4.2, "five seconds"),
        (0, "zero seconds"),
        (900 * 3600, "nine hundred hours"),
    ],
)
def test_say_duration_the_way_people_say_it(seconds: float, spoken: str) -> None:
    assert say_duration(seconds) == spoken


@pytest.mark.parametrize(
    ("seconds", "spoken"),
    [
        (0.0, "a moment"),
        (0.3, "a moment"),
        (0.56, "a second"),
        (1.4, "a second"),
        (1.5, "two seconds"),
        (2.6, "three seconds"),
        (7.0, "seven seconds"),
        (6.5, "seven seconds"),
        (23.0, "about twenty-five seconds"),
    ],
)
def test_say_soon_rounds_to_the_nearest_second(seconds: float, spoken: str) -> None:
    assert say_soon(seconds) == spoken


def test_no_digits_are_ever_spoken() -> None:
    for seconds in range(0, 8000, 7):
        assert not any(ch.isdigit() for ch in say_duration(seconds)), seconds


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "zero"),
        (7, "seven"),
        (42, "forty-two"),
        (105, "one hundred and five"),
        (-5, "minus five"),
    ],
)
def test_number_words(n: int, words: str) -> None:
    assert number_words(n) == words


def said(plan: list, start: float = 0.0) -> list[tuple[float, str, str]]:  # type: ignore[type-arg]
    return [(round(a.at - start, 2), a.key, a.values.get("number", "")) for a in plan]


def test_stretch_twenty_second_hold_three_reps_step_by_step() -> None:
    start = 1000.0
    plan = stretch_plan(Stretch(hold=20, reps=3, rest=10), start)
    first_hold = [
        (0.0, "Timers.stretch.intro", ""),
        (16.0, "Timers.stretch.ten_left", ""),  # hold starts at 6 s, ends at 26 s
        (21.0, "Timers.count", "five"),
        (22.0, "Timers.count", "four"),
        (23.0, "Timers.count", "three"),
        (24.0, "Timers.count", "two"),
        (25.0, "Timers.count", "one"),
        (26.0, "Timers.stretch.release_rest", ""),
        (32.0, "Timers.stretch.next", ""),  # hold 2 starts at 36 s, after a 10 s rest
        (46.0, "Timers.stretch.ten_left", ""),
        (51.0, "Timers.count", "five"),
    ]
    assert said(plan, start)[: len(first_hold)] == first_hold
    assert said(plan, start)[-3:] == [
        (85.0, "Timers.count", "one"),
        (86.0, "Timers.stretch.release", ""),
        (87.5, "Timers.stretch.done", ""),
    ]
    keys = [a.key for a in plan]
    assert keys.count("Timers.stretch.release_rest") == 2
    assert keys.count("Timers.stretch.release") == 1, "no rest after the last"
    counts = [a for a in plan if a.key == "Timers.count"]
    assert all(a.priority == Priority.COUNTDOWN for a in counts)
    assert all(a.not_after == pytest.approx(a.at + 0.5) for a in counts)
    assert plan[-1].kind == "finished" and plan[-1].at == start + Stretch(20, 3, 10).total


def test_short_holds_count_from_the_hold_length_and_use_halfway() -> None:
    plan = stretch_plan(Stretch(hold=3, reps=1, rest=10), 0.0)
    assert said(plan) == [
        (0.0, "Timers.stretch.intro_one", ""),
        (6.0, "Timers.count", "three"),
        (7.0, "Timers.count", "two"),
        (8.0, "Timers.count", "one"),
        (9.0, "Timers.stretch.release", ""),
        (10.5, "Timers.stretch.done", ""),
    ]
    fifteen = [a.key for a in stretch_plan(Stretch(hold=15, reps=1), 0.0)]
    assert "Timers.stretch.halfway" in fifteen and "Timers.stretch.ten_left" not in fifteen


def test_intro_says_the_hold_in_words() -> None:
    intro = stretch_plan(Stretch(hold=20, reps=3), 0.0)[0]
    assert intro.values == {"hold": "twenty seconds", "reps": "three"}


def test_stretch_phase() -> None:
    s = Stretch(hold=20, reps=2, rest=10)
    assert stretch_phase(s, 2.0).name == "intro"
    hold = stretch_phase(s, 19.0)
    assert (hold.name, hold.rep, hold.left) == ("hold", 1, 7.0)
    rest = stretch_phase(s, 30.0)
    assert (rest.name, rest.rep, rest.left) == ("rest", 2, 6.0)
    assert stretch_phase(s, 40.0).name == "hold"
    assert stretch_phase(s, s.total - 0.5).name == "done"


def test_ice_plan_minutes_left_and_repeating_finish() -> None:
    plan = ice_plan(100.0, 600, explain=True)
    assert said(plan, 100.0) == [
        (0.0, "Timers.ice.intro", ""),
        (420.0, "Timers.ice.left", ""),
        (480.0, "Timers.ice.left", ""),
        (540.0, "Timers.ice.left", ""),
        (600.0, "Timers.ice.done", ""),
        (620.0, "Timers.ice.done_again", ""),
        (640.0, "Timers.ice.done_again", ""),
        (660.0, "Timers.ice.done_again", ""),
        (680.0, "Timers.ice.done_again", ""),
        (700.0, "Timers.ice.done_again", ""),
        (720.0, "Timers.ice.done_again", ""),
    ]
    lefts = [a.values["left"] for a in plan if a.key == "Timers.ice.left"]
    assert lefts == ["three minutes", "two minutes", "one minute"]
    assert plan[0].values == {"duration": "ten minutes"}
    assert ice_plan(0.0, 600, explain=False)[0].key == "Timers.ice.intro_again"


def test_short_ice_has_no_minute_cues_that_would_collide_with_the_intro() -> None:
    keys = [a.key for a in ice_plan(0.0, 70)]
    assert keys.count("Timers.ice.left") == 0
    keys = [a.key for a in ice_plan(0.0, 150)]
    assert keys.count("Timers.ice.left") == 2  # two minutes and one minute left


def test_plain_timer_finishes_like_ice() -> None:
    plan = timer_plan(0.0, 300)
    assert plan[0].key == "Timers.timer.intro"
    assert plan[1:] == finish_plan("timer", 300.0, {"name": "timer"})
    assert plan[1].priority == Priority.COUNTDOWN, "time's up is time-critical"
    repeats = [a for a in plan if a.kind == "repeated"]
    assert len(repeats) == 6 and repeats[-1].at == 300.0 + 120.0
