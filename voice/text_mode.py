"""`backcoach --text`: the whole conversation without audio. Typed (or piped) lines go in as
`Heard`, each reply is printed as `coach: <text>`, and `--events FILE|-` writes the JSON-lines
event log. End of input or Goodbye ends the session; timers stay saved in the state folder."""

from __future__ import annotations

import io
import logging
import sys
import threading
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from voice.clock import Clock, Now, SystemClock
from voice.errors import StateError
from voice.events import AdjustVoice, EndSession, Heard, Priority, Problem, Said, Say
from voice.session import EventLog, Session
from voice.settings import Settings
from voice.wiring import build_coach

log = logging.getLogger(__name__)


class PrintingSink:
    """Text mode's `SpeechSink`: prints each sentence at once and logs it as `Said`. Printing
    is instant, so nothing is ever queued for `stop` to cut; a sentence that could not start
    by its `not_after` (a late countdown number) is dropped, as the speaker would."""

    def __init__(self, out: IO[str], events: EventLog) -> None:
        self._out = out
        self._events = events

    def say(self, say: Say, now: Now) -> None:
        if say.not_after is not None and now.mono > say.not_after:
            log.debug("dropped late %r", say.text)
            return
        self._out.write(f"coach: {say.text}\n")
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


def open_events(path: str | None, stack: ExitStack) -> EventLog:
    if path is None:
        return EventLog(None)
    if path == "-":
        return EventLog(sys.stdout)
    try:
        stream = stack.enter_context(Path(path).open("a", encoding="utf-8"))  # noqa: SIM115
    except OSError as err:
        raise StateError(f"{path}: cannot write the event log ({err.strerror})") from err
    return EventLog(stream)


def stdin_lines() -> IO[str]:
    """stdin as UTF-8 text where bad bytes become U+FFFD instead of stopping the reader."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # replaced by a text-only stream (tests, embedding)
        return sys.stdin
    return io.TextIOWrapper(buffer, encoding="utf-8", errors="replace")


def run_text(settings: Settings, clock: Clock | None = None) -> int:
    from intents.matcher import load_matcher

    clock = clock or SystemClock()
    matcher = load_matcher()
    with ExitStack() as stack:
        events = open_events(settings.events_path, stack)
        parts = build_coach(settings)
        stack.callback(parts.close)
        session = Session(
            matcher.understand, parts.coach, PrintingSink(sys.stdout, events), clock, events
        )
        if sys.stdin.isatty():
            print("(type what you would say; Ctrl-D to finish)", file=sys.stderr)
        reader = threading.Thread(
            target=feed_lines, args=(stdin_lines(), session, clock), name="stdin", daemon=True
        )
        reader.start()
        session.run()  # the greeting comes first: run() starts the coach before reading input
    return 0
