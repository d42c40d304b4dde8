"""`backcoach --text`: the whole conversation without audio. Typed (or piped) lines go in as
`Heard`, each reply is printed as `coach: <text>`, and `--events FILE|-` writes the JSON-lines
event log. End of input or Goodbye ends the session; timers stay saved in the state folder."""

from __future__ import annotations

import logging
import math
import sys
import threading
from collections.abc import Iterable
from contextlib import ExitStack
from typing import IO

from intents.types import Match
from voice.app.session import (
    CoachLike,
    EventLog,
    Interrupted,
    Session,
    ending_on_sigterm,
    open_events,
)
from voice.app.settings import Settings
from voice.app.terminal_input import TerminalLine, fd_lines, terminal_lines, typing_mode
from voice.app.wiring import build_coach, sources_for
from voice.clock import Clock, Now, SystemClock
from voice.coach.attention import Attention
from voice.events import AdjustVoice, EndSession, Event, Heard, Priority, Problem, Said, Say
from voice.timers.countdown_line import HasViews, render

log = logging.getLogger(__name__)


REDRAW_EVERY = 0.5
"""Seconds between redraws of the countdown line while a timer runs (terminal only)."""


class CountdownCoach:
    """Wraps the coach (a `CoachLike`) for a terminal: while a timer runs it also wakes the
    session loop every REDRAW_EVERY seconds to redraw the countdown line."""

    def __init__(self, coach: CoachLike, desk: HasViews, line: TerminalLine) -> None:
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

    def withdraw_offer(self, routine: str) -> None:
        self._coach.withdraw_offer(routine)

    def next_deadline(self) -> float | None:
        times = [t for t in (self._coach.next_deadline(), self._redraw_at) if t is not None]
        return min(times) if times else None


class PrintingSink:
    """Text mode's `SpeechSink`: prints each sentence at once and logs it as `Said`. Printing
    is instant, so nothing is ever queued for `stop` to cut; a sentence that could not start
    by its `not_after` (a late countdown number) is dropped, as the speaker would."""

    def __init__(self, out: IO[str], events: EventLog, line: TerminalLine | None = None) -> None:
        self._out = out
        self._events = events
        self._line = line

    def say(self, say: Say, now: Now) -> None:
        if say.not_after is not None and now.mono > say.not_after:
            log.debug("dropped late %r", say.text)
            return
        if self._line is not None:
            self._line.print_line(f"coach: {say.text}")
        else:
            self._out.write(f"coach: {say.text}\n")
            self._out.flush()
        self._events.write(Said(text=say.text, key=say.key, start=now.mono, end=now.mono))

    def stop(self, keep: Priority, cut_playing: bool = True) -> None:
        """Nothing to cut: every sentence was printed when it was said."""

    def adjust(self, change: AdjustVoice) -> None:
        """Rate and volume mean nothing on a terminal."""


def feed_lines(
    lines: Iterable[str], session: Session, clock: Clock, stop: threading.Event | None = None
) -> None:
    """Post each non-blank line as a final `Heard`, then `EndSession("end of input")`.
    Runs in its own thread; a read error ends the session with a Problem instead of hanging.
    Once `stop` is set (the session ended: Ctrl-C, SIGTERM, goodbye) it posts nothing more:
    the main thread may already be closing what a post writes to (a loaded machine's reader
    noticed `stop` after the main thread's one-second wait, and its post raised at exit)."""
    try:
        for line in lines:
            text = line.strip()
            if text:
                session.post(Heard(text=text, final=True, at=clock.now().mono))
    except (OSError, ValueError) as err:
        if stop is not None and stop.is_set():
            return
        log.warning("reading input: %s", err)
        session.post(Problem(where="stdin", message=str(err), at=clock.now().mono))
    if stop is None or not stop.is_set():
        session.post(EndSession("end of input"))


def input_lines(stop: threading.Event, line: TerminalLine | None) -> Iterable[str]:
    """What the user types: edited on `line` at a terminal, else lines from stdin's file
    descriptor (voice.app.terminal_input), or from sys.stdin itself when it has none."""
    try:
        fd = sys.stdin.fileno()
    except (AttributeError, OSError, ValueError):  # replaced by a text-only stream
        return sys.stdin
    if line is not None:
        return terminal_lines(fd, stop, line)
    return fd_lines(fd, stop)


def run_text(settings: Settings, clock: Clock | None = None) -> int:
    """Run the typed conversation until Goodbye, end of input, Ctrl-C or SIGTERM; each ends
    with exit code 0 and the state saved (every change is saved as it happens)."""
    from intents.matcher import load_matcher

    clock = clock or SystemClock()
    matcher = load_matcher(sources_for(settings))
    at_terminal = sys.stdin.isatty() and sys.stdout.isatty() and settings.events_path != "-"
    with ExitStack() as stack:
        events = open_events(settings.events_path, stack)
        parts = build_coach(settings, attention=Attention(window=math.inf))  # typed: for us
        stack.callback(parts.close)
        coach: CoachLike = parts.coach
        line = None
        if sys.stdout.isatty() and settings.events_path != "-":
            line = TerminalLine(sys.stdout)
            coach = CountdownCoach(parts.coach, parts.desk, line)
        sink = PrintingSink(sys.stdout, events, line)
        session = Session(matcher.understand, coach, sink, clock, events)
        if sys.stdin.isatty():
            print(
                "(type what you would say; say goodbye or press Ctrl-D to finish)", file=sys.stderr
            )
        stop = threading.Event()
        if at_terminal:
            stack.enter_context(typing_mode(sys.stdin.fileno()))
        lines = input_lines(stop, line if at_terminal else None)
        reader = threading.Thread(
            target=feed_lines, args=(lines, session, clock, stop), name="stdin", daemon=True
        )
        try:
            with ending_on_sigterm():
                # The reader first: a Ctrl-C said as soon as the greeting shows landed inside
                # `reader.start()` once (CI, under load), left the thread half started
                # (`is_alive()` False, never joined), and the interpreter exited as it
                # bootstrapped ("Exception ignored in thread started by"). What it reads
                # waits in the inbox: the greeting is still said first.
                reader.start()
                session.start()
                while not session.finished:
                    session.step()
        except (KeyboardInterrupt, Interrupted) as why:
            session.log(EndSession(f"interrupted ({why or 'SIGINT'})"))
        finally:
            stop.set()
            if line is not None:
                line.finish()
            if reader.is_alive():
                reader.join(timeout=3.0)  # it looks at `stop` every 0.1 s; more under load
    return 0
