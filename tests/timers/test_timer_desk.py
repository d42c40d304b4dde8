"""The timer desk on a FakeClock with the real episode store: full routines second by second as
they are heard, status in each phase, late wake-ups, finish repeats and acknowledgement, stopping
a routine, the countdown line. Commands: test_timer_commands.py; saving and recovery:
test_timer_saving.py; the one real-clock hold: test_timer_real_clock.py."""

from __future__ import annotations

import pytest
from timer_sim import START, MemoryStore, Sim

from intents.replies import Replies
from intents.types import Match
from voice.clock import FakeClock
from voice.coach.episode import EpisodeStore
from voice.events import Priority, Say, StopSpeech, TimerEvent
from voice.timers.countdown_line import render
from voice.timers.desk import TimerDesk


def test_stretch_counted_through_second_by_second(sim: Sim) -> None:
    sim.handle("StartStretch", duration=20, reps=2)
    sim.run_until(START + 200)
    spoken = sim.spoken(START)
    assert spoken[0] == (
        0.0,
        "Let's do two gentle holds. Bring your knees slowly toward your chin... "
        "and hold for twenty seconds.",
    )
    # Hold 1 runs 6..26 s, rest, hold 2 runs 36..56 s.
    assert spoken[1:] == [
        (16.0, "Ten seconds left."),
        (21.0, "Five"),
        (22.0, "Four"),
        (23.0, "Three"),
        (24.0, "Two"),
        (25.0, "One"),
        (26.0, "Release... and rest."),
        (32.0, "Next one. Knees slowly toward your chin... and hold."),
        (46.0, "Ten seconds left."),
        (51.0, "Five"),
        (52.0, "Four"),
        (53.0, "Three"),
        (54.0, "Two"),
        (55.0, "One"),
        (56.0, "Release."),
        (57.5, "Well done."),  # open-ended texts are spoken sentence by sentence
        (58.0, "That's all of them."),
        (58.95, "Rest for a moment."),
        (59.85, "If it still feels tight, I can time an ice massage."),
        (62.4, "Just say start ice."),
    ]
    assert sim.sentences(START)[-1] == (57.5, "Timers.stretch.done", sim.says()[-1].text)
    assert not any(s.cut for s in sim.said)
    assert sim.desk.active() == [] and sim.desk.next_deadline() is None
    assert [e.kind for e in sim.timer_events()][-2:] == ["finished", "done"]
    counted = [e for e in sim.timer_events("announced") if e.extra["key"] == "Timers.count"]
    assert all(e.actual == e.scheduled for e in counted), "each number on its second"


def test_status_during_a_stretch_says_where_we_are(sim: Sim) -> None:
    sim.handle("StartStretch")
    sim.run_until(START + 19.0)  # hold 1 runs 6..26 s
    assert sim.handle("TimerStatus")[0].text == "Hold one of three. Seven seconds to go."  # type: ignore[attr-defined]
    sim.run_until(START + 30.0)
    assert sim.handle("TimerStatus", timer="stretch")[0].text == (  # type: ignore[attr-defined]
        "Resting. Hold two of three starts in six seconds."
    )


@pytest.mark.parametrize(
    ("offset", "answer"),
    [
        (10.3, "Hold one of two. A second to go."),
        (10.8, "Hold one of two. A moment to go."),
        (11.0, "Resting. Hold two of two starts in seven seconds."),  # just after "release"
        (13.44, "Resting. Hold two of two starts in five seconds."),
        (15.0, "Resting. Hold two of two starts in three seconds."),
        (17.44, "Resting. Hold two of two starts in a second."),
        (17.8, "Resting. Hold two of two starts in a moment."),
    ],
)
def test_stretch_status_says_the_true_time_to_the_next_step(
    store: EpisodeStore, offset: float, answer: str
) -> None:
    """--hold 5 --reps 2 --rest 3: hold 1 runs 6..11 s; the rest is lengthened to seven seconds
    so "next one" (said four seconds ahead) has room, and hold 2 starts at 18 s. The status
    rounds to the nearest second as people say it, not up: 0.56 s is "a second"."""
    sim = Sim.make(store, FakeClock(mono=START), hold_seconds=5, reps=2, rest_seconds=3)
    sim.handle("StartStretch")
    sim.run_until(START + offset)
    assert sim.handle("TimerStatus")[0].text == answer  # type: ignore[attr-defined]
    sim.run_until(START + 30.0)
    assert [t for t, text in sim.spoken(START) if text == "Five"] == [6.0, 18.0]


def test_late_wake_up_skips_numbers_whose_second_has_passed(store: EpisodeStore) -> None:
    clock = FakeClock(mono=START)
    desk = TimerDesk(Replies.load(), store, hold_seconds=20, reps=1)
    desk.handle(Match("", "StartStretch", {}), clock.now())
    clock.advance(16.0)
    desk.tick(clock.now())  # ten seconds left
    clock.advance(23.2 - 16.0)  # the loop stalled past "five" and "four"
    events = desk.tick(clock.now())
    said = [e.text for e in events if isinstance(e, Say)]
    skipped = [e.text for e in events if isinstance(e, TimerEvent) and e.kind == "skipped"]
    assert said == ["Three"]
    assert skipped == ["Five", "Four"]


def test_ice_minutes_left_then_repeats_until_acknowledged(sim: Sim) -> None:
    sim.handle("StartIce")
    assert "slow circles" in sim.says()[0].text and "ten minutes" in sim.says()[0].text
    sim.run_until(START + 645)
    spoken = [(t, text) for t, _, text in sim.sentences(START)]
    assert [t for t, _ in spoken] == [0.0, 420.0, 480.0, 540.0, 600.0, 620.0, 640.0]
    assert [text for _, text in spoken[1:4]] == [
        "Three minutes of ice left.",
        "Two minutes of ice left.",
        "One minute of ice left.",
    ]
    assert spoken[4][1].startswith("Time's up.") and "gentle movement" in spoken[4][1]
    assert sim.desk.ringing() == ["ice"]
    acknowledged = sim.dispatch(sim.desk.acknowledge(sim.clock.now()))
    assert [e.kind for e in acknowledged if isinstance(e, TimerEvent)] == ["acknowledged"]
    sim.run_until(START + 900)
    assert len(sim.sentences(START)) == 8  # seven above plus "Okay."; no more repeats
    assert sim.desk.acknowledge(sim.clock.now()) == []
    assert sim.desk.active() == []


def test_unacknowledged_finish_repeats_for_two_minutes_then_stops(sim: Sim) -> None:
    sim.handle("StartTimer", duration=30)
    sim.run_until(START + 1000)
    times = [t for t, _, _ in sim.sentences(START)]
    assert times == [0.0, 30.0, 50.0, 70.0, 90.0, 110.0, 130.0, 150.0]
    assert [e.kind for e in sim.timer_events()][-2:] == ["repeated", "expired"]
    assert sim.desk.active() == []


def test_it_hurts_ends_the_stretch_at_once(sim: Sim) -> None:
    sim.handle("StartStretch")
    sim.handle("StartIce")
    sim.run_until(START + 21.2)  # "Five" is playing
    events = sim.dispatch(sim.desk.stop_routines(sim.clock.now(), "it hurts"))
    assert isinstance(events[0], StopSpeech) and events[0].keep_priority == Priority.SAFETY
    assert [(e.kind, e.timer) for e in events if isinstance(e, TimerEvent)] == [
        ("cancelled", "stretch")
    ]
    assert not [e for e in events if isinstance(e, Say)], (
        "the coach says 'stop, try something else'"
    )
    assert sim.said[-1].text == "Five" and sim.said[-1].cut
    sim.run_until(START + 60)
    assert sim.desk.active() == ["ice"]
    assert sim.player.started[-1][0] == "Five", "no number after the stop"


def test_red_flag_ends_stretch_and_ice_and_stop_silences_a_finished_timer(sim: Sim) -> None:
    sim.handle("StartStretch")
    sim.handle("StartIce")
    events = sim.desk.stop_routines(sim.clock.now(), "RedFlag")
    assert {e.timer for e in events if isinstance(e, TimerEvent)} == {"stretch", "ice"}
    sim.handle("StartTimer", duration=5)
    sim.handle("StartStretch")
    sim.run_until(START + 7)
    stopped = sim.desk.stop_routines(sim.clock.now(), "Stop")
    kinds = [(e.kind, e.timer) for e in stopped if isinstance(e, TimerEvent)]
    assert kinds == [("cancelled", "stretch"), ("acknowledged", "timer")]
    assert [e.text for e in stopped if isinstance(e, Say)] == ["Okay, I've stopped the stretch."]


def test_countdown_line(sim: Sim) -> None:
    assert render(sim.desk, sim.clock.now()) == ""
    sim.handle("StartIce", duration=300)
    sim.handle("StartStretch")
    sim.run_until(START + 28.3)
    assert render(sim.desk, sim.clock.now()) == "ice 04:32 | stretch rest 2/3 00:08"
    sim.handle("PauseTimer", timer="ice")
    sim.run_until(START + 41)
    assert render(sim.desk, sim.clock.now()) == "ice 04:32 paused | stretch hold 2/3 00:15"


def test_countdown_texts_are_what_the_desk_says(sim: Sim) -> None:
    assert sim.desk.countdown_texts() == [
        *["One", "Two", "Three", "Four", "Five"],
        *["Release.", "Release... and rest."],
    ]


def test_other_intents_are_not_the_desks_business() -> None:
    desk = TimerDesk(Replies.load(), MemoryStore())
    assert desk.handle(Match("hi", "Help", {}), FakeClock().now()) == []
