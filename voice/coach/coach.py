"""The coach: dialogue, episode memory and safety. Pure: an understood intent and the time in,
events out (Say, StopSpeech, AdjustVoice, EndSession, and whatever the timer desk returns).
Its only I/O is through the episode store (voice.coach.memory); timers and routines belong to
the desk; yes/no offers are voice.coach.offers, the emergency rule voice.coach.red_flag_rule."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from intents.errors import TemplateError
from intents.replies import Replies
from intents.types import Match
from voice.clock import Now
from voice.coach.attention import Attention
from voice.coach.episode import ICE, PAIN_RELIEF, RED_FLAG, STRETCH, EpisodeStore
from voice.coach.heat_rule import heat_advice
from voice.coach.memory import CoachMemory
from voice.coach.offers import START_FOR_OFFER, Offers
from voice.coach.red_flag_rule import is_emergency, symptom_of
from voice.events import EndSession, Event, Ignored, Priority, Say, StopSpeech
from voice.speaking.voice_memory import Voice

log = logging.getLogger(__name__)


class DeskLike(Protocol):
    """The timer engine (`voice.timers.desk.TimerDesk`) as the coach uses it. `stop_routines`
    takes the intent that asks for it as its reason: "RedFlag", "ItHurts" or "Stop"."""

    def handle(self, match: Match, now: Now) -> list[Event]: ...
    def acknowledge(self, now: Now) -> list[Event]: ...
    def stop_routines(self, now: Now, reason: str) -> list[Event]: ...
    def tick(self, now: Now) -> list[Event]: ...
    def next_deadline(self) -> float | None: ...
    def recover(self, now: Now) -> list[Event]: ...
    def active(self) -> list[str]: ...


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


TIMER_INTENTS = frozenset(
    _words(
        "StartIce StartStretch StartTimer TimerStatus PauseTimer ResumeTimer CancelTimer "
        "AddTime RemoveTime"
    )
)
ACKNOWLEDGING = frozenset({"Yes", "No", "Stop"})
"""Intents that first acknowledge a repeating finish announcement, if there is one."""
SAFETY_REPLIES = frozenset({"RedFlag", "RedFlag.emergency"})
"""Replies said whole, before anything else (Priority.SAFETY): what `_red_flag` says."""

REPLY_KEYS = _words(
    "Greeting SpasmStarted SpasmStarted.again SpasmStarted.neck Offer.ice Offer.stretch "
    "IceHowLong HeatQuestion.no_episode HeatQuestion.too_soon HeatQuestion.ok PainRelief "
    "RedFlag RedFlag.emergency ItHurts ItHurts.stretching ItHurts.icing ExplainSpasm Knot "
    "NextStep.before_ice NextStep.after_ice Prevention RestPosition Help Unknown Yes.none "
    "No.none No.declined No.rest Repeat.none Slower Slower.limit Louder Louder.limit Softer "
    "Softer.limit Goodbye Goodbye.timers"
)


class Coach:
    """Implements `voice.app.session.CoachLike`."""

    def __init__(
        self,
        replies: Replies,
        store: EpisodeStore,
        desk: DeskLike,
        attention: Attention | None = None,
    ) -> None:
        missing = [key for key in REPLY_KEYS if key not in replies]
        if missing:
            raise TemplateError(f"intents/replies: missing coach replies: {', '.join(missing)}")
        self._replies = replies
        self._memory = CoachMemory(store)
        self._desk = desk
        self._offers = Offers()
        self._attention = attention or Attention()
        self._last: Say | None = None
        self._handlers: dict[str, Callable[[Match, Now], list[Event]]] = {
            "SpasmStarted": self._spasm_started,
            "HeatQuestion": self._heat,
            "PainRelief": self._pain_relief,
            "ItHurts": self._it_hurts,
            "NextStep": self._next_step,
            "Yes": self._yes,
            "No": self._no,
            "Stop": self._stop,
            "Repeat": self._repeat,
            "Slower": self._voice,
            "Louder": self._voice,
            "Softer": self._voice,
            "Goodbye": self._goodbye,
        }

    @property
    def pending_offer(self) -> str | None:
        return self._offers.pending

    # --- CoachLike ------------------------------------------------------------------------------
    def start(self, now: Now) -> list[Event]:
        restore = self._memory.voice().relative_to(Voice())
        events: list[Event] = [restore] if restore else []
        events.append(self._say("Greeting"))
        events += self._desk.recover(now)
        return self._noted(self._flush(events), now)

    def handle(self, match: Match, now: Now) -> list[Event]:
        return self._noted(self._handle(match, now), now)

    def _handle(self, match: Match, now: Now) -> list[Event]:
        intent = match.intent
        if intent == "RedFlag":
            return self._flush(self._red_flag(match, now))
        if intent in ACKNOWLEDGING:
            acknowledged = self._desk.acknowledge(now)
            if acknowledged:
                stop: list[Event] = [StopSpeech()] if intent == "Stop" else []
                return self._flush(stop + acknowledged)
        asked, timers = self._offers.is_open(now), bool(self._desk.active())
        why = self._attention.why_ignore(intent, now, asked=asked, timers=timers)
        if why is not None:
            log.info("ignored %s %r: %s", intent, match.text, why)
            return [Ignored(intent, why, match.text)]
        if intent in TIMER_INTENTS:
            self._offers.close()
            return self._flush(self._memory.record_starts(self._desk.handle(match, now), now))
        handler = self._handlers.get(intent)
        if handler is not None:
            return self._flush(handler(match, now))
        if intent != "Unknown" and intent in self._replies:
            offers = {"IceHowLong": [ICE], "RestPosition": [STRETCH]}.get(intent, [])
            return self._flush([self._reply(intent, now, offers)])
        if intent != "Unknown":
            log.warning("no reply for intent %s; answering as Unknown", intent)
        return self._flush([self._say("Unknown", Priority.CHATTER)])

    def tick(self, now: Now) -> list[Event]:
        return self._noted(self._desk.tick(now), now)

    def next_deadline(self) -> float | None:
        return self._desk.next_deadline()

    # --- replies --------------------------------------------------------------------------------
    def _say(self, key: str, priority: Priority = Priority.GUIDANCE, **values: str) -> Say:
        return Say(self._replies.get(key, **values), priority=priority, key=key)

    def _reply(self, key: str, now: Now, offers: list[str], **values: str) -> Say:
        """`key`'s text, then the first allowed yes/no offer among `offers`, which is remembered."""
        say = self._say(key, Priority.GUIDANCE, **values)
        self._offers.close()
        for kind in offers:
            if self._may_offer(kind, now):
                self._offers.make(kind, now)
                offer = self._replies.get(f"Offer.{kind}")
                return Say(f"{say.text} {offer}", priority=say.priority, key=key)
        return say

    def _may_offer(self, kind: str, now: Now) -> bool:
        if self._offers.declined(kind) or any(kind in name for name in self._desk.active()):
            return False
        return not (kind == STRETCH and self._memory.area(now) == "neck")

    def _noted(self, events: list[Event], now: Now) -> list[Event]:
        self._attention.note(events, now)
        return events

    def _flush(self, events: list[Event]) -> list[Event]:
        for event in events:
            if isinstance(event, Say) and event.priority in (Priority.SAFETY, Priority.GUIDANCE):
                self._last = event
        return self._memory.take_problems() + events

    @staticmethod
    def _quiet(events: list[Event]) -> list[Event]:
        """The desk's events without its StopSpeech: the coach has already cut speech."""
        return [e for e in events if not isinstance(e, StopSpeech)]

    # --- intents --------------------------------------------------------------------------------
    def _red_flag(self, match: Match, now: Now) -> list[Event]:
        self._offers.close()
        key = "RedFlag.emergency" if is_emergency(match) else "RedFlag"
        self._memory.record(RED_FLAG, now.wall, symptom=symptom_of(match), text=match.text)
        # The safety message must be the one thing heard: keep the desk's bookkeeping events,
        # drop its own spoken "stopping" lines.
        stopped = self._desk.stop_routines(now, "RedFlag")
        stopped = [e for e in stopped if not isinstance(e, (Say, StopSpeech))]
        return [StopSpeech(), *stopped, self._say(key, Priority.SAFETY)]

    def _spasm_started(self, match: Match, now: Now) -> list[Event]:
        area = str(match.slots.get("area", "") or self._memory.area(now) or "back")
        self._offers.new_episode()
        episode, is_new = self._memory.spasm_started(now.wall, area)
        if episode is not None and not match.slots.get("area"):
            area = episode.area
        key = "SpasmStarted.neck" if area == "neck" else "SpasmStarted"
        if not is_new and area != "neck":
            key = "SpasmStarted.again"
        return [self._reply(key, now, [STRETCH, ICE])]

    def _heat(self, match: Match, now: Now) -> list[Event]:
        episode = self._memory.episode(now)
        advice = heat_advice(episode.started if episode else None, now.wall)
        offers = [] if advice.situation == "ok" else [ICE]
        key = f"HeatQuestion.{advice.situation}"
        return [self._reply(key, now, offers, left=advice.left, since=advice.since)]

    def _pain_relief(self, match: Match, now: Now) -> list[Event]:
        self._memory.record(PAIN_RELIEF, now.wall, text=match.text)
        return [self._reply("PainRelief", now, [])]

    def _it_hurts(self, match: Match, now: Now) -> list[Event]:
        active = self._desk.active()
        if any(STRETCH in name for name in active):
            stopped = self._quiet(self._desk.stop_routines(now, "ItHurts"))
            self._offers.decline(STRETCH)  # the seed: if it hurts, stop and try something else
            return [StopSpeech(), *stopped, self._reply("ItHurts.stretching", now, [ICE])]
        if any(ICE in name for name in active):
            return [self._reply("ItHurts.icing", now, [])]
        return [self._reply("ItHurts", now, [ICE])]

    def _next_step(self, match: Match, now: Now) -> list[Event]:
        if self._memory.iced(now):
            return [self._reply("NextStep.after_ice", now, [])]
        return [self._reply("NextStep.before_ice", now, [ICE])]

    def _yes(self, match: Match, now: Now) -> list[Event]:
        kind = self._offers.answer(now)
        if kind is None:
            return [self._say("Yes.none")]
        start = Match(match.text, START_FOR_OFFER[kind], {}, match.confidence)
        return self._memory.record_starts(self._desk.handle(start, now), now)

    def _no(self, match: Match, now: Now) -> list[Event]:
        kind = self._offers.answer(now)
        if kind is None:
            return [self._say("No.none")]
        self._offers.decline(kind)
        if any(self._may_offer(kind, now) for kind in (ICE, STRETCH)):
            return [self._reply("No.declined", now, [ICE, STRETCH])]
        return [self._reply("No.rest", now, [])]

    def _stop(self, match: Match, now: Now) -> list[Event]:
        self._offers.close()
        return [StopSpeech(), *self._quiet(self._desk.stop_routines(now, "Stop"))]

    def _repeat(self, match: Match, now: Now) -> list[Event]:
        if self._last is None:
            return [self._say("Repeat.none")]
        self._offers.reopen(now)  # the offer was asked again: it is open again
        return [self._last]

    def _voice(self, match: Match, now: Now) -> list[Event]:
        old = self._memory.voice()
        new = old.changed(match.intent)
        change = new.relative_to(old)
        if change is None:
            return [self._say(f"{match.intent}.limit", Priority.CHATTER)]
        self._memory.save_voice(new)
        return [change, self._say(match.intent, Priority.CHATTER)]

    def _goodbye(self, match: Match, now: Now) -> list[Event]:
        self._offers.close()
        key = "Goodbye.timers" if self._desk.active() else "Goodbye"
        return [self._say(key), EndSession("goodbye")]
