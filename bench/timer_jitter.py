"""Timer jitter: real holds, ice and plain timers on the real clock, through the real session
loop and speech queue, and how late every announcement was.

    python bench/timer_jitter.py                  # about 3 minutes
    python bench/timer_jitter.py --minutes 20 --long 1200

Workload: a long ice timer (`--long`, default: the whole run) with its minute cues; stretch
routines 20 s apart, alternating 20-second and 6-second holds (3 reps); a 20-second plain
timer started every 40 s and acknowledged after its first reminder; a spoken answer posted
every 20 s (so guidance competes with countdown numbers). The player either synthesizes with
espeak-ng (`--speaker synth`, default when pyttsx3 works) and "plays" for the real duration on a
timer thread, or estimates durations from the text (`--speaker timed`). No sound card needed.

Prints a markdown table: lateness of the desk's announcements (when the loop handled them) and
of speech starts (when the queue handed them to the player), median / p99 / max; and the
end-time error of the long timer. Goal (issue 3): p99 < 20 ms, long-timer end error < 5 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intents.replies import Replies  # noqa: E402
from intents.types import Match  # noqa: E402
from voice.app.session import EventLog, Session  # noqa: E402
from voice.clock import Now, SystemClock  # noqa: E402
from voice.events import EndSession, Event, Heard, Said, Say, TimerEvent  # noqa: E402
from voice.speaking.speech_queue import SpeechQueue  # noqa: E402
from voice.timers.desk import TimerDesk  # noqa: E402
from voice.timers.routines import Stretch, ice_plan, stretch_plan, timer_plan  # noqa: E402

REST_BETWEEN_STRETCHES = 20.0
"""Seconds between the end of one stretch routine and the next, as a person would rest."""

TIME_BOUND = {
    a.key: a.not_after is not None
    for a in [*stretch_plan(Stretch(), 0.0), *ice_plan(0.0, 600), *timer_plan(0.0, 60)]
}
"""Which announcement keys carry a not_after (said on time or dropped)."""

ANSWER = "Ice first. Heat only if it is still in spasm after three days."
COMMANDS = {
    "start timer": Match("start timer", "StartTimer", {"duration": 20}),
    "okay": Match("okay", "Yes", {}),
    "question": Match("question", "Question", {}),
}


@dataclass(frozen=True)
class _Estimate:
    text: str
    duration: float


class TimedPlayer:
    """Plays nothing: an utterance ends after its duration, on a timer thread."""

    def __init__(self, synthesize: Callable[[str], Any] | None) -> None:
        self._synthesize = synthesize
        self._current: threading.Timer | None = None

    def synthesize(self, text: str) -> Any:
        if self._synthesize is not None:
            return self._synthesize(text)
        return _Estimate(text, max(0.3, len(text) / 14.0))

    def play(self, utterance: Any, on_done: Callable[[bool], None]) -> None:
        self._current = threading.Timer(utterance.duration, on_done, args=(False,))
        self._current.daemon = True
        self._current.start()

    def stop(self) -> None:
        if self._current is not None:
            self._current.cancel()

    def set_voice(self, rate_factor: float, volume_delta: float) -> None:
        pass


class MemoryStore:
    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def save_timers(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows

    def load_timers(self, check: object = None) -> list[dict[str, Any]]:
        return self.rows


class BenchCoach:
    def __init__(self, desk: TimerDesk, long_seconds: float, end: float) -> None:
        self.desk = desk
        self.long_seconds = long_seconds
        self.end = end
        self.holds = 0
        self.long_started = 0.0
        self.next_stretch: float | None = None

    def _stretch(self, now: Now) -> list[Event]:
        hold = 20 if self.holds % 2 == 0 else 6
        self.holds += 1
        return self.desk.handle(Match("", "StartStretch", {"duration": hold, "reps": 3}), now)

    def start(self, now: Now) -> list[Event]:
        self.long_started = now.mono
        ice = Match("", "StartIce", {"duration": int(self.long_seconds)})
        return [*self.desk.handle(ice, now), *self._stretch(now)]

    def handle(self, match: Match, now: Now) -> list[Event]:
        if match.intent == "Question":
            return [Say(ANSWER, key="Bench.answer")]
        if match.intent == "Yes":
            return self.desk.acknowledge(now)
        return self.desk.handle(match, now)

    def tick(self, now: Now) -> list[Event]:
        events = self.desk.tick(now)
        if "stretch" in self.desk.active():
            self.next_stretch = None
        elif self.next_stretch is None:
            self.next_stretch = now.mono + REST_BETWEEN_STRETCHES
        elif now.mono >= self.next_stretch and now.mono < self.end - 45:
            events += self._stretch(now)
        if now.mono >= self.end:
            events.append(EndSession("bench over"))
        return events

    def next_deadline(self) -> float | None:
        times = [self.desk.next_deadline(), self.next_stretch, self.end]
        return min(t for t in times if t is not None)


class Recorder(EventLog):
    def __init__(self) -> None:
        super().__init__(None)
        self.events: list[Event] = []
        self.lock = threading.Lock()

    def write(self, event: Event) -> None:
        with self.lock:
            self.events.append(event)


def user(session: Session, start: float, end: float) -> None:
    """Posts what a person would say, on a schedule (bench code may sleep)."""
    plan: list[tuple[float, str]] = []
    t = 5.0
    while start + t < end - 5:
        plan.append((t, "start timer"))
        plan.append((t + 25.0, "okay"))
        t += 40.0
    plan += [(q, "question") for q in range(3, int(end - start) - 5, 20)]
    for at, text in sorted(plan):
        delay = start + at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        if session.finished:
            return
        session.post(Heard(text))


def stats(values: list[float]) -> tuple[int, float, float, float]:
    if not values:
        return 0, float("nan"), float("nan"), float("nan")
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]
    mid = ordered[len(ordered) // 2]
    return len(ordered), mid * 1000, p99 * 1000, ordered[-1] * 1000


def make_player(kind: str) -> tuple[TimedPlayer, str]:
    if kind in ("synth", "auto"):
        try:
            from voice.speaking.synthesizer import Synthesizer

            synth = Synthesizer()
            return TimedPlayer(synth.synthesize), "espeak-ng synthesis, timed playback"
        except Exception as err:  # noqa: BLE001 - fall back and say so
            if kind == "synth":
                raise SystemExit(f"timer_jitter: cannot synthesize speech ({err})") from err
    return TimedPlayer(None), "estimated durations, timed playback"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=3.0, help="run length (3)")
    parser.add_argument("--long", type=float, default=None, help="long timer seconds (the run)")
    parser.add_argument("--speaker", choices=["auto", "synth", "timed"], default="auto")
    args = parser.parse_args()
    length = args.minutes * 60
    long_seconds = args.long if args.long is not None else length - 2
    length = max(length, long_seconds + 2)

    clock = SystemClock()
    desk = TimerDesk(Replies.load(), MemoryStore())
    player, player_kind = make_player(args.speaker)
    recorder = Recorder()
    queue = SpeechQueue(
        player, clock, on_said=recorder.write, next_countdown=desk.next_countdown, background=True
    )
    queue.warm(desk.countdown_texts())
    start = clock.now().mono
    coach = BenchCoach(desk, long_seconds, start + length)
    session = Session(lambda text: COMMANDS[text], coach, queue, clock, recorder)
    load_before = os.getloadavg()
    threading.Thread(target=user, args=(session, start, start + length), daemon=True).start()
    print(f"running {length / 60:.1f} min ({player_kind}) ...", file=sys.stderr, flush=True)
    session.run()
    queue.close()
    report(recorder.events, queue, coach, player_kind, length, load_before)
    return 0


def report(
    events: list[Event],
    queue: SpeechQueue,
    coach: BenchCoach,
    player_kind: str,
    length: float,
    load_before: tuple[float, float, float],
) -> None:
    timer_events = [e for e in events if isinstance(e, TimerEvent)]
    said = [e for e in events if isinstance(e, Said)]
    spoken_kinds = ("announced", "finished", "repeated")
    announced = [e for e in timer_events if e.kind in spoken_kinds]
    numbers = [e for e in announced if e.extra.get("key") == "Timers.count"]
    # Join each Said to its announcement: same key, the announcement's text starts with the
    # Said's (open-ended texts are spoken sentence by sentence: only the first part counts),
    # the latest one scheduled before it started (a dropped cue leaves no Said).
    pending: dict[str, list[TimerEvent]] = defaultdict(list)
    for e in announced:
        pending[str(e.extra.get("key"))].append(e)
    speech_numbers: list[float] = []
    speech_bound: list[float] = []
    speech_open: list[float] = []
    for s in said:
        candidates = [
            e
            for e in pending.get(s.key, [])
            if e.text.startswith(s.text) and e.scheduled <= s.start + 1e-6
        ]
        if not candidates:
            continue
        match = max(candidates, key=lambda e: e.scheduled)
        pending[s.key].remove(match)
        late = s.start - match.scheduled
        if s.key == "Timers.count":
            speech_numbers.append(late)
        (speech_bound if TIME_BOUND.get(s.key, False) else speech_open).append(late)
    rows = [
        ("desk announcement, countdown numbers", [e.actual - e.scheduled for e in numbers]),
        ("desk announcement, all", [e.actual - e.scheduled for e in announced]),
        ("speech start, countdown numbers", speech_numbers),
        ("speech start, all time-bound cues", speech_bound),
        ("speech start, open-ended (wait for a gap)", speech_open),
    ]
    print(f"\n## Timer jitter ({length / 60:.1f} min, {player_kind})\n")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, load average before {load_before[0]:.2f}, "
        f"after {os.getloadavg()[0]:.2f}\n"
    )
    print("| lateness | n | median ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    for name, values in rows:
        n, med, p99, worst = stats(values)
        print(f"| {name} | {n} | {med:.2f} | {p99:.2f} | {worst:.2f} |")
    skipped = sum(1 for e in timer_events if e.kind == "skipped")
    cut = sum(1 for s in said if s.cut)
    print(
        f"\nskipped cues: {skipped}; dropped stale sentences: {len(queue.dropped)}; "
        f"sentences cut: {cut}; stretches: {coach.holds}; sentences said: {len(said)}"
    )
    if queue.dropped:
        print(f"dropped: {dict(Counter(s.key for s in queue.dropped))}")
    if cut:
        print(f"cut: {dict(Counter(s.key for s in said if s.cut))}")
    finished = [e for e in timer_events if e.kind == "finished" and e.timer == "ice"]
    if finished:
        e = finished[0]
        drift = (e.scheduled - (coach.long_started + coach.long_seconds)) * 1000
        print(
            f"long timer ({coach.long_seconds:.0f} s ice): end-time error "
            f"{(e.actual - e.scheduled) * 1000:.2f} ms after its deadline; deadline drift from "
            f"start + duration {drift:.3f} ms"
        )


if __name__ == "__main__":
    sys.exit(main())
