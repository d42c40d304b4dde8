"""What the desk says when the hold and the ice run together (issue 17 item 5): cues name their
timer, "how much time is left" answers for every timer, and where a stretch stands is said at
once or not at all. The real desk and speech queue on a FakeClock (timer_sim.Sim)."""

from __future__ import annotations

from timer_sim import START, Sim

from voice.events import Say


def _texts(sim: Sim, key: str) -> list[str]:
    return [s.text for s in sim.says() if s.key == key]


def test_with_one_timer_the_cues_stay_short(sim: Sim) -> None:
    sim.handle("StartStretch", duration=20, reps=1)
    sim.run_until(START + 30)
    assert _texts(sim, "Timers.stretch.ten_left") == ["Ten seconds left."]
    sim.handle("StartIce", duration=240)  # alone now: the stretch has finished
    sim.run_until(START + 30 + 61)
    assert _texts(sim, "Timers.ice.left") == ["Three minutes of ice left."]


def test_with_the_hold_and_the_ice_running_the_cues_say_whose_they_are(sim: Sim) -> None:
    sim.handle("StartIce", duration=240)  # "three minutes left" at 60 s
    sim.run_until(START + 40)
    sim.handle("StartStretch", duration=20, reps=2)  # holds 46-66 s and 76-96 s
    sim.run_until(START + 120)
    assert _texts(sim, "Timers.stretch.ten_left") == ["Ten seconds left on the hold."] * 2
    # At 120 s the stretch is over (at 97.5 s): the ice's next cue is short again.
    assert _texts(sim, "Timers.ice.left") == [
        "Three minutes left on the ice.",
        "Two minutes of ice left.",
    ]
    # The ice cue fell during the first hold's countdown (61-66 s): it waited for "Release".
    spoken = sim.spoken(START)
    ice = next(t for t, text in spoken if text == "Three minutes left on the ice.")
    release = next(t for t, text in spoken if text.startswith("Release"))
    assert ice > release
    assert not any(s.cut for s in sim.said)


def test_how_much_time_is_left_answers_for_the_hold_and_the_ice(sim: Sim) -> None:
    sim.handle("StartIce", duration=600)
    sim.run_until(START + 30)
    sim.handle("StartStretch", duration=20, reps=3)  # hold one: 36-56 s
    sim.run_until(START + 37)  # "ten seconds left on the hold" comes at 46 s
    hold, ice = sim.handle("TimerStatus")
    assert isinstance(hold, Say) and isinstance(ice, Say)
    assert (hold.text, ice.text) == (
        "Hold one of three has nineteen seconds to go.",
        "The ice timer has about nine and a half minutes left.",
    )
    assert hold.not_after is not None and ice.not_after is None  # only the hold goes stale
    sim.run_until(START + 50)
    spoken = [text for _, text in sim.spoken(START)]
    assert hold.text in spoken and ice.text in spoken


def test_near_the_holds_countdown_the_ice_is_still_answered(sim: Sim) -> None:
    sim.handle("StartIce", duration=600)
    sim.run_until(START + 30)
    sim.handle("StartStretch", duration=20, reps=3)  # "Five" at 51 s
    sim.run_until(START + 49)
    [ice] = sim.handle("TimerStatus")  # "Five" at 51 s will say where the hold stands
    assert isinstance(ice, Say)
    assert ice.text == "The ice timer has about nine minutes left."
    sim.run_until(START + 70)
    spoken = [text for _, text in sim.spoken(START)]
    assert ice.text in spoken
    assert not any(s.cut for s in sim.said)


def test_asking_for_one_timer_by_name_still_answers_for_that_one(sim: Sim) -> None:
    sim.handle("StartIce", duration=600)
    sim.handle("StartStretch", duration=20, reps=3)
    sim.run_until(START + 10)
    [answer] = sim.handle("TimerStatus", timer="ice")
    assert answer.text == "About ten minutes left on the ice timer."  # type: ignore[attr-defined]


def test_where_a_hold_stands_is_not_said_late_after_the_numbers(sim: Sim) -> None:
    sim.handle("StartStretch", duration=20, reps=1)  # the hold runs 6-26 s, "Five" at 21 s
    sim.run_until(START + 19.5)
    [answer] = sim.handle("TimerStatus")  # "... seven seconds to go": it cannot end by 21 s
    assert isinstance(answer, Say) and answer.not_after is not None and answer.whole
    sim.run_until(START + 40)
    spoken = [text for _, text in sim.spoken(START)]
    assert answer.text not in spoken, "never said after the countdown it was overtaken by"
    assert [s.text for s in sim.queue.dropped] == [answer.text]
    assert not any(s.cut for s in sim.said)
