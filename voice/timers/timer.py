"""Timer state, Home Assistant style: a start on the monotonic clock, a duration, a paused flag.

Time left is computed from the clock reading it is given, never counted down, so a timer cannot
drift however late its wake-ups are. Every change returns a new Timer with `version` bumped.
Pure: no clock reads, no I/O. The wall clock is only used to persist a deadline that survives
a restart (monotonic time does not).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypeGuard

from voice.clock import Now

KINDS = ("ice", "stretch", "timer")
MAX_ROW_SECONDS = 24 * 3600.0
"""No saved timer can be longer than this: a timer is at most two hours and time added keeps
it there (voice.timers.words), so a longer one is a damaged row, not a timer to announce."""
CLOCK_SLACK = 3600.0
"""How far the wall clock may have been set back while we were down before a saved deadline
counts as damaged (time left is never more than the timer's length, whatever the clock)."""
NUMBERS = ("duration", "elapsed", "deadline_wall", "started_wall", "version")
NOT_NEGATIVE = ("duration", "version", "started_wall")
OPTION_RANGE = {"hold": (1, 600), "reps": (1, 100), "rest": (0, 600)}


@dataclass(frozen=True)
class Timer:
    name: str
    """What the user calls it and the desk's key: "ice", "stretch", "timer" or a plain timer's
    own name ("pasta")."""

    kind: str
    """Which routine drives its announcements (one of KINDS)."""

    start: float
    """Monotonic time the timer would have started had it never been paused. Resuming moves it
    forward by the paused time, so `start + duration` is always the deadline while running."""

    duration: float
    """Total length in seconds, including time added or removed."""

    paused_at: float | None = None
    """Monotonic time it was paused, or None while running."""

    version: int = 0
    """Bumped on every change, so a wake-up planned for an older version can be recognised."""

    started_wall: float = 0.0
    """Wall-clock (epoch) time it was first started: for the episode log and recovery."""

    options: Mapping[str, int] = field(default_factory=dict)
    """Routine parameters (stretch: hold, reps, rest)."""

    # --- reading -------------------------------------------------------------------------------
    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    def elapsed(self, mono: float) -> float:
        return (self.paused_at if self.paused_at is not None else mono) - self.start

    def remaining(self, mono: float) -> float:
        """Seconds left (negative once past the deadline)."""
        return self.duration - self.elapsed(mono)

    def deadline(self) -> float | None:
        """Monotonic time it ends, or None while paused."""
        return None if self.paused else self.start + self.duration

    def finished(self, mono: float) -> bool:
        return not self.paused and self.remaining(mono) <= 0

    # --- changing (each returns a new Timer) -----------------------------------------------------
    @staticmethod
    def started(
        name: str, kind: str, duration: float, now: Now, options: Mapping[str, int] | None = None
    ) -> Timer:
        return Timer(
            name=name,
            kind=kind,
            start=now.mono,
            duration=float(duration),
            started_wall=now.wall,
            options=dict(options or {}),
        )

    def pause(self, mono: float) -> Timer:
        if self.paused:
            return self
        return replace(self, paused_at=mono, version=self.version + 1)

    def resume(self, mono: float) -> Timer:
        if self.paused_at is None:
            return self
        return replace(
            self,
            start=self.start + (mono - self.paused_at),
            paused_at=None,
            version=self.version + 1,
        )

    def add(self, seconds: float) -> Timer:
        """Add (or with a negative value remove) time. The caller checks the limits."""
        return replace(self, duration=self.duration + seconds, version=self.version + 1)

    # --- persistence ---------------------------------------------------------------------------
    def to_dict(self, now: Now) -> dict[str, Any]:
        """A JSON-able row. Stores the wall-clock deadline so a restart can compute what is
        left, or how long ago it finished, even after a reboot reset the monotonic clock."""
        remaining = self.remaining(now.mono)
        return {
            "name": self.name,
            "kind": self.kind,
            "duration": self.duration,
            "elapsed": round(self.elapsed(now.mono), 3),
            "paused": self.paused,
            "deadline_wall": None if self.paused else round(now.wall + remaining, 3),
            "started_wall": self.started_wall,
            "version": self.version,
            "options": dict(self.options),
        }

    @staticmethod
    def from_dict(row: Mapping[str, Any], now: Now) -> Timer:
        problem = row_problem(row, now.wall)
        if problem is not None:
            raise ValueError(f"timer row {dict(row)!r}: {problem}")
        return Timer._from_dict(row, now)

    @staticmethod
    def _from_dict(row: Mapping[str, Any], now: Now) -> Timer:
        """Rebuild on the current monotonic clock. A running timer's elapsed time comes from its
        wall-clock deadline (it kept running while we were down); a paused one's is as stored.
        Raises ValueError (naming the field) for a malformed row."""
        try:
            duration = float(row["duration"])
            paused = bool(row.get("paused", False))
            if paused:
                elapsed = float(row["elapsed"])
            else:
                # Never more left than the whole timer (a deadline far ahead, or a wall clock
                # set back while we were down).
                elapsed = max(0.0, duration - (float(row["deadline_wall"]) - now.wall))
            kind = str(row["kind"])
            options = {str(k): int(v) for k, v in dict(row.get("options") or {}).items()}
            timer = Timer(
                name=str(row.get("name", kind)),
                kind=kind,
                start=now.mono - elapsed,
                duration=duration,
                paused_at=now.mono if paused else None,
                version=int(row.get("version", 0)),
                started_wall=float(row.get("started_wall", 0.0)),
                options=options,
            )
        except (KeyError, TypeError, ValueError) as err:
            raise ValueError(f"timer row {dict(row)!r}: bad or missing field ({err})") from err
        if kind not in KINDS:
            raise ValueError(f"timer row {dict(row)!r}: unknown kind {kind!r}")
        return timer


def row_problem(row: object, now_wall: float | None = None) -> str | None:
    """What makes a saved timer row unusable, in a few words (None if it is fine): a name or kind
    we do not run, a number that is missing, not a number, NaN, infinite, negative or longer
    than MAX_ROW_SECONDS, stretch options out of range, or (given the wall time) a deadline
    further ahead than the timer is long, beyond CLOCK_SLACK."""
    if not isinstance(row, Mapping):
        return "not a timer"
    kind, name = row.get("kind"), row.get("name", row.get("kind"))
    if kind not in KINDS:
        return f"unknown kind {kind!r}"
    if name not in KINDS and not (kind == "timer" and own_name(name)):
        return f"unknown timer name {name!r}"
    paused = row.get("paused", False)
    if not isinstance(paused, bool):
        return f"paused is {paused!r}"
    needed = ("duration", "elapsed" if paused else "deadline_wall")
    for key in NUMBERS:
        value = row.get(key)
        if value is None and key not in needed:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"{key} is {value!r}, not a number"
        if not math.isfinite(value) or (value < 0 and key in NOT_NEGATIVE):
            return f"{key} is {value!r}"
    if paused and not 0 <= row["elapsed"] <= MAX_ROW_SECONDS:
        return f"elapsed is {row['elapsed']!r}"
    if row["duration"] > MAX_ROW_SECONDS:
        return f"a timer of {row['duration']!r} seconds"
    ahead = None if paused or now_wall is None else row["deadline_wall"] - now_wall
    if ahead is not None and ahead > row["duration"] + CLOCK_SLACK:
        return f"its deadline is {ahead:.0f} s ahead, for a {row['duration']!r} s timer"
    options = row.get("options") or {}
    if not isinstance(options, Mapping):
        return f"options are {options!r}"
    for key, value in options.items():
        low, high = OPTION_RANGE.get(str(key), (-(2**31), 2**31))
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return f"option {key} is {value!r}"
    return None


def own_name(name: object) -> TypeGuard[str]:
    """A plain timer's own name: a user's word ("pasta"), or its length for a second plain
    timer ("ten-minute") or a second of a name ("ten-minute pasta"); letters and hyphens, one
    space at most, no kind's name."""
    return (
        isinstance(name, str)
        and name.replace("-", "").replace(" ", "", 1).isalpha()
        and len(name) <= 40
        and name not in KINDS
    )
