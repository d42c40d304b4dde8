"""The speech queue's policy: in what order sentences are spoken, which may start now, and which
cut what is playing. Pure: queued items and the time in, decisions out; voice.speaking.speech_queue
drives the player with them.

- Order: SAFETY first; then on-the-second cues, then other time-bound cues (with `not_after`),
  each earliest deadline first; then open-ended sentences by priority (COUNTDOWN > GUIDANCE >
  CHATTER), first come first served. Open-ended texts are queued sentence by sentence.
- SAFETY and on-the-second cues (COUNTDOWN with a `not_after`: "five", "release") cut off what
  is playing (never SAFETY), so a number starts on its second whatever came before it.
- A reply is never split by a timer cue: an open-ended reply starts only when all of it
  (sentences not yet synthesized estimated from their words, voice.speaking.spoken_length)
  ends before the next scheduled cue; else it waits for the cues to be said, if a gap between
  them that opens within `max_wait` holds it whole (the gaps are worked out from `cues`, the
  times and lengths of the cues ahead). If none does, it is shortened: its leading sentences
  that fit are said in the gap (now or within `max_wait`) that keeps the most of them, and
  the rest is left out (its offer goes first; a `whole` reply loses nothing but its offer,
  else it goes on sentence by sentence as below).
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
from collections.abc import Callable, Iterable, Sequence
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
    """(0 for SAFETY, 1; 0 on the second / 1 time-bound / 2 open-ended, not_after, priority):
    see the module rules."""

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
        second = bound is not None and p <= Priority.COUNTDOWN
        rank = (
            (0, 0, 0.0, p)
            if p == Priority.SAFETY
            else (1, 2 if bound is None else 1 - second, bound or 0.0, p)
        )
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


Cues = Callable[[float], Sequence[tuple[float, float]]]
"""(time, seconds) of every timer cue scheduled after a time and not yet said, soonest first."""

DUE_SLACK = 1.0
"""A cue due up to this long ago that has not been said yet is about to be."""


@dataclass(frozen=True)
class StartPolicy:
    next_cue: Callable[[float], float | None]
    """The monotonic time of the next scheduled timer cue after a time."""

    margin: float = 0.15
    max_wait: float = 15.0
    min_gap: float = 2.0
    taken: Callable[[str], bool] = lambda routine: False
    """Whether a routine ("ice", "stretch") already runs: its offer is then left out."""

    cues: Cues | None = None
    """The cues ahead with their lengths, to find the gaps a reply fits in (default: the
    times from `next_cue`, each taken as instant)."""

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
        """A reply starts whole before the next cue, or waits for a gap ahead that holds it
        whole (one that opens within `max_wait` of its asking); if there is none, it is
        shortened to its leading sentences in the gap that keeps the most of them, the
        soonest of those; if none holds even its first sentence, in the first gap that does.
        A `whole` reply that no gap holds goes on sentence by sentence after `max_wait`."""
        lengths = list(itertools.accumulate(item.seconds for item in reply))
        essential = 1
        if first.say.whole:  # only its offer may go
            essential = max(1, sum(1 for item in reply if not item.say.offer))

        def keep(span: float) -> int:
            kept = sum(1 for length in lengths if length + self.margin <= span)
            return kept if kept >= essential else 0

        spans = self.gaps(now, first.queued + self.max_wait)
        here = spans[0][1] - now if spans and spans[0][0] <= now else 0.0
        if keep(here) == len(reply):
            return Start(first, True)
        ahead = [keep(end - begin) for begin, end in spans if begin > now]
        if len(reply) in ahead:
            return None  # waits for the cue(s) to be said
        if keep(here) and keep(here) >= max(ahead, default=0):
            return Start(first, True, leave_out=tuple(reply[keep(here) :]))
        if any(ahead) or now - first.queued < self.max_wait:
            return None
        later = [] if first.say.whole else self.gaps(now, math.inf)[1:]
        if any(keep(end - begin) for begin, end in later):
            return None  # waits for the first gap, however far, that holds its start
        return self.sentence_start(first, now)  # as before: sentence by sentence

    def gaps(self, now: float, until: float) -> list[tuple[float, float]]:
        """The spans free of cues (begin, end) that open from `now` to `until`; the last may
        have no end (math.inf)."""
        if self.cues is not None:
            cues = list(self.cues(now - DUE_SLACK))
        else:
            cues, at = [], self.next_cue(now)
            while at is not None and at <= until and len(cues) < 1000:
                cues.append((at, 0.0))
                at = self.next_cue(at)
            if at is not None:
                cues.append((at, 0.0))
        spans: list[tuple[float, float]] = []
        free = now
        for at, seconds in cues:
            if at > free:
                if now < free > until:
                    return spans
                spans.append((free, at))
            free = max(free, at) + seconds
        if free <= max(now, until):
            spans.append((free, math.inf))
        return spans

    def sentence_start(self, item: Item, now: float) -> Start | None:
        """A time-bound `whole` sentence (where a stretch stands) is said whole or not at all:
        it never overruns a cue."""
        fits = self.fits(item, now)
        all_or_nothing = item.say.whole and item.say.not_after is not None
        overrun = not all_or_nothing and self.may_overrun(item, now)
        return Start(item, fits) if fits or overrun else None

    def upcoming(self, now: float) -> float | None:
        """The next cue not yet said: one due a moment ago but not yet handed to the queue
        (the session handles what was heard before the timers) counts as due now."""
        if self.cues is None:
            return self.next_cue(now)
        return next((max(now, at) for at, _ in self.cues(now - DUE_SLACK)), None)

    def fits(self, item: Item, now: float) -> bool:
        """Ends before the next scheduled cue (SAFETY and numbers always 'fit': they cut)."""
        if item.priority == Priority.SAFETY or item.on_the_second or item.utterance is None:
            return True
        upcoming = self.upcoming(now)
        return upcoming is None or now + item.utterance.duration + self.margin <= upcoming

    def may_overrun(self, item: Item, now: float) -> bool:
        """A time-bound sentence waits for the cue it would run into only if it may still
        start after it; an open-ended sentence waits up to `max_wait`, then takes the first gap
        of at least `min_gap` (never the instant between two numbers)."""
        upcoming = self.upcoming(now)
        if item.say.not_after is not None:
            return upcoming is None or item.say.not_after < upcoming
        gap_ok = upcoming is None or upcoming - now >= self.min_gap
        return now - item.queued >= self.max_wait and gap_ok
