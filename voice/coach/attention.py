"""Is an understood request meant for the coach? Without a wake word, a television or radio in
the room is heard too, and its short sentences that are also ours ("go", "okay", "no", "cancel
that") were most of the benchmark's false actions. A yes or no answers only something the
coach asked, and a timer command needs a timer, unless the coach has just spoken (then it is a
person talking to it, and it answers as before: "Okay. What would you like to do?").

Pure: the coach tells it when it spoke and asks before acting."""

from __future__ import annotations

from voice.clock import Now
from voice.events import Event, Say

ANSWERS = frozenset({"Yes", "No"})
TIMER_CHANGES = frozenset({"PauseTimer", "ResumeTimer", "CancelTimer", "AddTime", "RemoveTime"})

CONVERSATION_WINDOW = 60.0
"""Seconds after the coach last spoke in which a stray yes, no or timer command is still taken
as said to it."""


class Attention:
    """`window=math.inf` (text mode: a typed line is always meant for the coach) never
    ignores anything after the coach's greeting."""

    def __init__(self, window: float = CONVERSATION_WINDOW) -> None:
        self.window = window
        self._spoke_at: float | None = None

    def note(self, events: list[Event], now: Now) -> None:
        """The coach is about to say these events' sentences."""
        if any(isinstance(e, Say) for e in events):
            self._spoke_at = now.mono

    def conversing(self, now: Now) -> bool:
        return self._spoke_at is not None and now.mono - self._spoke_at <= self.window

    def why_ignore(self, intent: str, now: Now, asked: bool, timers: bool) -> str | None:
        """Why `intent` is let pass (None: act on it). `asked`: a yes/no offer is open;
        `timers`: a timer or routine is running, paused or ringing."""
        if self.conversing(now):
            return None
        if intent in ANSWERS and not asked:
            return "nothing was asked"
        if intent in TIMER_CHANGES and not timers:
            return "no timer is running"
        return None

    def why_ignore_any(self, intents: list[str], now: Now, asked: bool, timers: bool) -> str | None:
        """Why `intents` (a request's, or the meanings a which-did-you-mean question would name)
        are let pass: when every one of them would be ("Do you want to pause the timer?" with
        no timer running, asked of a television)."""
        whys = [self.why_ignore(intent, now, asked=asked, timers=timers) for intent in intents]
        return whys[0] if whys and all(whys) else None
