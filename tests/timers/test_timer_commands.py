"""Timer commands on the desk (FakeClock, real episode store): pause/resume, add/remove time, two
timers at once, starting again, and refusals that say the allowed range."""

from __future__ import annotations

import pytest
from timer_sim import START, Sim

from voice.events import Say

RANGE = "I can time from five seconds to two hours."
ASK = "For how long? For example, say set a timer for five minutes."


def test_pause_and_resume_move_the_finish(sim: Sim) -> None:
    sim.handle("StartIce", duration=600)
    sim.run_until(START + 100)
    paused = sim.handle("PauseTimer")
    assert paused[-1].text == "Paused the ice timer, with about eight and a half minutes left."  # type: ignore[attr-defined]
    assert sim.desk.next_deadline() is None
    sim.run_until(START + 400)
    assert sim.handle("TimerStatus")[0].text == (  # type: ignore[attr-defined]
        "The ice timer is paused, with about eight and a half minutes left."
    )
    assert sim.handle("PauseTimer")[0].text.startswith("The ice timer is already paused")  # type: ignore[attr-defined]
    resumed = sim.handle("ResumeTimer")
    assert resumed[-1].text.startswith("Okay, carrying on with the ice timer.")  # type: ignore[attr-defined]
    sim.run_until(START + 1000)
    finished = sim.timer_events("finished")[0]
    assert finished.scheduled == START + 900.0  # 600 s of ice plus 300 s paused
    assert finished.actual == finished.scheduled


def test_add_and_remove_time(sim: Sim) -> None:
    sim.handle("StartTimer", duration=300)
    sim.run_until(START + 60)
    assert sim.handle("AddTime", duration=60)[-1].text == (  # type: ignore[attr-defined]
        "Added one minute. Five minutes left on the timer."
    )
    assert sim.handle("RemoveTime", duration=120, timer="timer")[-1].text == (  # type: ignore[attr-defined]
        "Took off two minutes. Three minutes left on the timer."
    )
    refused = sim.handle("RemoveTime", duration=600)
    assert refused[0].text == "There's only three minutes left on the timer. Say cancel to stop it."  # type: ignore[attr-defined]
    sim.run_until(START + 400)
    assert sim.timer_events("finished")[0].scheduled == START + 240.0


def test_adding_time_to_a_finished_timer_starts_it_again(sim: Sim) -> None:
    sim.handle("StartTimer", duration=10)
    sim.run_until(START + 25)
    assert sim.desk.ringing() == ["timer"]
    sim.handle("AddTime", duration=30)
    assert sim.desk.ringing() == []
    sim.run_until(START + 100)
    assert [e.scheduled for e in sim.timer_events("finished")] == [START + 10, START + 55]


def test_two_timers_at_once(sim: Sim) -> None:
    sim.handle("StartIce", duration=300)
    sim.run_until(START + 10)
    sim.handle("StartTimer", duration=60)
    assert sim.desk.active() == ["ice", "timer"]
    assert [say.text for say in sim.handle("TimerStatus")] == [  # type: ignore[attr-defined]
        "The timer has one minute left; the ice timer has about five minutes left."
    ]  # "how much time is left" with two timers: both, soonest first
    assert sim.handle("TimerStatus", timer="ice")[0].text == (  # type: ignore[attr-defined]
        "About five minutes left on the ice timer."
    )
    sim.handle("PauseTimer", timer="ice")
    sim.run_until(START + 80)
    assert sim.desk.ringing() == ["timer"]
    sim.dispatch(sim.desk.acknowledge(sim.clock.now()))
    sim.handle("ResumeTimer")  # the most recent left is the ice
    sim.run_until(START + 80 + 290 + 1)
    finished = sim.timer_events("finished")
    assert [(e.timer, e.scheduled) for e in finished] == [
        ("timer", START + 70.0),
        ("ice", START + 80.0 + 290.0),
    ]
    assert sim.handle("CancelTimer")[-1].text == "Okay."  # type: ignore[attr-defined]
    assert sim.desk.active() == []


@pytest.mark.parametrize(
    ("intent", "slots", "expected"),
    [
        ("StartTimer", {"duration": 0}, f"Zero seconds is too short. {RANGE}"),
        ("StartTimer", {"duration": 900 * 3600}, f"Nine hundred hours is too long. {RANGE}"),
        ("StartIce", {"duration": -300}, f"Minus five minutes is too short. {RANGE}"),
        ("StartTimer", {}, ASK),
        ("StartTimer", {"duration": "soon"}, ASK),
        ("StartStretch", {"duration": 600}, "I can count a hold from two seconds to one minute."),
        ("StartStretch", {"reps": 50}, "I can count from one to ten holds."),
        ("PauseTimer", {"timer": "timer"}, "Nothing is running, so there's nothing to pause."),
        ("PauseTimer", {}, "Okay, I'll wait. I'm here when you're ready."),
        ("TimerStatus", {}, "No timer is running right now."),
        ("AddTime", {"duration": 60}, "No timer is running right now."),
    ],
)  # fmt: skip
def test_refusals_say_the_allowed_range(
    sim: Sim, intent: str, slots: dict[str, int], expected: str
) -> None:
    replies = sim.handle(intent, **slots)
    assert [r.text for r in replies if isinstance(r, Say)] == [expected]
    assert sim.desk.active() == []


def test_add_minus_five_minutes_is_refused(sim: Sim) -> None:
    sim.handle("StartIce")
    for amount in (-300, 0):
        reply = sim.handle("AddTime", duration=amount)
        assert reply[0].text == (  # type: ignore[attr-defined]
            "I can add or take off between five seconds and two hours. "
            "For example, say add one minute."
        )
    assert "longer than two hours" in sim.handle("AddTime", duration=7200)[0].text  # type: ignore[attr-defined]
    assert sim.handle("AddTime", timer="stretch", duration=60)[0].text == (  # type: ignore[attr-defined]
        "There's no stretch running right now."
    )


def test_starting_again_restarts(sim: Sim) -> None:
    sim.handle("StartIce", duration=300)
    sim.run_until(START + 100)
    again = sim.handle("StartIce", duration=300)
    texts = [e.text for e in again if isinstance(e, Say)]
    assert texts == [
        "Starting the ice timer again from the beginning.",
        "Okay, five minutes of ice. Slow circles, and keep it moving.",
    ]
    assert sim.desk.views(sim.clock.now())[0].remaining == 300


def test_all_timers_at_once(sim: Sim) -> None:
    """ "pause all the timers", "cancel all timers": every running timer, each said by name."""
    sim.handle("StartIce", duration=300)
    sim.handle("StartTimer", duration=600)
    paused = [e.text for e in sim.handle("PauseTimer", all=True) if isinstance(e, Say)]
    assert [t.split(",")[0] for t in paused] == ["Paused the ice timer", "Paused the timer"]
    assert sim.desk.next_deadline() is None
    cancelled = [e.text for e in sim.handle("CancelTimer", all=True) if isinstance(e, Say)]
    assert len(cancelled) == 2 and sim.desk.active() == []


def test_a_timer_named_by_its_length(sim: Sim) -> None:
    """ "cancel the ten minute timer" with the ice (five minutes) started after it."""
    sim.handle("StartTimer", duration=600)
    sim.handle("StartIce", duration=300)
    sim.handle("CancelTimer", duration=600)
    assert sim.desk.active() == ["ice"]


def test_named_timers_run_side_by_side_and_are_picked_by_name(sim: Sim) -> None:
    """ "set a pasta timer for ten minutes", then a neck timer: two plain timers, each called
    by its name aloud; one cancelled by name leaves the other, which ends with its name."""
    started = sim.handle("StartTimer", duration=600, timer="pasta")
    intro = "Okay, a pasta timer for ten minutes. I'll tell you when it's done."
    assert intro in [s.text for s in started]  # type: ignore[attr-defined]
    sim.handle("StartTimer", duration=300, timer="neck")
    assert sim.desk.active() == ["pasta", "neck"]
    assert [say.text for say in sim.handle("TimerStatus")] == [  # type: ignore[attr-defined]
        "The neck timer has five minutes left; the pasta timer has ten minutes left."
    ]
    sim.handle("CancelTimer", timer="pasta")
    assert sim.desk.active() == ["neck"]
    assert sim.handle("PauseTimer", timer="pasta")[0].text == (  # type: ignore[attr-defined]
        "There's no pasta timer running right now."
    )
    sim.run_until(START + 301)
    assert "Your neck timer is done. Say okay when you've heard me." in [
        say.text for say in sim.says()
    ]


def test_a_plain_timer_keeps_its_plain_words(sim: Sim) -> None:
    started = sim.handle("StartTimer", duration=60)
    intro = "Okay, a timer for one minute. I'll tell you when it's done."
    assert intro in [s.text for s in started]  # type: ignore[attr-defined]
    sim.run_until(START + 61)
    assert "Your timer is done. Say okay when you've heard me." in [s.text for s in sim.says()]
