"""The speech queue's policy: in what order sentences are spoken, which may start now, and which
cut what is playing. Pure: queued items and the time in, decisions out; voice.speaking.speech_queue
drives the player with them.

- Order: SAFETY first; then time-bound cues (with `not_after`), earliest deadline first; then
  open-ended sentences by priority (COUNTDOWN > GUIDANCE > CHATTER), first come first served.
  Open-ended texts are queued sentence by sentence, so they fit between cues.
- SAFETY and on-the-second cues (COUNTDOWN with a `not_after`: "five", "release") cut off what
  is playing (never SAFETY), so a number starts on its second whatever came before it.
- A sentence that would still be playing when the next scheduled timer cue is due (asked
  through `next_cue`) waits for a gap. A time-bound one cannot wait, and an open-ended one
  waits at most `max_wait` (then starts in a gap of at least `min_gap`): either then plays but
  is interruptible, so the cue it overruns cuts it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from voice.events import Priority, Say

_SENTENCE_END = re.compile(r"(?<=[^.][.!?])\s+(?=[A-Z])")  # not after an ellipsis "..."


class UtteranceLike(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def duration(self) -> float:
        """Seconds, known before playing."""
        ...


def sentences(say: Say) -> list[Say]:
    """An open-ended Say as one Say per sentence; SAFETY and time-bound cues stay whole."""
    if say.not_after is None and say.priority != Priority.SAFETY:
        return [dataclasses.replace(say, text=t) for t in _SENTENCE_END.split(say.text)]
    return [say]


def openings(replies: Iterable[tuple[str, Priority]]) -> list[str]:
    """The first piece the queue synthesizes for each (text, priority): the first sentence of
    an open-ended reply, a SAFETY reply whole."""
    return [sentences(Say(text, priority=priority))[0].text for text, priority in replies]


@dataclass(order=True)
class Item:
    rank: tuple[int, int, float, int]
    """(0 for SAFETY, 1 time-bound / 2 open-ended, not_after, priority): see the module rules."""

    seq: int
    say: Say = field(compare=False)
    utterance: UtteranceLike | None = field(default=None, compare=False)
    queued: float = field(default=0.0, compare=False)
    group: int = field(default=0, compare=False)
    """The sentences of one Say share a group and are spoken in order."""

    retried: bool = field(default=False, compare=False)

    @staticmethod
    def of(say: Say, seq: int, utterance: UtteranceLike | None, now: float, group: int) -> Item:
        p, bound = int(say.priority), say.not_after
        rank = (0, 0, 0.0, p) if p == Priority.SAFETY else (1, 1 if bound else 2, bound or 0.0, p)
        return Item(rank, seq, say, utterance, now, group)

    @property
    def priority(self) -> Priority:
        return self.say.priority

    @property
    def on_the_second(self) -> bool:
        """A countdown cue that must start on its second (it cuts, it never waits)."""
        return self.priority <= Priority.COUNTDOWN and self.say.not_after is not None


@dataclass
class Playing:
    item: Item
    token: int
    start: float
    interruptible: bool
    """Started knowing it would overrun the next cue: that cue may cut it."""


def preempts(new: Item, playing: Playing) -> bool:
    """SAFETY and on-the-second cues cut anything but SAFETY; any time-bound cue cuts a sentence
    that started knowing it would overrun; nothing else cuts."""
    if playing.item.priority == Priority.SAFETY:
        return False
    if new.priority == Priority.SAFETY or new.on_the_second:
        return True
    return playing.interruptible and new.say.not_after is not None


@dataclass(frozen=True)
class StartPolicy:
    next_cue: Callable[[float], float | None]
    """The monotonic time of the next scheduled timer cue after a time."""

    margin: float = 0.15
    max_wait: float = 15.0
    min_gap: float = 2.0

    def first_startable(self, queued: Iterable[Item], now: float) -> tuple[Item, bool] | None:
        """The first item in queue order that may start now, and whether it fits before the next
        cue. A waiting sentence lets shorter ones from other replies fill the gap (backfill),
        but never a later sentence of its own reply; SAFETY and time-bound cues still being
        synthesized hold everything back."""
        blocked: set[int] = set()
        for item in sorted(queued):
            if item.group in blocked:
                continue
            if item.utterance is None:
                if item.say.not_after is not None or item.priority == Priority.SAFETY:
                    return None
                blocked.add(item.group)
                continue
            fits = self.fits(item, now)
            if fits or self.may_overrun(item, now):
                return item, fits
            blocked.add(item.group)
        return None

    def fits(self, item: Item, now: float) -> bool:
        """Ends before the next scheduled cue (SAFETY and numbers always 'fit': they cut)."""
        if item.priority == Priority.SAFETY or item.on_the_second or item.utterance is None:
            return True
        upcoming = self.next_cue(now)
        return upcoming is None or now + item.utterance.duration + self.margin <= upcoming

    def may_overrun(self, item: Item, now: float) -> bool:
        """A time-bound cue cannot wait; an open-ended sentence waits up to `max_wait`, then
        takes the first gap of at least `min_gap` (never the instant between two numbers)."""
        if item.say.not_after is not None:
            return True
        upcoming = self.next_cue(now)
        gap_ok = upcoming is None or upcoming - now >= self.min_gap
        return now - item.queued >= self.max_wait and gap_ok
