"""The session loop: the one place that knows every piece. It only routes events.

Inputs (recognizer results, typed lines, end of input) are posted from any thread; the loop
waits on the injected clock until the next input or the coach's next deadline, whichever comes
first, so timers never depend on how often something is heard.
"""

from __future__ import annotations

import logging
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from types import FrameType
from typing import IO, Protocol

from intents.types import Match
from voice.clock import Clock, Now, wait_for
from voice.coach.over_speech import OverSpeech, over_speech
from voice.errors import StateError
from voice.events import (
    AdjustVoice,
    EndSession,
    Event,
    Heard,
    Ignored,
    Priority,
    Say,
    StopSpeech,
    Understood,
    Unsaid,
)

log = logging.getLogger(__name__)


class CoachLike(Protocol):
    def start(self, now: Now) -> list[Event]: ...
    def handle(self, match: Match, now: Now) -> list[Event]: ...
    def tick(self, now: Now) -> list[Event]: ...
    def next_deadline(self) -> float | None: ...
    def withdraw_offer(self, routine: str) -> None: ...


class SpeechSink(Protocol):
    def say(self, say: Say, now: Now) -> None: ...
    def stop(self, keep: Priority, cut_playing: bool = True) -> None: ...
    def adjust(self, change: AdjustVoice) -> None: ...


class EventLog:
    """JSON-lines event log (`--events FILE|-`). Thread-safe; flushed per line. A write that
    fails (a full disk, /dev/full, a closed pipe) is reported once in one line naming the file,
    and the log stops: the session goes on without it."""

    def __init__(self, stream: IO[str] | None, name: str = "the event log") -> None:
        self._stream = stream
        self._name = name
        self._lock = threading.Lock()
        self.observers: list[Callable[[Event], None]] = []
        """Also told every event (live mode's status file), log or no log."""

    def write(self, event: Event) -> None:
        for observe in self.observers:
            observe(event)
        if self._stream is None:
            return
        with self._lock:
            if self._stream is None:
                return
            try:
                self._stream.write(event.to_line() + "\n")
                self._stream.flush()
            except (OSError, ValueError) as err:
                reason = err.strerror if isinstance(err, OSError) else str(err)
                log.error(
                    "%s: cannot write the event log (%s); going on without it", self._name, reason
                )
                self._stream = None


def open_events(path: str | None, stack: ExitStack) -> EventLog:
    """The event log `--events` asks for (None: none, "-": stdout, else appended to a file
    that `stack` closes); StateError naming the file if it cannot be written."""
    if path is None:
        return EventLog(None)
    if path == "-":
        return EventLog(sys.stdout, "stdout")
    try:
        stream = Path(path).open("a", encoding="utf-8")  # noqa: SIM115 - closed by `stack`
    except OSError as err:
        raise StateError(f"{path}: cannot write the event log ({err.strerror})") from err
    stack.callback(_close_quietly, stream)
    return EventLog(stream, path)


def _close_quietly(stream: IO[str]) -> None:
    """Close the log; what a failed write left unflushed was reported when it failed."""
    try:
        stream.close()
    except OSError as err:
        log.debug("closing the event log: %s", err)


class Session:
    def __init__(
        self,
        understand: Callable[[str], Match],
        coach: CoachLike,
        speech: SpeechSink,
        clock: Clock,
        events: EventLog | None = None,
    ) -> None:
        self._understand = understand
        self._coach = coach
        self._speech = speech
        self._clock = clock
        self._log = events or EventLog(None)
        self._inbox: queue.SimpleQueue[Event] = queue.SimpleQueue()
        self._wake = threading.Event()
        self.finished = False

    # --- called from any thread -------------------------------------------------------------
    def post(self, event: Event) -> None:
        self._inbox.put(event)
        self._wake.set()

    def log(self, event: Event) -> None:
        self._log.write(event)

    # --- the loop -----------------------------------------------------------------------------
    def start(self) -> None:
        now = self._clock.now()
        self.dispatch(self._coach.start(now), now)

    def run(self) -> None:
        """Run until EndSession (Goodbye, end of input, or a fatal input error)."""
        self.start()
        while not self.finished:
            self.step()

    def step(self) -> None:
        """Wait for the next input or deadline, then handle everything that is due."""
        deadline = self._coach.next_deadline()
        if self._inbox.empty():
            if deadline is None:
                wait_for(self._wake)  # in slices: a Ctrl-C is seen at once
            else:
                self._clock.wait_until(deadline, self._wake)
        self._wake.clear()
        while not self.finished and not self._inbox.empty():  # nothing after EndSession
            self.receive(self._inbox.get())
        self.tick()

    def tick(self) -> None:
        now = self._clock.now()
        self.dispatch(self._coach.tick(now), now)

    def receive(self, event: Event) -> None:
        now = self._clock.now()
        if isinstance(event, Heard):
            self.heard(event, now)
        elif isinstance(event, EndSession):
            self._log.write(event)
            self.finished = True
        elif isinstance(event, Unsaid):
            self._log.write(event)
            if event.offer:
                self._coach.withdraw_offer(event.offer)
        else:
            self._log.write(event)

    def heard(self, heard: Heard, now: Now) -> None:
        self._log.write(heard)
        if not heard.final:
            return
        match = self._understand(heard.text)
        self._log.write(Understood(match=match, at=now.mono))
        if heard.over_speech and not self._over_speech(match):
            return
        self.dispatch(self._coach.handle(match, now), now)

    def _over_speech(self, match: Match) -> bool:
        """Make way for a request heard while the coach spoke (voice.coach.over_speech); False
        if it is not to be acted on."""
        when = over_speech(match)
        if when is OverSpeech.IGNORE:
            self._log.write(Ignored(match.intent, "heard over the coach's voice", match.text))
            return False
        if when is OverSpeech.CUT_NOW:
            self._speech.stop(Priority.SAFETY)
        else:  # the answer comes next, when the sentence being spoken ends
            self._speech.stop(Priority.COUNTDOWN, cut_playing=False)
        return True

    def dispatch(self, events: list[Event], now: Now) -> None:
        for event in events:
            if isinstance(event, Say):
                self._speech.say(event, now)
            elif isinstance(event, StopSpeech):
                self._speech.stop(event.keep_priority)
            elif isinstance(event, AdjustVoice):
                self._speech.adjust(event)
            elif isinstance(event, EndSession):
                self.finished = True
            if not isinstance(event, Say):  # the speech side logs Said with real times
                self._log.write(event)


class Interrupted(Exception):
    """SIGTERM or SIGHUP (the terminal closed): end the session as Ctrl-C does."""


def _interrupted(signum: int, frame: FrameType | None) -> None:
    raise Interrupted(signal.Signals(signum).name)


@contextmanager
def ending_on_sigterm() -> Iterator[None]:
    """SIGTERM and SIGHUP raise `Interrupted` in the main thread while the block runs; so does
    SIGINT if the process started with it ignored (started in the background by a shell without
    job control: Python then leaves Ctrl-C's KeyboardInterrupt out, and `kill -INT` did
    nothing, so a coach told to end by SIGINT hung)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    ending: tuple[signal.Signals, ...] = (signal.SIGTERM, signal.SIGHUP)
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        ending += (signal.SIGINT,)
    previous = {signum: signal.signal(signum, _interrupted) for signum in ending}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
