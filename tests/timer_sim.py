"""A step-by-step simulation of the timer desk feeding the speech queue on a FakeClock.

The player is a fake because real playback needs an audio device; the real speaker
(voice.speaking.speaker.Speaker with espeak-ng through PulseAudio) is exercised by the speech
integration tests. The fake's utterances last a fixed time per character, so tests can reason
about overlaps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from intents.replies import Replies
from intents.types import Match
from voice.clock import FakeClock
from voice.events import Event, Said, Say, StopSpeech, TimerEvent
from voice.speaking.speech_queue import SpeechQueue
from voice.timers.desk import TimerDesk


@dataclass(frozen=True)
class FakeUtterance:
    text: str
    duration: float


class FakePlayer:
    def __init__(self, clock: FakeClock, seconds_per_char: float = 0.05) -> None:
        self.clock = clock
        self.seconds_per_char = seconds_per_char
        self.current: tuple[FakeUtterance, Callable[[bool], None], float] | None = None
        self.started: list[tuple[str, float]] = []
        self.stops = 0
        self.voice: list[tuple[float, float]] = []

    def synthesize(self, text: str) -> FakeUtterance:
        return FakeUtterance(text, max(0.3, len(text) * self.seconds_per_char))

    def play(self, utterance: FakeUtterance, on_done: Callable[[bool], None]) -> None:
        assert self.current is None, "the queue must never overlap two sentences"
        self.current = (utterance, on_done, self.clock.mono + utterance.duration)
        self.started.append((utterance.text, self.clock.mono))

    def stop(self) -> None:
        self.stops += 1
        current, self.current = self.current, None
        if current is not None:
            current[1](True)  # like the real player: on_done(cut=True), which the queue ignores

    def set_voice(self, rate_factor: float, volume_delta: float) -> None:
        self.voice.append((rate_factor, volume_delta))

    def end_time(self) -> float | None:
        return self.current[2] if self.current else None

    def finish(self) -> None:
        assert self.current is not None
        on_done = self.current[1]
        self.current = None
        on_done(False)


class MemoryStore:
    """Only for tests that need no disk; the desk's own tests use the real EpisodeStore."""

    def __init__(self) -> None:
        self.rows: list[dict[str, object]] = []

    def save_timers(self, rows: list[dict[str, object]]) -> None:
        self.rows = rows

    def load_timers(self, check: object = None) -> list[dict[str, object]]:
        return list(self.rows)


class Sim:
    def __init__(self, desk: TimerDesk, clock: FakeClock) -> None:
        self.desk = desk
        self.clock = clock
        self.player = FakePlayer(clock)
        self.said: list[Said] = []
        self.events: list[Event] = []
        self.queue = SpeechQueue(
            self.player,
            clock,
            on_said=self.said.append,
            next_countdown=desk.next_countdown,
            offer_taken=desk.running,
            upcoming_cues=desk.upcoming_cues,
        )

    @staticmethod
    def make(store: object, clock: FakeClock, **settings: int) -> Sim:
        desk = TimerDesk(Replies.load(), store, **settings)  # type: ignore[arg-type]
        return Sim(desk, clock)

    def dispatch(self, events: list[Event]) -> list[Event]:
        for event in events:
            self.events.append(event)
            if isinstance(event, Say):
                self.queue.say(event, self.clock.now())
            elif isinstance(event, StopSpeech):
                self.queue.stop(event.keep_priority)
        return events

    def handle(self, intent: str, **slots: str | int) -> list[Event]:
        match = Match(text=intent, intent=intent, slots=slots)
        return self.dispatch(self.desk.handle(match, self.clock.now()))

    def at(self, offset: float, start: float) -> None:
        self.run_until(start + offset)

    def run_until(self, t: float) -> None:
        """Advance to `t`, waking at every desk deadline and every end of speech, like the
        session loop and the player would."""
        while True:
            wakes = [
                w for w in (self.desk.next_deadline(), self.player.end_time()) if w is not None
            ]
            nxt = min(wakes) if wakes else None
            if nxt is None or nxt > t:
                self.clock.advance(max(0.0, t - self.clock.mono))
                return
            self.clock.advance(max(0.0, nxt - self.clock.mono))
            end = self.player.end_time()
            if end is not None and end <= self.clock.mono:
                self.player.finish()
            self.dispatch(self.desk.tick(self.clock.now()))

    # --- reading ---------------------------------------------------------------------------------
    def says(self) -> list[Say]:
        return [e for e in self.events if isinstance(e, Say)]

    def timer_events(self, kind: str | None = None) -> list[TimerEvent]:
        found = [e for e in self.events if isinstance(e, TimerEvent)]
        return [e for e in found if kind is None or e.kind == kind]

    def spoken(self, start: float) -> list[tuple[float, str]]:
        """(seconds after `start`, text) for every sentence the player began."""
        return [(round(t - start, 3), text) for text, t in self.player.started]

    def sentences(self, start: float) -> list[tuple[float, str, str]]:
        """(seconds after `start`, key, text) per Say as heard: the queue speaks open-ended
        texts sentence by sentence; consecutive parts with the same key are joined here."""
        out: list[tuple[float, str, str]] = []
        end = None
        for s in self.said:
            if out and s.key == out[-1][1] and end is not None and abs(s.start - end) < 1e-9:
                out[-1] = (out[-1][0], s.key, f"{out[-1][2]} {s.text}")
            else:
                out.append((round(s.start - start, 3), s.key, s.text))
            end = s.end
        return out

    def last_text(self) -> str:
        return self.says()[-1].text


START = 1000.0
"""Where the fake monotonic clock of the `sim` fixture (timer_fixtures.py) starts."""
