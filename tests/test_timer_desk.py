"""The timer desk on a FakeClock with the real episode store: full routines second by second,
pause/resume, add/remove time, two timers at once, acknowledgement, refusals, recovery."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from timer_sim import MemoryStore, Sim

from intents.replies import Replies
from intents.types import Match
from voice.clock import FakeClock, Now, SystemClock
from voice.countdown_line import render
from voice.episode import EpisodeStore
from voice.events import EndSession, Event, Priority, Problem, Say, StopSpeech, TimerEvent
from voice.session import EventLog, Session
from voice.speech_queue import SpeechQueue
from voice.timer_desk import TimerDesk

START = 1000.0
RANGE = "I can time from five seconds to two hours."
ASK = "For how long? For example, say set a timer for five minutes."


@pytest.fixture
def store(tmp_path: Path) -> EpisodeStore:
    return EpisodeStore(tmp_path / "state")


@pytest.fixture
def sim(store: EpisodeStore) -> Sim:
    return Sim.make(store, FakeClock(mono=START))


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
    assert sim.handle("TimerStatus")[0].text == "One minute left on the timer."  # type: ignore[attr-defined]
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
        ("PauseTimer", {}, "Nothing is running, so there's nothing to pause."),
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


def test_recovery_says_what_finished_while_down(store: EpisodeStore) -> None:
    clock = FakeClock(mono=START, wall=1_800_000_000.0)
    Sim.make(store, clock).handle("StartIce", duration=300)
    store.save_timers([*store.load_timers(), {"kind": "toaster"}])
    later = FakeClock(mono=1.0, wall=1_800_000_000.0 + 300 + 125)
    events = Sim.make(store, later).desk.recover(later.now())
    texts = [e.text for e in events if isinstance(e, Say)]
    assert texts == ["I'm back. Your ice timer finished while I was away, about two minutes ago."]
    assert any(isinstance(e, Problem) and "timer row" in e.message for e in events)
    assert store.load_timers() == []


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


# --- one real-clock test -------------------------------------------------------------------------
class _DeskCoach:
    """The smallest CoachLike around the desk: starts a 5-second hold, then ends the session."""

    def __init__(self, desk: TimerDesk) -> None:
        self.desk = desk

    def start(self, now: Now) -> list[Event]:
        return self.desk.handle(Match("", "StartStretch", {"duration": 5, "reps": 1}), now)

    def handle(self, match: Match, now: Now) -> list[Event]:
        return self.desk.handle(match, now)

    def tick(self, now: Now) -> list[Event]:
        events = self.desk.tick(now)
        if not self.desk.active():
            events.append(EndSession("done"))
        return events

    def next_deadline(self) -> float | None:
        return self.desk.next_deadline()


class _Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.lock = threading.Lock()

    def write(self, text: str) -> None:
        with self.lock:
            self.lines.append(text)

    def flush(self) -> None:
        pass


def test_real_clock_five_second_hold_numbers_are_on_time(store: EpisodeStore) -> None:
    """Real time (about 12 s): the session loop waits on SystemClock; each countdown number's
    lateness, from the event log, must stay under 50 ms."""
    clock = SystemClock()
    desk = TimerDesk(Replies.load(), store)
    player = _InstantPlayer()  # no audio device needed; the loop's timing is what is measured
    queue = SpeechQueue(player, clock, next_countdown=desk.next_countdown)
    log = _Lines()
    session = Session(
        lambda text: Match.unknown(text), _DeskCoach(desk), queue, clock, EventLog(log)
    )  # type: ignore[arg-type]
    session.run()
    events = [Event.from_json(__import__("json").loads(line)) for line in log.lines]
    numbers = [
        e for e in events if isinstance(e, TimerEvent) and e.extra.get("key") == "Timers.count"
    ]
    assert [e.text for e in numbers] == ["Five", "Four", "Three", "Two", "One"]
    lateness = [e.actual - e.scheduled for e in numbers]
    assert all(0 <= late < 0.050 for late in lateness), lateness
    gaps = [b.scheduled - a.scheduled for a, b in zip(numbers, numbers[1:], strict=False)]
    assert gaps == pytest.approx([1.0] * 4)


class _InstantPlayer:
    def synthesize(self, text: str) -> object:
        from timer_sim import FakeUtterance

        return FakeUtterance(text, 0.3)

    def play(self, utterance: object, on_done: object) -> None:
        on_done(False)  # type: ignore[operator]

    def stop(self) -> None:
        pass

    def set_voice(self, rate_factor: float, volume_delta: float) -> None:
        pass
