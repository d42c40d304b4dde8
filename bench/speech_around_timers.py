"""Does speech fit around the timers? Scripted sessions through the product's coach and speech
queue, with espeak-ng's real sentence lengths, on a fake clock. (Not a test; prints tables.)

Each session runs the real coach (voice.app.wiring.build_coach, a scratch state directory), the
real timer desk and the real speech queue; the player takes each sentence's length from the
real espeak-ng synthesis (voice.speaking.synthesizer) but plays on a fake clock, so hours of
sessions replay in seconds and every run is the same.

Sessions:
- "hold", "hold+ice": a knees-to-chin stretch (three 20 s holds), alone or during a four-minute
  ice massage, and one question asked at every second of the stretch (heat, pain relief, how to
  ice, how much time is left, what is this, how long will it last, help, thanks). A reply is
  "split by a number" when a countdown number or "release" is said between its first word and
  its last, or cuts it; "split by a cue" counts any timer cue.
- "offer": "my back locked up" (or "my neck went into spasm"), then "start the stretch" (or
  "start the ice") 1-10 s later, while the reply is still being said: is its offer of that
  routine still spoken after the routine started?
Also: cues that do not say whose they are while two timers run ("Ten seconds left."), and
whether "how much time is left" answers for every running timer.

    python bench/speech_around_timers.py [--out bench/results/speech_around_timers.md]
    PYTHONPATH=/path/to/other/checkout python bench/speech_around_timers.py   # before/after
"""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import platform
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import voice
from intents.matcher import load_matcher
from intents.replies import Replies
from voice.app.settings import Settings
from voice.app.wiring import build_coach
from voice.clock import FakeClock
from voice.events import AdjustVoice, Event, Said, Say, StopSpeech
from voice.speaking.speech_policy import sentences
from voice.speaking.speech_queue import SpeechQueue
from voice.speaking.synthesizer import Synthesizer

QUESTIONS = (
    "can I use heat",
    "what can I take for the pain",
    "how do I ice it",
    "how much time is left",
    "what is this",
    "how long will this last",
    "help",
    "thank you",
)
NUMBER_KEYS = ("Timers.count", "Timers.stretch.release", "Timers.stretch.release_rest")
MAX_WAIT = 0.0
"""--max-wait: the speech queue's (0: its default)."""
STRETCH_AT = 40.0
"""When the stretch starts (after the ice explanation in the hold+ice room)."""


REFERENCE = "Follow the label. Aspirin, ibuprofen or naproxen tend to work best for this."


class EspeakLengths:
    """Real espeak-ng lengths, synthesized once per text."""

    def __init__(self) -> None:
        self._synth = Synthesizer()
        self._seconds: dict[str, float] = {}

    def reference(self) -> float:
        """A fixed sentence synthesized afresh: its length should not change within a run
        (pyttsx3 has been seen to hand back every sentence about 0.45 s short for the rest of
        a process, as if read before espeak-ng finished it)."""
        return float(self._synth.synthesize(REFERENCE).duration)

    def __call__(self, text: str) -> float:
        if text not in self._seconds:
            self._seconds[text] = self._synth.synthesize(text).duration
        return self._seconds[text]


@dataclass(frozen=True)
class Timed:
    text: str
    duration: float


class TimedPlayer:
    """Plays on the fake clock for as long as espeak-ng takes to say the sentence."""

    def __init__(self, clock: FakeClock, lengths: Callable[[str], float]) -> None:
        self.clock, self.lengths = clock, lengths
        self.current: tuple[Callable[[bool], None], float] | None = None

    def synthesize(self, text: str) -> Timed:
        return Timed(text, self.lengths(text))

    def play(self, utterance: Timed, on_done: Callable[[bool], None]) -> None:
        assert self.current is None, "the queue overlapped two sentences"
        self.current = (on_done, self.clock.mono + utterance.duration)

    def stop(self) -> None:
        current, self.current = self.current, None
        if current is not None:
            current[0](True)

    def set_voice(self, rate_factor: float, volume_delta: float) -> None:
        pass

    def end(self) -> float | None:
        return self.current[1] if self.current else None

    def finish(self) -> None:
        assert self.current is not None
        on_done, self.current = self.current[0], None
        on_done(False)


@dataclass
class Session:
    """One scripted session: (seconds, words) said to the coach; what was said back."""

    script: list[tuple[float, str]]
    said: list[Said] = field(default_factory=list)
    replies: dict[str, list[Say]] = field(default_factory=dict)
    """The coach's Says for each scripted line."""

    asked_at: dict[str, float] = field(default_factory=dict)
    unsaid: list[Any] = field(default_factory=list)
    running_at_said: list[tuple[Said, list[str]]] = field(default_factory=list)
    running_when_asked: dict[str, list[str]] = field(default_factory=dict)


def run(session: Session, lengths: Callable[[str], float], until: float, understand: Any) -> None:
    clock = FakeClock(mono=0.0)
    with tempfile.TemporaryDirectory() as state:
        parts = build_coach(Settings(state_dir=Path(state)))
        try:
            coach, desk = parts.coach, parts.desk
            player = TimedPlayer(clock, lengths)
            options: dict[str, Any] = {}
            if "offer_taken" in inspect.signature(SpeechQueue).parameters:
                options["offer_taken"] = desk.running
                options["upcoming_cues"] = desk.upcoming_cues

            def said(s: Said) -> None:
                session.said.append(s)
                session.running_at_said.append((s, list(desk.active())))

            queue = SpeechQueue(
                player, clock, on_said=said, next_countdown=desk.next_countdown, **options
            )
            if MAX_WAIT:
                queue._policy = dataclasses.replace(queue._policy, max_wait=MAX_WAIT)  # noqa: SLF001

            def dispatch(events: list[Event]) -> list[Say]:
                for e in events:
                    if isinstance(e, Say):
                        queue.say(e, clock.now())
                    elif isinstance(e, StopSpeech):
                        queue.stop(e.keep_priority)
                    elif isinstance(e, AdjustVoice):
                        queue.adjust(e)
                return [e for e in events if isinstance(e, Say)]

            dispatch(coach.start(clock.now()))
            script = sorted(session.script, key=lambda line: line[0])
            while True:
                wakes = [w for w in (coach.next_deadline(), player.end()) if w is not None]
                if script:
                    wakes.append(script[0][0])
                nxt = min(wakes) if wakes else None
                if nxt is None or nxt > until:
                    break
                clock.advance(max(0.0, nxt - clock.mono))
                end = player.end()
                if end is not None and end <= clock.mono:
                    player.finish()
                while script and script[0][0] <= clock.mono:
                    _, words = script.pop(0)
                    session.asked_at[words] = clock.mono
                    session.running_when_asked[words] = list(desk.active())
                    session.replies[words] = dispatch(coach.handle(understand(words), clock.now()))
                dispatch(coach.tick(clock.now()))
            session.unsaid = list(getattr(queue, "unsaid", []))
        finally:
            parts.close()


@dataclass
class Reply:
    asked: float
    start: float | None
    split_number: bool
    split_cue: bool
    cut: bool
    left_out: int
    text: str


def reply_of(session: Session, words: str) -> Reply:
    keys = {s.key for s in session.replies.get(words, [])}
    asked = session.asked_at[words]
    mine = [s for s in session.said if s.key in keys and s.start >= asked - 1e-9]
    total = sum(len(say.text.split()) for say in session.replies.get(words, []))
    heard = sum(len(s.text.split()) for s in mine if not s.cut)
    if not mine:
        return Reply(asked, None, False, False, False, total, "")
    first, last = mine[0].start, mine[-1].end
    others = [s for s in session.said if s.key not in keys and first < s.start < last]
    return Reply(
        asked,
        first,
        any(s.key in NUMBER_KEYS for s in others),
        bool(others),
        any(s.cut for s in mine),
        max(0, total - heard),
        " ".join(s.text for s in mine),
    )


def question_sessions(room: str, lengths: Callable[[str], float], understand: Any) -> list[Reply]:
    replies = []
    start = [(0.0, "ice for four minutes")] if room == "hold+ice" else []
    for offset in range(0, 88):
        for n, question in enumerate(QUESTIONS):
            if (offset + n) % 4:  # every question at every fourth second, staggered
                continue
            script = [*start, (STRETCH_AT, "start the stretch"), (STRETCH_AT + offset, question)]
            session = Session(script)
            run(session, lengths, STRETCH_AT + 130, understand)
            reply = reply_of(session, question)
            replies.append(reply)
            _note_cues(session, room, reply)
    return replies


AMBIGUOUS: list[int] = [0, 0]
"""[cues said while two timers ran that name no timer, cues said while two timers ran]."""
STATUS: list[int] = [0, 0, 0]
"""While both ran, "how much time is left": [answers naming the hold and the ice, answered at
all, asked]."""


def _note_cues(session: Session, room: str, reply: Reply) -> None:
    if room != "hold+ice":
        return
    for s, running in session.running_at_said:
        if len(running) > 1 and s.key in (
            "Timers.stretch.ten_left",
            "Timers.stretch.halfway",
            "Timers.ice.left",
        ):
            AMBIGUOUS[1] += 1
            words = s.text.lower()
            AMBIGUOUS[0] += not ("hold" in words or "ice" in words)
    if len(session.running_when_asked.get("how much time is left", [])) > 1:
        STATUS[2] += 1
        STATUS[1] += bool(reply.text)
        text = reply.text.lower()
        STATUS[0] += ("hold" in text or "stretch" in text) and "ice" in text


def offer_sessions(lengths: Callable[[str], float], understand: Any) -> tuple[int, int]:
    """(offers of a routine said after it started, sessions)."""
    replies = Replies.load()
    offers = {kind: [t for t in replies.variants(f"Offer.{kind}")] for kind in ("ice", "stretch")}
    moot = total = 0
    for spasm, start, kind in (
        ("my back locked up", "start the stretch", "stretch"),
        ("my neck went into spasm", "start the ice", "ice"),
    ):
        for delay in range(1, 11):
            session = Session([(1.0, spasm), (1.0 + delay, start)])
            run(session, lengths, 60.0, understand)
            total += 1
            texts = [v for v in offers[kind]]
            started = session.asked_at[start]
            said_after = [
                s for s in session.said if s.start >= started and any(s.text in t for t in texts)
            ]
            moot += bool(said_after)
    return moot, total


def estimate_lines(lengths: EspeakLengths) -> list[str]:
    """How close voice.speaking.spoken_length is to espeak-ng, over every reply sentence."""
    try:
        from voice.speaking.spoken_length import spoken_seconds
    except ImportError:  # the code before it
        return []
    replies = Replies.load()
    keys = replies.keys()
    texts = {
        part.text
        for key in keys
        for text in replies.variants(key)
        for part in sentences(Say(text.format_map(FILL)))
    }
    errors = sorted(spoken_seconds(t) - lengths(t) for t in texts)
    under = sum(e < 0 for e in errors)
    return [
        f"- the spoken-length estimate minus espeak-ng over {len(errors)} reply sentences: "
        f"median {statistics.median(errors):+.2f} s, worst short {errors[0]:+.2f} s, "
        f"worst long {errors[-1]:+.2f} s, short in {under}",
    ]


class _Fill(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "about two minutes"


FILL = _Fill()


def table(rows: list[tuple[str, list[Reply]]]) -> list[str]:
    out = [
        "| room | replies | split by a number | split by any cue | cut | replies shortened "
        "| words left out | wait to start, median / p90 s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for room, replies in rows:
        waits = sorted(r.start - r.asked for r in replies if r.start is not None)
        p90 = waits[int(0.9 * (len(waits) - 1))] if waits else float("nan")
        out.append(
            f"| {room} | {len(replies)} | {sum(r.split_number for r in replies)} "
            f"| {sum(r.split_cue for r in replies)} | {sum(r.cut for r in replies)} "
            f"| {sum(r.left_out > 0 for r in replies)} | {sum(r.left_out for r in replies)} "
            f"| {statistics.median(waits):.1f} / {p90:.1f} |"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--label", default="")
    parser.add_argument("--max-wait", type=float, default=0.0)
    args = parser.parse_args()
    global MAX_WAIT
    MAX_WAIT = args.max_wait
    matcher = load_matcher()
    lengths = EspeakLengths()
    reference_before = lengths.reference()
    code = Path(voice.__file__).resolve().parent.parent
    rows = [
        (room, question_sessions(room, lengths, matcher.understand))
        for room in ("hold", "hold+ice")
    ]
    moot, offers = offer_sessions(lengths, matcher.understand)
    lines = [
        f"## Speech around timers{': ' + args.label if args.label else ''} (code: {code})",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}; "
        "espeak-ng lengths, fake clock.",
        "",
        *table(rows),
        "",
        f"- offers of a routine said after it started: {moot} of {offers} sessions",
        f"- cues naming no timer while the hold and the ice ran: {AMBIGUOUS[0]} of {AMBIGUOUS[1]}",
        f"- 'how much time is left' with the hold and the ice running: {STATUS[2]} asked, "
        f"{STATUS[1]} answered, {STATUS[0]} naming both",
        *estimate_lines(lengths),
        f"- espeak-ng's length of a reference sentence, at the start and at the end of the run: "
        f"{reference_before:.2f} s, {lengths.reference():.2f} s",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        with args.out.open("a", encoding="utf-8") as f:
            f.write(text + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
