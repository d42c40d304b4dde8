"""`backcoach --text`: the whole conversation without audio. Typed (or piped) lines go in as
`Heard`, each reply is printed as `coach: <text>`, and `--events FILE|-` writes the JSON-lines
event log. End of input or Goodbye ends the session; timers stay saved in the state folder."""

from __future__ import annotations

import io
import logging
import math
import sys
import threading
from collections.abc import Iterable
from contextlib import ExitStack
from typing import IO

from intents.types import Match
from voice.app.session import CoachLike, EventLog, Session, open_events
from voice.app.settings import Settings
from voice.app.wiring import build_coach, sources_for
from voice.clock import Clock, Now, SystemClock
from voice.coach.attention import Attention
from voice.events import AdjustVoice, EndSession, Event, Heard, Priority, Problem, Said, Say
from voice.timers.countdown_line import HasViews, render

log = logging.getLogger(__name__)


REDRAW_EVERY = 0.5
"""Seconds between redraws of the countdown line while a timer runs (terminal only)."""


class CountdownLine:
    """The live countdown line ("ice 04:12 | stretch hold 2/3 00:07") on a terminal: rewritten
    in place, cleared before a reply is printed and drawn again after it."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._text = ""

    def show(self, text: str) -> None:
        if text or self._text:
            self._out.write("\r\033[K" + text)
            self._out.flush()
        self._text = text

    def clear(self) -> None:
        if self._text:
            self._out.write("\r\033[K")

    def redraw(self) -> None:
        if self._text:
            self._out.write(self._text)
            self._out.flush()


class CountdownCoach:
    """Wraps the coach (a `CoachLike`) for a terminal: while a timer runs it also wakes the
    session loop every REDRAW_EVERY seconds to redraw the countdown line."""

    def __init__(self, coach: CoachLike, desk: HasViews, line: CountdownLine) -> None:
        self._coach = coach
        self._desk = desk
        self._line = line
        self._redraw_at: float | None = None

    def _draw(self, now: Now, events: list[Event]) -> list[Event]:
        text = render(self._desk, now)
        self._line.show(text)
        self._redraw_at = now.mono + REDRAW_EVERY if text else None
        return events

    def start(self, now: Now) -> list[Event]:
        return self._draw(now, self._coach.start(now))

    def handle(self, match: Match, now: Now) -> list[Event]:
        return self._draw(now, self._coach.handle(match, now))

    def tick(self, now: Now) -> list[Event]:
        return self._draw(now, self._coach.tick(now))

    def next_deadline(self) -> float | None:
        times = [t for t in (self._coach.next_deadline(), self._redraw_at) if t is not None]
        return min(times) if times else None


class PrintingSink:
    """Text mode's `SpeechSink`: prints each sentence at once and logs it as `Said`. Printing
    is instant, so nothing is ever queued for `stop` to cut; a sentence that could not start
    by its `not_after` (a late countdown number) is dropped, as the speaker would."""

    def __init__(self, out: IO[str], events: EventLog, line: CountdownLine | None = None) -> None:
        self._out = out
        self._events = events
        self._line = line

    def say(self, say: Say, now: Now) -> None:
        if say.not_after is not None and now.mono > say.not_after:
            log.debug("dropped late %r", say.text)
            return
        if self._line is not None:
            self._line.clear()
        self._out.write(f"coach: {say.text}\n")
        if self._line is not None:
            self._line.redraw()
        self._out.flush()
        self._events.write(Said(text=say.text, key=say.key, start=now.mono, end=now.mono))

    def stop(self, keep: Priority) -> None:
        """Nothing to cut: every sentence was printed when it was said."""

    def adjust(self, change: AdjustVoice) -> None:
        """Rate and volume mean nothing on a terminal."""


def feed_lines(lines: Iterable[str], session: Session, clock: Clock) -> None:
    """Post each non-blank line as a final `Heard`, then `EndSession("end of input")`.
    Runs in its own thread; a read error ends the session with a Problem instead of hanging."""
    try:
        for line in lines:
            text = line.strip()
            if text:
                session.post(Heard(text=text, final=True, at=clock.now().mono))
    except (OSError, ValueError) as err:
        log.warning("reading input: %s", err)
        session.post(Problem(where="stdin", message=str(err), at=clock.now().mono))
    session.post(EndSession("end of input"))


def stdin_lines() -> IO[str]:
    """stdin as UTF-8 text where bad bytes become U+FFFD instead of stopping the reader."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # replaced by a text-only stream (tests, embedding)
        return sys.stdin
    return io.TextIOWrapper(buffer, encoding="utf-8", errors="replace")


def run_text(settings: Settings, clock: Clock | None = None) -> int:
    from intents.matcher import load_matcher

    clock = clock or SystemClock()
    matcher = load_matcher(sources_for(settings))
    with ExitStack() as stack:
        events = open_events(settings.events_path, stack)
        parts = build_coach(settings, attention=Attention(window=math.inf))  # typed: for us
        stack.callback(parts.close)
        coach: CoachLike = parts.coach
        line = None
        if sys.stdout.isatty() and settings.events_path != "-":
            line = CountdownLine(sys.stdout)
            coach = CountdownCoach(parts.coach, parts.desk, line)
        sink = PrintingSink(sys.stdout, events, line)
        session = Session(matcher.understand, coach, sink, clock, events)
        if sys.stdin.isatty():
            print("(type what you would say; Ctrl-D to finish)", file=sys.stderr)
        reader = threading.Thread(
            target=feed_lines, args=(stdin_lines(), session, clock), name="stdin", daemon=True
        )
        reader.start()
        session.run()  # the greeting comes first: run() starts the coach before reading input
    return 0
