"""Asking which of two meanings was meant. When the understanding layer is unsure between two
intents (an Unsure match: "tack on 2 minutes", add or take off?), the coach asks about the
likelier one as a yes/no question ("Do you want to add two minutes to the timer?"); yes acts on
it, no asks about the other ("Then do you want to take two minutes off the timer?"), a second
no leaves everything as it was. Anything else said instead closes the question and is
understood as usual, so saying the other option straight away works too. Asking again is
better than acting on the wrong one. Pure state and wording, no I/O."""

from __future__ import annotations

from dataclasses import dataclass

from intents.replies import Replies
from intents.statistical import ASKABLE
from intents.types import Match
from voice.clock import Now
from voice.timers.spoken_time import as_adjective, say_duration
from voice.timers.words import spoken_name

QUESTION_TTL = 60.0
"""Seconds a which-did-you-mean question stays open."""


@dataclass(frozen=True)
class _Question:
    options: tuple[Match, ...]  # the one asked about first
    asked_at: float


def option_values(match: Match) -> dict[str, str]:
    """The placeholders of an `Option.<intent>` reply: {duration} ("two minutes") and {name}
    ("the timer", "the ice timer", "all the timers", "the five-minute timer")."""
    slots = match.slots
    duration = slots.get("duration")
    spoken = say_duration(float(duration)) if isinstance(duration, int) else ""
    if slots.get("all"):
        name = "all the timers"
    elif match.intent in ("CancelTimer", "PauseTimer", "ResumeTimer") and spoken:
        name = f"the {as_adjective(spoken)} timer"
    else:
        name = f"the {spoken_name(slots.get('timer', 'timer'))}"
    return {"duration": spoken, "name": name}


def option_text(replies: Replies, option: Match) -> str:
    """How the question names `option`: its `Option.<intent>` reply, filled in."""
    return replies.get(f"Option.{option.intent}", **option_values(option))


def missing_options(replies: Replies) -> list[str]:
    """`Option.<intent>` replies missing for intents the understanding layer may ask about."""
    return sorted(f"Option.{intent}" for intent in ASKABLE if f"Option.{intent}" not in replies)


class Clarifier:
    def __init__(self) -> None:
        self._open: _Question | None = None

    def ask(self, unsure: Match, now: Now) -> Match:
        """Open the question about `unsure`'s alternatives; returns the option to ask about."""
        self._open = _Question(unsure.alternatives, now.mono)
        return unsure.alternatives[0]

    def is_open(self, now: Now) -> bool:
        return self._open is not None and now.mono - self._open.asked_at <= QUESTION_TTL

    def asked(self, now: Now) -> Match | None:
        """The option the open question asks about (None when none is open)."""
        return self._open.options[0] if self._open and self.is_open(now) else None

    def yes(self, now: Now) -> Match | None:
        """The option asked about, to act on; None when no question is open. Closes it."""
        chosen = self.asked(now)
        self._open = None
        return chosen

    def no(self, now: Now) -> Match | None:
        """The next option to ask about (the question stays open on it), or None when there is
        none left or no question was open (closed)."""
        if self._open is None or not self.is_open(now) or len(self._open.options) < 2:
            self._open = None
            return None
        self._open = _Question(self._open.options[1:], now.mono)
        return self._open.options[0]

    def close(self) -> None:
        self._open = None
