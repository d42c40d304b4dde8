"""The timer desk's scheduling: the timers that run, each with the announcements still to come.

Plans are computed from a timer's state (voice.timers.routines) and kept only for what lies
ahead, so a pause, resume or added time is a `replan`. `tick(now)` turns every announcement
due by `now` into a Say and a TimerEvent with its scheduled and actual times; `save(now)`
writes the timers to the store after every change. What the commands mean is the desk's
business (voice.timers.desk).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from voice.clock import Now
from voice.errors import StateError
from voice.events import Event, TimerEvent
from voice.timers.countdown_line import TimerView, view_of
from voice.timers.routines import Announcement, plan_for
from voice.timers.timer import Timer
from voice.timers.words import TimerWords, spoken_name

log = logging.getLogger(__name__)


class TimerStore(Protocol):
    def save_timers(self, rows: list[dict[str, Any]]) -> None: ...
    def load_timers(
        self, check: Callable[[dict[str, Any]], str | None] | None = None
    ) -> list[dict[str, Any]]: ...


@dataclass
class Run:
    timer: Timer
    plan: list[Announcement] = field(default_factory=list)
    """Announcements still to come, computed from the timer's state."""

    ringing: bool = False
    """Finished and repeating "time's up" until acknowledged."""


class TimerSchedule:
    def __init__(self, words: TimerWords, store: TimerStore) -> None:
        self._words = words
        self._store = store
        self.runs: dict[str, Run] = {}  # in start order: the last is the most recent
        self._countdowns: tuple[float, ...] = ()
        self._cues: tuple[tuple[float, str], ...] = ()
        self._names: frozenset[str] = frozenset()

    # --- reading ---------------------------------------------------------------------------------
    def active(self) -> list[str]:
        """Names of running, paused and ringing timers, oldest first."""
        return list(self.runs)

    def ringing(self) -> list[str]:
        return [name for name, run in self.runs.items() if run.ringing]

    def lengths(self) -> dict[str, float]:
        """Each timer's length in seconds (time added or taken off included), by name."""
        return {name: run.timer.duration for name, run in self.runs.items()}

    def latest(self) -> Run | None:
        return self.runs[next(reversed(self.runs))] if self.runs else None

    def next_deadline(self) -> float | None:
        times = [run.plan[0].at for run in self.runs.values() if run.plan]
        return min(times) if times else None

    def next_countdown(self, after: float) -> float | None:
        """The next scheduled cue after `after`. Safe to call from another thread: it reads an
        immutable snapshot."""
        return next((t for t in self._countdowns if t > after), None)

    def upcoming_cues(self, after: float) -> list[tuple[float, str]]:
        """(time, text) of every scheduled cue after `after`, soonest first. Safe to call from
        another thread: it reads an immutable snapshot."""
        return [cue for cue in self._cues if cue[0] > after]

    def running(self, name: str) -> bool:
        """Whether timer `name` is running, paused or ringing. Safe to call from another
        thread: it reads an immutable snapshot."""
        return name in self._names

    def views(self, now: Now) -> list[TimerView]:
        return [view_of(run.timer, run.ringing, now) for run in self.runs.values()]

    # --- changing --------------------------------------------------------------------------------
    def add(
        self, timer: Timer, now: Now, keep_from: float | None = None, explain: bool = False
    ) -> None:
        """Run `timer` (in place of any of the same name) with its plan from `keep_from`."""
        self.runs[timer.name] = Run(timer)
        self.replan(timer.name, now, keep_from, explain)

    def replan(
        self, name: str, now: Now, keep_from: float | None = None, explain: bool = False
    ) -> None:
        """Recompute a timer's announcements from its state; keep those still ahead."""
        run = self.runs[name]
        t = run.timer
        cutoff = now.mono if keep_from is None else keep_from
        spoken = spoken_name(t.name)
        plan = [] if t.paused else plan_for(t.kind, t.options, t.start, t.duration, explain, spoken)
        run.plan = [a for a in plan if a.at > cutoff]
        self._refresh_countdowns()

    def update(self, run: Run, timer: Timer, now: Now) -> float:
        """Put `timer` (paused, resumed or with time added) in `run`, replan from now and save.
        Returns its time left."""
        run.timer = timer
        self.replan(timer.name, now)
        self.save(now)
        return timer.remaining(now.mono)

    def end(self, name: str, kind: str, now: Now, reason: str = "") -> TimerEvent:
        """Stop running `name`; the TimerEvent `kind` (cancelled, acknowledged, done) says why."""
        run = self.runs.pop(name)
        self._refresh_countdowns()
        extra = {"reason": reason} if reason else {}
        return TimerEvent(kind, name, 0.0, now.mono, run.timer.remaining(now.mono), extra=extra)

    def save(self, now: Now) -> None:
        """Write the timers to the store. A store that cannot save does not stop them: they
        run on from memory (the episode store says so to the user once)."""
        try:
            self._store.save_timers([run.timer.to_dict(now) for run in self.runs.values()])
        except StateError as err:
            log.warning("timers not saved: %s", err)

    # --- time passing ----------------------------------------------------------------------------
    def tick(self, now: Now) -> list[Event]:
        """Everything due at or before now.mono, oldest first. A cue past its `not_after` (a
        countdown number whose second has gone) is logged as skipped, not said."""
        due = [(a, name) for name, run in self.runs.items() for a in run.plan if a.at <= now.mono]
        due.sort(key=lambda pair: pair[0].at)
        events: list[Event] = []
        for ann, name in due:
            run = self.runs[name]
            run.plan.remove(ann)
            values = {"name": spoken_name(name), **ann.values}
            named = sum(not r.timer.paused for r in self.runs.values()) > 1
            say = self._words.cue(ann.key, ann.priority, ann.not_after, values, named)
            stale = ann.not_after is not None and now.mono > ann.not_after
            kind = "skipped" if stale else ann.kind
            left = run.timer.remaining(now.mono)
            extra = {"key": ann.key}
            event = TimerEvent(kind, name, ann.at, now.mono, left, say.text, extra)
            events += [event] if stale else [say, event]
            if ann.kind == "finished":
                run.ringing = any(a.kind == "repeated" for a in run.plan)
        for name, run in list(self.runs.items()):
            if not run.plan and run.timer.finished(now.mono):
                events.append(self.end(name, "expired" if run.ringing else "done", now))
        if due:
            self._refresh_countdowns()
            self.save(now)
        return events

    def _refresh_countdowns(self) -> None:
        named = sum(not r.timer.paused for r in self.runs.values()) > 1
        cues = [
            (
                a.at,
                self._words.cue(
                    a.key, a.priority, None, {"name": spoken_name(name), **a.values}, named
                ),
            )
            for name, run in self.runs.items()
            for a in run.plan
        ]
        self._cues = tuple(sorted((at, say.text) for at, say in cues))
        self._countdowns = tuple(at for at, _ in self._cues)
        self._names = frozenset(self.runs)
