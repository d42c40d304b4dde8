"""The one real-clock test the timers issue asks for: a 5-second hold through the session loop on
SystemClock, each countdown number's lateness read from the event log."""

from __future__ import annotations

import threading

import pytest

from intents.replies import Replies
from intents.types import Match
from voice.app.session import EventLog, Session
from voice.clock import Now, SystemClock
from voice.coach.episode import EpisodeStore
from voice.events import EndSession, Event, TimerEvent
from voice.speaking.speech_queue import SpeechQueue
from voice.timers.desk import TimerDesk


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

    def withdraw_offer(self, routine: str) -> None:
        pass  # this stand-in coach makes no offers


class _Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.lock = threading.Lock()

    def write(self, text: str) -> None:
        with self.lock:
            self.lines.append(text)

    def flush(self) -> None:
        pass


@pytest.mark.live  # timed: run at normal priority (Makefile)
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
