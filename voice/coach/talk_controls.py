"""Controls of the talk itself: stop, say that again, slower / louder /
softer, "are you there?", goodbye. Pure apart from the episode store (the voice is kept
there); what it says comes from the reply maker (voice.coach.reply_maker)."""

from __future__ import annotations

from intents.types import Match
from voice.clock import Now
from voice.coach.desk_like import DeskLike
from voice.coach.memory import CoachMemory
from voice.coach.offers import Offers
from voice.coach.reply_maker import ReplyMaker
from voice.events import EndSession, Event, Priority, Say, StopSpeech


def quiet(events: list[Event]) -> list[Event]:
    """The desk's events without its StopSpeech: the coach has already cut speech."""
    return [e for e in events if not isinstance(e, StopSpeech)]


class TalkControls:
    """Handlers for Stop, Repeat, Slower/Louder/Softer, AreYouThere and Goodbye; `said(events)`
    keeps the last answer worth repeating (guidance or safety, not chatter)."""

    def __init__(
        self, words: ReplyMaker, memory: CoachMemory, offers: Offers, desk: DeskLike
    ) -> None:
        self._words = words
        self._memory = memory
        self._offers = offers
        self._desk = desk
        self._last: Say | None = None

    def said(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, Say) and event.priority in (Priority.SAFETY, Priority.GUIDANCE):
                self._last = event

    def stop(self, match: Match, now: Now) -> list[Event]:
        self._offers.close()
        return [StopSpeech(), *quiet(self._desk.stop_routines(now, "Stop"))]

    def repeat(self, match: Match, now: Now) -> list[Event]:
        if self._last is None:
            return [self._words.say("Repeat.none", Priority.GUIDANCE)]
        self._offers.reopen(now)  # the offer was asked again: it is open again
        return [self._last]

    def voice(self, match: Match, now: Now) -> list[Event]:
        old = self._memory.voice()
        new = old.changed(match.intent)
        change = new.relative_to(old)
        if change is None:
            return [self._words.say(f"{match.intent}.limit", Priority.CHATTER)]
        self._memory.save_voice(new)
        return [change, self._words.say(match.intent, Priority.CHATTER)]

    def here(self, match: Match, now: Now) -> list[Event]:
        """Always "I'm here."; an open offer stays open, Repeat still repeats the last answer."""
        return [self._words.say("AreYouThere", Priority.CHATTER)]

    def goodbye(self, match: Match, now: Now) -> list[Event]:
        self._offers.close()
        key = "Goodbye.timers" if self._desk.active() else "Goodbye"
        return [self._words.say(key, Priority.GUIDANCE), EndSession("goodbye")]
