"""Routine schedules: what to say at which ABSOLUTE monotonic time, as pure functions.

A plan is computed from a timer's virtual start and duration (see voice.timers.timer.Timer), so
after a pause, resume or added time the desk simply recomputes it and keeps what lies in the future.
Texts are reply keys (`intents/replies/timers.yaml`) plus format values, already in words.

Stretch (knees to chin), for hold h, reps n, rest r:
    0            intro "... and hold for twenty seconds"     (hold 1 starts at `lead`)
    H + h - 10   "ten seconds left" (h >= 20) or "halfway" at H + h/2 (13 <= h < 20)
    H + h - k    "five" ... "one", each at the start of its second (k = 5..1)
    H + h        "release... and rest" ("release" after the last); "next one" `lead_next` before
                 the next hold
    last + 1.5   "well done" and the next step (the timer's deadline)
Ice: intro (explains the slow circles the first time), "three/two/one minutes left", "time's up"
at the deadline (COUNTDOWN priority), then a reminder every 20 s for 2 minutes. Plain timer: the
same finish.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from voice.events import Priority
from voice.timers.spoken_time import number_words, say_duration

REPEAT_EVERY = 20.0
"""Seconds between reminders once a timer has finished."""

REPEAT_FOR = 120.0
"""Reminders stop this long after the deadline (acknowledged or not)."""

COUNT_SLACK = 0.5
"""A countdown number later than this into its second is skipped rather than said late."""


@dataclass(frozen=True)
class Announcement:
    at: float
    """Absolute monotonic time it is due."""

    key: str
    """Reply key in intents/replies/timers.yaml."""

    priority: Priority = Priority.GUIDANCE
    not_after: float | None = None
    """Drop it if it cannot be said by then (countdown numbers, stale cues)."""

    values: Mapping[str, str] = field(default_factory=dict)
    """Format values for the reply, numbers already as words."""

    kind: str = "announced"
    """TimerEvent kind to log: announced, finished or repeated."""


@dataclass(frozen=True)
class Stretch:
    hold: int = 20
    reps: int = 3
    rest: int = 10
    lead: float = 6.0
    """Seconds from the intro to the start of the first hold (the intro is about 5 s long)."""

    lead_next: float = 4.0
    """Seconds from "next one" to the start of the following hold."""

    @property
    def effective_rest(self) -> float:
        """Rest long enough for "release... and rest" and "next one" not to collide."""
        return max(float(self.rest), self.lead_next + 3.0)

    def hold_start(self, rep: int) -> float:
        """Offset of hold `rep` (0-based) from the routine start."""
        return self.lead + rep * (self.hold + self.effective_rest)

    @property
    def total(self) -> float:
        """Length of the whole routine: the last release plus the closing sentence."""
        return self.hold_start(self.reps - 1) + self.hold + 1.5


@dataclass(frozen=True)
class StretchPhase:
    name: str
    """intro, hold, rest or done."""

    rep: int
    """1-based hold number (the coming one during intro and rest)."""

    left: float
    """Seconds left in this phase."""


def stretch_phase(s: Stretch, elapsed: float) -> StretchPhase:
    if elapsed < s.lead:
        return StretchPhase("intro", 1, s.lead - elapsed)
    for rep in range(s.reps):
        start = s.hold_start(rep)
        end = start + s.hold
        if elapsed < end:
            if elapsed < start:
                return StretchPhase("rest", rep + 1, start - elapsed)
            return StretchPhase("hold", rep + 1, end - elapsed)
    return StretchPhase("done", s.reps, max(0.0, s.total - elapsed))


def stretch_plan(s: Stretch, start: float) -> list[Announcement]:
    values = {"hold": say_duration(s.hold), "reps": number_words(s.reps)}
    intro = "Timers.stretch.intro" if s.reps > 1 else "Timers.stretch.intro_one"
    # The intro may start late (behind a long sentence) until a second before the first number.
    first_count = start + s.lead + s.hold - min(5, s.hold)
    late_ok = max(start + 2.0, first_count - 1.0)
    plan = [Announcement(start, intro, not_after=late_ok, values=values)]
    for rep in range(s.reps):
        hold_at = start + s.hold_start(rep)
        end = hold_at + s.hold
        if rep > 0:
            at = hold_at - s.lead_next
            plan.append(Announcement(at, "Timers.stretch.next", not_after=at + 1.0))
        if s.hold >= 20:
            at = end - 10
            plan.append(Announcement(at, "Timers.stretch.ten_left", not_after=at + 2.0))
        elif s.hold >= 13:
            at = hold_at + s.hold / 2
            plan.append(Announcement(at, "Timers.stretch.halfway", not_after=at + 2.0))
        for k in range(min(5, s.hold), 0, -1):
            plan.append(_count(end - k, k))
        release = "Timers.stretch.release_rest" if rep < s.reps - 1 else "Timers.stretch.release"
        plan.append(Announcement(end, release, Priority.COUNTDOWN, not_after=end + 2.0))
    plan.append(
        Announcement(start + s.total, "Timers.stretch.done", values=values, kind="finished")
    )
    return sorted(plan, key=lambda a: a.at)


def _count(at: float, number: int) -> Announcement:
    return Announcement(
        at,
        "Timers.count",
        Priority.COUNTDOWN,
        not_after=at + COUNT_SLACK,
        values={"number": number_words(number)},
    )


def ice_plan(start: float, duration: float, explain: bool = True) -> list[Announcement]:
    values = {"duration": say_duration(duration)}
    intro = "Timers.ice.intro" if explain else "Timers.ice.intro_again"
    plan = [Announcement(start, intro, values=values)]  # the answer to "start ice": never dropped
    deadline = start + duration
    for minutes in (3, 2, 1):
        at = deadline - 60 * minutes
        if at >= start + 15.0:  # leave the intro room; short ice sessions get no cues
            left = {"left": say_duration(60 * minutes)}
            plan.append(Announcement(at, "Timers.ice.left", not_after=at + 20.0, values=left))
    return plan + finish_plan("ice", deadline)


def timer_plan(start: float, duration: float, spoken: str = "timer") -> list[Announcement]:
    """A plain timer's plan; `spoken` is what it is called aloud ("timer", "pasta timer")."""
    first, _, rest = spoken.partition(" ")  # "a ten-minute pasta timer for ten minutes": no
    named = rest if "-" in first else spoken
    values = {"duration": say_duration(duration), "name": named}
    started = Announcement(start, "Timers.timer.intro", values=values)
    return [started, *finish_plan("timer", start + duration, {"name": spoken})]


def finish_plan(
    kind: str, deadline: float, values: Mapping[str, str] | None = None
) -> list[Announcement]:
    """ "Time's up" at the deadline, then a shorter reminder every 20 s for at most 2 minutes."""
    # COUNTDOWN priority: "time's up" is time-critical, and answers wait rather than run into it.
    said = dict(values or {})
    plan = [
        Announcement(
            deadline, f"Timers.{kind}.done", Priority.COUNTDOWN, values=said, kind="finished"
        )
    ]
    repeats = int(REPEAT_FOR // REPEAT_EVERY)
    for n in range(1, repeats + 1):
        at = deadline + n * REPEAT_EVERY
        plan.append(
            Announcement(
                at, f"Timers.{kind}.done_again", not_after=at + 10.0, values=said, kind="repeated"
            )
        )
    return plan


def stretch_from(options: Mapping[str, int]) -> Stretch:
    return Stretch(
        hold=int(options.get("hold", 20)),
        reps=int(options.get("reps", 3)),
        rest=int(options.get("rest", 10)),
    )


def plan_for(
    kind: str,
    options: Mapping[str, int],
    start: float,
    duration: float,
    explain: bool = True,
    spoken: str = "timer",
) -> list[Announcement]:
    """The plan of a timer of `kind` ("ice", "stretch", "timer") from its virtual start; a
    plain timer is called `spoken` aloud ("your pasta timer is done")."""
    if kind == "stretch":
        return stretch_plan(stretch_from(options), start)
    if kind == "ice":
        return ice_plan(start, duration, explain)
    return timer_plan(start, duration, spoken)
