"""What the timer desk says, and the limits it enforces (always said with the allowed range).

Texts live in `intents/replies/timers.yaml`; this module only picks keys and fills values, all
numbers in words.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

from intents.replies import Replies
from voice.events import Priority, Say
from voice.timers.routines import stretch_from, stretch_phase
from voice.timers.spoken_time import number_words, say_duration, say_soon
from voice.timers.timer import Timer

MIN_SECONDS, MAX_SECONDS = 5, 2 * 3600
"""Allowed timer and ice lengths, and amounts to add or take off."""

MIN_HOLD, MAX_HOLD = 2, 60
"""Allowed stretch hold, seconds (the guide asks for at least a second)."""

MIN_REPS, MAX_REPS = 1, 10

STATUS_SLACK = 3.0
"""Seconds an answer saying where a running stretch stands may wait before it is stale."""

_SENTENCE_START = re.compile(r"(^|[^.][.!?]\s+)([a-z])")  # not after an ellipsis "..."

CUE_OFFERS = {"Timers.stretch.done": "ice"}
"""Cues that end with an offer (their ".offer" reply) of a routine: left out if it runs."""

SPOKEN_NAME = {"ice": "ice timer", "stretch": "stretch", "timer": "timer"}


def spoken_name(name: object) -> str:
    """How a timer is called aloud: "ice timer", "stretch", "timer", a user's "pasta timer"."""
    return SPOKEN_NAME.get(str(name), f"{name} timer")


class TimerWords:
    def __init__(self, replies: Replies) -> None:
        self._replies = replies

    def text(self, key: str, **values: str) -> str:
        """The reply with each sentence capitalised (placeholders may open a sentence)."""
        text = self._replies.get(key, **values)
        return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)

    def say(self, key: str, **values: str) -> Say:
        """A guidance sentence."""
        return Say(text=self.text(key, **values), key=key)

    def cue(
        self,
        key: str,
        priority: Priority,
        not_after: float | None,
        values: Mapping[str, str],
        named: bool = False,
    ) -> Say:
        """A scheduled announcement (countdown numbers carry COUNTDOWN and a not_after).
        `named`: more than one timer runs, so a cue that could be any timer's names its own
        ("Ten seconds left on the hold": the `.named` variant of the key, if it has one)."""
        said = f"{key}.named" if named and f"{key}.named" in self._replies else key
        text = self.text(said, **values)
        routine = CUE_OFFERS.get(key, "")
        offer = self.text(f"{key}.offer") if routine else ""
        text = f"{text} {offer}" if offer else text
        return Say(text, priority, key, not_after, offer=routine, offer_text=offer)

    def status(self, timer: Timer, ringing: bool, mono: float) -> Say:
        """TimerStatus: time left, paused, done, or where a stretch stands."""
        key, values = self._status(timer, ringing, mono, "Timers.status.")
        return self._timely(self.say(key, **values), timer, mono)

    def status_all(
        self, timers: list[tuple[Timer, bool]], mono: float, skip_stretch: bool = False
    ) -> list[Say]:
        """TimerStatus with more than one timer: every (timer, ringing), soonest first. Where a
        running stretch stands is its own sentence, said at once or not at all (`_timely`),
        and left out with `skip_stretch` (its next cue is about to say it); the others follow
        in one: "Hold one of three has sixteen seconds to go." "The ice timer has seven and a
        half minutes left; the timer is done." """
        ordered = sorted(timers, key=lambda pair: pair[0].remaining(mono))
        holds = [p for p in ordered if p[0].kind == "stretch" and not p[0].paused and not p[1]]
        others = [pair for pair in ordered if pair not in holds]
        holds = [] if skip_stretch and others else holds
        says = [self._joined(group, mono) for group in (holds, others) if group]
        return [self._timely(says[0], holds[0][0], mono), *says[1:]] if holds else says

    def _joined(self, timers: list[tuple[Timer, bool]], mono: float) -> Say:
        parts = []
        for timer, ringing in timers:
            key, values = self._status(timer, ringing, mono, "Timers.status.part.")
            parts.append(self._replies.get(key, **values))
        text = "; ".join(parts)
        return Say(text=text[:1].upper() + text[1:] + ".", key="Timers.status.all")

    def _status(
        self, timer: Timer, ringing: bool, mono: float, prefix: str
    ) -> tuple[str, dict[str, str]]:
        name, left = spoken_name(timer.name), say_duration(timer.remaining(mono))
        if ringing:
            return prefix + "done", {"name": name}
        if timer.paused:
            return prefix + "paused", {"name": name, "left": left}
        if timer.kind != "stretch":
            return prefix + "left", {"name": name, "left": left}
        s = stretch_from(timer.options)
        ph = stretch_phase(s, timer.elapsed(mono))
        values = {"rep": number_words(ph.rep), "reps": number_words(s.reps)}
        return f"{prefix}stretch_{ph.name}", {"left": say_soon(ph.left), **values}

    @staticmethod
    def _timely(say: Say, stretch: Timer | None, mono: float) -> Say:
        """Where a running stretch stands is true for a moment only: said whole at once or
        not at all (just before its countdown, the numbers say it), never late after the next
        cues nor cut by them."""
        if stretch is None or stretch.kind != "stretch" or stretch.paused:
            return say
        return dataclasses.replace(say, not_after=mono + STATUS_SLACK, whole=True)

    # --- refusals: None when the request is within the limits ---------------------------------
    def refuse_duration(self, seconds: int) -> Say | None:
        if MIN_SECONDS <= seconds <= MAX_SECONDS:
            return None
        asked = say_duration(seconds) if seconds >= 0 else "minus " + say_duration(-seconds)
        key = "Timers.refuse.too_short" if seconds < MIN_SECONDS else "Timers.refuse.too_long"
        return self.say(key, asked=asked, **_bounds())

    def refuse_stretch(self, hold: int, reps: int) -> Say | None:
        if not MIN_HOLD <= hold <= MAX_HOLD:
            low, high = say_duration(MIN_HOLD), say_duration(MAX_HOLD)
            return self.say("Timers.refuse.hold", low=low, high=high)
        if not MIN_REPS <= reps <= MAX_REPS:
            low, high = number_words(MIN_REPS), number_words(MAX_REPS)
            return self.say("Timers.refuse.reps", low=low, high=high)
        return None

    def refuse_amount(self, amount: object, left: float, remove: bool, name: str) -> Say | None:
        """AddTime/RemoveTime: a positive amount within the limits that keeps the timer in
        range. `left` is the time left now (0 for a finished timer)."""
        if not isinstance(amount, int) or not MIN_SECONDS <= amount <= MAX_SECONDS:
            return self.say("Timers.refuse.amount", **_bounds())
        spoken = {"name": spoken_name(name), "left": say_duration(left)}
        if remove and amount >= left:
            return self.say("Timers.refuse.remove_all", **spoken)
        if not remove and left + amount > MAX_SECONDS:
            return self.say("Timers.refuse.total", **spoken, **_bounds())
        return None


def _bounds() -> dict[str, str]:
    return {"low": say_duration(MIN_SECONDS), "high": say_duration(MAX_SECONDS)}
