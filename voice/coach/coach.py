"""The coach: dialogue, episode memory and safety. Pure: an understood intent and the time in,
events out (Say, StopSpeech, AdjustVoice, EndSession, and whatever the timer desk returns).
Its only I/O is through the episode store (voice.coach.memory); timers and routines belong to
the desk; yes/no offers are voice.coach.offers, the safety tiers voice.coach.safety, when it
started and the heat rule voice.coach.onset, what was said this episode voice.coach.episode_talk,
the wording and offer rules voice.coach.reply_maker, the answers about the spasm
voice.coach.answers, stop / repeat / voice / goodbye voice.coach.talk_controls.

Safety (issue 16): an Emergency or RedFlag (or "I took" more tablets than a label allows) stops
the routines and is said whole, action first. The episode then stays flagged (the red flag is
in the store): "what now" leads with the escalation, nothing is offered and a yes starts
nothing, though an explicit "start the ice" after hearing it is done. The next start reminds
of the red flag once. The warning signs are said once per episode, in the first reply to a
spasm."""

from __future__ import annotations

import logging
from collections.abc import Callable

from intents.errors import TemplateError
from intents.replies import Replies
from intents.types import EMERGENCY_CONCERN, UNSURE, Match
from voice.clock import Now
from voice.coach.answers import Answers
from voice.coach.attention import Attention
from voice.coach.clarify import Clarifier, missing_options, option_text
from voice.coach.context import in_context
from voice.coach.desk_like import DeskLike
from voice.coach.episode import ICE, PAIN_RELIEF, RED_FLAG, STRETCH, EpisodeStore
from voice.coach.episode_talk import EpisodeTalk
from voice.coach.memory import CoachMemory
from voice.coach.offers import START_FOR_OFFER, Offers
from voice.coach.onset import parse_onset
from voice.coach.reply_keys import REPLY_KEYS
from voice.coach.reply_maker import ReplyMaker
from voice.coach.safety import (
    SAFETY_REPLIES,
    Escalation,
    escalation,
    reminder,
    tablets,
)
from voice.coach.talk_controls import TalkControls, quiet
from voice.events import (
    Event,
    Ignored,
    Priority,
    Problem,
    Say,
    StopSpeech,
    TimerEvent,
)
from voice.speaking.voice_memory import Voice
from voice.timers.timer_intents import TIMER_INTENTS

log = logging.getLogger(__name__)


ACKNOWLEDGING = frozenset({"Yes", "No", "Stop"})
"""Intents that first acknowledge a repeating finish announcement, if there is one."""
ESCALATING = frozenset({"Emergency", "RedFlag", "PainRelief"})
"""Intents `voice.coach.safety.escalation` may turn into an emergency or a red flag."""
__all__ = ["SAFETY_REPLIES", "REPLY_KEYS", "Coach", "DeskLike"]


class Coach:
    """Implements `voice.app.session.CoachLike`."""

    def __init__(
        self,
        replies: Replies,
        store: EpisodeStore,
        desk: DeskLike,
        attention: Attention | None = None,
    ) -> None:
        missing = [key for key in REPLY_KEYS if key not in replies] + missing_options(replies)
        if missing:
            raise TemplateError(f"intents/replies: missing coach replies: {', '.join(missing)}")
        self._replies = replies
        self._memory = CoachMemory(store)
        self._desk = desk
        self._offers = Offers()
        self._clarify = Clarifier()
        self._talk = EpisodeTalk()
        self._words = ReplyMaker(replies, self._memory, self._offers, self._talk, desk.active)
        answers = Answers(self._words, self._memory, self._offers, self._talk)
        self._attention = attention or Attention()
        talk = self._controls = TalkControls(self._words, self._memory, self._offers, desk)
        self._handlers: dict[str, Callable[[Match, Now], list[Event]]] = {
            "SpasmStarted": answers.spasm_started,
            "HeatQuestion": answers.heat,
            "Onset": answers.onset,
            "PainRelief": answers.pain_relief,
            "NextStep": answers.next_step,
            "MoveQuestion": answers.move,
            "AskProfessional": answers.ask_professional,
            "Scared": answers.scared,
            "ItHurts": self._it_hurts,
            "Unsure": self._unsure,
            "Yes": self._yes,
            "No": self._no,
            "Stop": talk.stop,
            "Repeat": talk.repeat,
            "Slower": talk.voice,
            "Louder": talk.voice,
            "Softer": talk.voice,
            "Goodbye": talk.goodbye,
            "AreYouThere": talk.here,
        }

    @property
    def pending_offer(self) -> str | None:
        return self._offers.pending

    # --- CoachLike ------------------------------------------------------------------------------
    def start(self, now: Now) -> list[Event]:
        restore = self._memory.voice().relative_to(Voice())
        events: list[Event] = [restore] if restore else []
        events.append(self._say("Greeting"))
        flag = self._memory.reminder_due()
        if flag is not None:
            key, values = reminder(str(flag.detail.get("symptom", "")))
            events.append(self._say(key, Priority.GUIDANCE, **values))
        events += self._desk.recover(now)
        return self._noted(self._flush(events), now)

    def handle(self, match: Match, now: Now) -> list[Event]:
        return self._noted(self._handle(match, now), now)

    def _handle(self, match: Match, now: Now) -> list[Event]:
        asking = self._offers.is_open(now) or self._clarify.is_open(now)
        match = in_context(match, asking, self._desk.active())
        intent = match.intent
        if intent not in ("Yes", "No", "Repeat"):
            self._clarify.close()  # anything else said instead of an answer: asked no more
        escalate = escalation(match) if intent in ESCALATING else None
        if escalate is not None:
            return self._flush(self._escalate(match, escalate, now))
        answer = self._desk.answer_which(match, now)  # "Which one: ...?" "The ten minute one."
        if answer is not None:
            return self._flush(answer)
        if intent in ACKNOWLEDGING:
            acknowledged = self._desk.acknowledge(now)
            if acknowledged:
                stop: list[Event] = [StopSpeech()] if intent == "Stop" else []
                return self._flush(stop + acknowledged)
        asked, timers = self._offers.is_open(now), bool(self._desk.active())
        options = [a.intent for a in match.alternatives] if intent == UNSURE else [intent]
        why = self._attention.why_ignore_any(options, now, asked=asked, timers=timers)
        if why is not None:
            log.info("ignored %s %r: %s", intent, match.text, why)
            return [Ignored(intent, why, match.text)]
        if intent in TIMER_INTENTS:
            self._offers.close()
            return self._flush(self._timer(match, now))
        handler = self._handlers.get(intent)
        if handler is not None:
            return self._flush(handler(match, now))
        if intent != "Unknown" and intent in self._replies:
            offers = {"IceHowLong": [ICE], "RestPosition": [STRETCH]}.get(intent, [])
            return self._flush([self._reply(self._words.shortened(intent, now), now, offers)])
        if intent != "Unknown":
            log.warning("no reply for intent %s; answering as Unknown", intent)
        elif match.concern == EMERGENCY_CONCERN:  # not understood, but it may be an emergency
            return self._flush([self._say("Unknown.urgent", Priority.SAFETY)])
        return self._flush([self._say("Unknown", Priority.CHATTER)])

    def tick(self, now: Now) -> list[Event]:
        events = self._desk.tick(now)
        return self._noted(self._problems() + events, now)

    def next_deadline(self) -> float | None:
        return self._desk.next_deadline()

    def withdraw_offer(self, routine: str) -> None:
        """The offer of `routine` was left unsaid (voice.events.Unsaid): a yes must not take it."""
        self._offers.withdraw(routine)

    # --- replies --------------------------------------------------------------------------------
    def _say(self, key: str, priority: Priority = Priority.GUIDANCE, **values: str) -> Say:
        return self._words.say(key, priority, **values)

    def _reply(self, key: str, now: Now, offers: list[str]) -> Say:
        return self._words.reply(key, now, offers)

    def _noted(self, events: list[Event], now: Now) -> list[Event]:
        self._attention.note(events, now)
        return events

    def _flush(self, events: list[Event]) -> list[Event]:
        self._controls.said(events)
        return self._problems() + events

    def _problems(self) -> list[Event]:
        """Failed writes (logged), and once, said: the store has stopped saving."""
        problems = self._memory.take_problems()
        why = self._memory.take_cannot_save()
        if why is not None:
            problems += [Problem("episode store", why), self._say("Problem.cannot_save")]
        return problems

    # --- safety ---------------------------------------------------------------------------------
    def _escalate(self, match: Match, escalate: Escalation, now: Now) -> list[Event]:
        self._offers.close()
        self._talk.close()
        area = match.slots.get("area")
        if area:  # "my back locked up and my leg is numb": the episode starts too
            said = match.slots.get("onset")
            onset = parse_onset(said, now.wall) if said else None
            started = onset.started if onset else None
            self._memory.spasm_started(now.wall, str(area), started, str(said) if onset else None)
        if match.intent == "PainRelief":
            self._memory.record(PAIN_RELIEF, now.wall, text=match.text, count=tablets(match))
        self._words.flag = (escalate.tier, escalate.symptom)
        detail = {"symptom": escalate.symptom, "tier": escalate.tier, "text": match.text}
        self._memory.record(RED_FLAG, now.wall, **detail)
        # The safety message must be the one thing heard: keep the desk's bookkeeping events,
        # drop its own spoken "stopping" lines.
        stopped = self._desk.stop_routines(now, "RedFlag")
        stopped = [e for e in stopped if not isinstance(e, (Say, StopSpeech))]
        return [StopSpeech(), *stopped, self._say(escalate.key, Priority.SAFETY)]

    # --- intents --------------------------------------------------------------------------------
    def _it_hurts(self, match: Match, now: Now) -> list[Event]:
        active = self._desk.active()
        if any(STRETCH in name for name in active):
            stopped = quiet(self._desk.stop_routines(now, "ItHurts"))
            self._offers.decline(STRETCH)  # the seed: if it hurts, stop and try something else
            return [StopSpeech(), *stopped, self._reply("ItHurts.stretching", now, [ICE])]
        if any(ICE in name for name in active):
            return [self._reply("ItHurts.icing", now, [])]
        return [self._reply("ItHurts", now, [ICE])]

    def _timer(self, match: Match, now: Now) -> list[Event]:
        stretch = match.intent == "StartStretch"
        if stretch and self._memory.area(now) == "neck":  # knees-to-chin is for the back
            return [self._reply("Stretch.neck", now, [ICE])]
        events = self._memory.record_starts(self._desk.handle(match, now), now)
        started = any(isinstance(e, TimerEvent) and e.kind == "started" for e in events)
        return [self._say("Stretch.safety"), *events] if stretch and started else events

    def _unsure(self, match: Match, now: Now) -> list[Event]:
        self._offers.close()
        return [self._option("Clarify.first", self._clarify.ask(match, now))]

    def _option(self, key: str, option: Match) -> Say:
        return self._say(key, option=option_text(self._replies, option))

    def _yes(self, match: Match, now: Now) -> list[Event]:
        chosen = self._clarify.yes(now)
        if chosen is not None:
            return self._handle(chosen, now)
        kind = self._offers.answer(now)
        if kind is None or self._words.flagged(now) is not None:  # no routine off a stale offer
            return [self._say("Yes.none")]
        if kind == STRETCH and self._memory.area(now) == "neck":
            return [self._reply("Stretch.neck", now, [ICE])]
        start = Match(match.text, START_FOR_OFFER[kind], {}, match.confidence)
        return self._memory.record_starts(self._desk.handle(start, now), now)

    def _no(self, match: Match, now: Now) -> list[Event]:
        if self._clarify.is_open(now):
            asked = self._clarify.asked(now)
            other = self._clarify.no(now)
            if other is None and asked is not None and asked.intent == "Goodbye":
                return [self._say("AreYouThere")]  # "say goodbye for now?" "no": "I'm here."
            return [self._option("Clarify.second", other) if other else self._say("Clarify.none")]
        kind = self._offers.answer(now)
        if kind is None:
            return [self._say("No.none")]
        self._offers.decline(kind)
        if any(self._words.may_offer(kind, now) for kind in (ICE, STRETCH)):
            return [self._reply("No.declined", now, [ICE, STRETCH])]
        return [self._reply("No.rest", now, [])]
