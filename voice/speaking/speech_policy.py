"""The speech queue's policy: in what order sentences are spoken, which may start now, and which
cut what is playing. Pure: queued items and the time in, decisions out; voice.speaking.speech_queue
drives the player with them.

- Order: SAFETY first; then time-bound cues (with `not_after`), earliest deadline first; then
  open-ended sentences by priority (COUNTDOWN > GUIDANCE > CHATTER), first come first served.
  Open-ended texts are queued sentence by sentence.
- SAFETY and on-the-second cues (COUNTDOWN with a `not_after`: "five", "release") cut off what
  is playing (never SAFETY), so a number starts on its second whatever came before it.
- A reply is never split by a timer cue: an open-ended reply starts only when all of it
  (sentences not yet synthesized estimated from their words, voice.speaking.spoken_length)
  ends before the next scheduled cue (asked through `next_cue`); else it waits for the cue to
  be said. After `max_wait` it is shortened instead, in the first gap of at least `min_gap`:
  its leading sentences that fit are said and the rest left out (its offer first; a `whole`
  reply loses nothing but its offer, else it goes on sentence by sentence as below).
- A sentence of a reply already started, or a reply none of whose sentences fits, waits for a
  gap; a time-bound one waits only if its `not_after` is after that cue (else it starts now),
  and an open-ended one waits at most `max_wait` (then starts in a gap of at least `min_gap`):
  either then plays but is interruptible, so the cue it overruns cuts it.
- An offer ("Shall I time the ice for you?") whose routine already runs when it comes to be
  said (asked through `taken`) is left out.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
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
    """An open-ended Say as one Say per sentence; SAFETY and time-bound cues stay whole. The
    sentences of its offer keep `offer`, the others lose it."""
    if say.not_after is not None or say.priority == Priority.SAFETY:
        return [say]
    head, offer = say.text, ""
    if say.offer and say.offer_text and say.text.endswith(say.offer_text):
        head, offer = say.text[: -len(say.offer_text)].strip(), say.offer_text
    parts = [(t, "") for t in _SENTENCE_END.split(head) if t]
    parts += [(t, say.offer) for t in _SENTENCE_END.split(offer) if t]
    return [
        dataclasses.replace(say, text=t, offer=kind, offer_text=t if kind else "")
        for t, kind in parts
    ]


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
    index: int = field(default=0, compare=False)
    """Which sentence of its Say (0: the first)."""

    estimate: float = field(default=0.0, compare=False)
    """Seconds it should take to say, until it is synthesized."""

    @staticmethod
    def of(
        say: Say,
        seq: int,
        utterance: UtteranceLike | None,
        now: float,
        group: int,
        index: int = 0,
        estimate: float = 0.0,
    ) -> Item:
        p, bound = int(say.priority), say.not_after
        rank = (0, 0, 0.0, p) if p == Priority.SAFETY else (1, 1 if bound else 2, bound or 0.0, p)
        return Item(rank, seq, say, utterance, now, group, index=index, estimate=estimate)

    @property
    def priority(self) -> Priority:
        return self.say.priority

    @property
    def on_the_second(self) -> bool:
        """A countdown cue that must start on its second (it cuts, it never waits)."""
        return self.priority <= Priority.COUNTDOWN and self.say.not_after is not None

    @property
    def opens_reply(self) -> bool:
        """The first sentence of an open-ended reply none of which has been said yet."""
        open_ended = self.say.not_after is None and self.priority != Priority.SAFETY
        return open_ended and self.index == 0 and not self.retried

    @property
    def seconds(self) -> float:
        return self.utterance.duration if self.utterance is not None else self.estimate


@dataclass(frozen=True)
class Start:
    """What to start now, whether it ends before the next cue, and what to leave out of its
    reply (shortened to fit)."""

    item: Item
    fits: bool
    leave_out: tuple[Item, ...] = ()


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
    taken: Callable[[str], bool] = lambda routine: False
    """Whether a routine ("ice", "stretch") already runs: its offer is then left out."""

    def moot(self, queued: Iterable[Item]) -> list[Item]:
        """Offers whose routine already runs."""
        return [item for item in queued if item.say.offer and self.taken(item.say.offer)]

    def first_startable(self, queued: Iterable[Item], now: float) -> Start | None:
        """The first item in queue order that may start now. A waiting reply lets shorter ones
        from other replies fill the gap (backfill), but never a later sentence of its own
        reply; SAFETY and time-bound cues still being synthesized hold everything back."""
        items = sorted(queued)
        blocked: set[int] = set()
        for item in items:
            if item.group in blocked:
                continue
            if item.utterance is None:
                if item.say.not_after is not None or item.priority == Priority.SAFETY:
                    return None
                blocked.add(item.group)
                continue
            if item.opens_reply:
                start = self.reply_start(item, [i for i in items if i.group == item.group], now)
            else:
                start = self.sentence_start(item, now)
            if start is not None:
                return start
            blocked.add(item.group)
        return None

    def reply_start(self, first: Item, reply: list[Item], now: float) -> Start | None:
        """A reply starts whole before the next cue, else waits; after `max_wait` it is
        shortened to its leading sentences that fit (see the module rules)."""
        upcoming = self.next_cue(now)
        room = math.inf if upcoming is None else upcoming - now - self.margin
        lengths = list(itertools.accumulate(item.seconds for item in reply))
        if lengths[-1] <= room:
            return Start(first, True)
        assert upcoming is not None
        if now - first.queued < self.max_wait or upcoming - now < self.min_gap:
            return None
        keep = sum(1 for length in lengths if length <= room)
        if first.say.whole:
            keep = keep if keep >= sum(1 for item in reply if not item.say.offer) else 0
        if keep:
            return Start(first, True, leave_out=tuple(reply[keep:]))
        return self.sentence_start(first, now)

    def sentence_start(self, item: Item, now: float) -> Start | None:
        fits = self.fits(item, now)
        return Start(item, fits) if fits or self.may_overrun(item, now) else None

    def fits(self, item: Item, now: float) -> bool:
        """Ends before the next scheduled cue (SAFETY and numbers always 'fit': they cut)."""
        if item.priority == Priority.SAFETY or item.on_the_second or item.utterance is None:
            return True
        upcoming = self.next_cue(now)
        return upcoming is None or now + item.utterance.duration + self.margin <= upcoming

    def may_overrun(self, item: Item, now: float) -> bool:
        """A time-bound sentence waits for the cue it would run into only if it may still
        start after it; an open-ended sentence waits up to `max_wait`, then takes the first gap
        of at least `min_gap` (never the instant between two numbers)."""
        upcoming = self.next_cue(now)
        if item.say.not_after is not None:
            return upcoming is None or item.say.not_after < upcoming
        gap_ok = upcoming is None or upcoming - now >= self.min_gap
        return now - item.queued >= self.max_wait and gap_ok
