"""The live countdown line text mode prints (with a carriage return) while timers run:
"ice 04:12 | stretch hold 2/3 00:07 | timer 00:30 paused". Pure: views in, a string out."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from voice.clock import Now
from voice.timers.routines import stretch_from, stretch_phase
from voice.timers.timer import Timer


@dataclass(frozen=True)
class TimerView:
    """What the countdown line shows for one timer."""

    name: str
    remaining: float
    paused: bool = False
    ringing: bool = False
    phase: str = ""
    """Stretch only: intro, hold, rest or done."""

    rep: int = 0
    reps: int = 0
    phase_left: float = 0.0


def view_of(timer: Timer, ringing: bool, now: Now) -> TimerView:
    remaining = max(0.0, timer.remaining(now.mono))
    if timer.kind != "stretch":
        return TimerView(timer.name, remaining, timer.paused, ringing)
    s = stretch_from(timer.options)
    ph = stretch_phase(s, timer.elapsed(now.mono))
    return TimerView(timer.name, remaining, timer.paused, ringing, ph.name, ph.rep, s.reps, ph.left)


class HasViews(Protocol):
    def views(self, now: Now) -> list[TimerView]: ...


def clock_text(seconds: float) -> str:
    """Whole seconds, rounded up (a timer with 0.2 s left shows 00:01): MM:SS or H:MM:SS."""
    whole = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def render_views(views: Sequence[TimerView]) -> str:
    parts = []
    for v in views:
        if v.ringing:
            parts.append(f"{v.name} done")
            continue
        if v.phase in ("hold", "rest"):
            text = f"{v.name} {v.phase} {v.rep}/{v.reps} {clock_text(v.phase_left)}"
        elif v.phase:
            text = f"{v.name} {v.phase} {clock_text(v.phase_left)}"
        else:
            text = f"{v.name} {clock_text(v.remaining)}"
        parts.append(text + (" paused" if v.paused else ""))
    return " | ".join(parts)


def render(desk: HasViews, now: Now) -> str:
    """The line for everything the desk runs, "" when nothing runs."""
    return render_views(desk.views(now))
