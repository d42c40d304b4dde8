"""The coach's answers to what people tell and ask it about the spasm: it started (and when),
heat, pain relief, what next, moving, seeing a professional, being scared. Each takes the
understood match and the time and returns the events to say; the coach (voice.coach.coach)
routes to them. Pure apart from the coach's memory."""

from __future__ import annotations

from intents.types import EMERGENCY_CONCERN, Match
from voice.clock import Now
from voice.coach.episode import ICE, PAIN_RELIEF, STRETCH
from voice.coach.episode_talk import EpisodeTalk
from voice.coach.memory import CoachMemory
from voice.coach.offers import Offers
from voice.coach.onset import heat_for, parse_onset
from voice.coach.reply_maker import ReplyMaker
from voice.coach.safety import asks_dose, tablets
from voice.events import Event, Priority

ACETAMINOPHEN_NAMES = ("paracetamol", "tylenol", "panadol")
"""Said in a dose question, the answer adds that these are acetaminophen."""


class Answers:
    def __init__(
        self, words: ReplyMaker, memory: CoachMemory, offers: Offers, talk: EpisodeTalk
    ) -> None:
        self._words = words
        self._memory = memory
        self._offers = offers
        self._talk = talk

    def spasm_started(self, match: Match, now: Now) -> list[Event]:
        """The first reply in an episode ends with the warning signs, once."""
        said = match.slots.get("area")
        onset = parse_onset(match.slots["onset"], now.wall) if "onset" in match.slots else None
        self._offers.new_episode()
        episode, is_new = self._memory.spasm_started(
            now.wall,
            str(said) if said else None,
            onset.started if onset else None,
            str(match.slots["onset"]) if onset else None,
        )
        area = episode.area if episode else str(said or "back")
        first = is_new or (episode is not None and episode.id == self._talk.opened)
        self._talk.opened = None
        key = "SpasmStarted.neck" if area == "neck" else "SpasmStarted"
        if not first and area != "neck":
            key = "SpasmStarted.again"
        hint = "Hint.warning" if first else ""
        return [self._words.reply(key, now, [STRETCH, ICE], extra=hint)]

    def heat(self, match: Match, now: Now) -> list[Event]:
        """The 72-hour rule from the latest episode, whatever its age; "When did it start?" if
        that is not known (voice.coach.onset)."""
        advice = heat_for(self._memory.latest_episode(), now.wall)
        if advice.situation == "ask":
            self._offers.close()
            self._talk.ask_onset(now)
            return [self._words.say("HeatQuestion.ask", left=advice.left)]
        offers = [] if advice.situation == "ok" else [ICE]
        key = f"HeatQuestion.{advice.situation}"
        return [self._words.reply(key, now, offers, left=advice.left, since=advice.since)]

    def onset(self, match: Match, now: Now) -> list[Event]:
        """When it started becomes the episode's start (a new episode if none); the answer to
        "When did it start?" answers the heat question that asked it."""
        asked = self._talk.onset_asked(now)
        onset = parse_onset(match.slots.get("onset", ""), now.wall)
        if onset is None:
            if asked:  # still open: the next answer still answers the heat question
                self._talk.ask_onset(now)
            return [self._words.say("Onset.unclear")]
        said = str(match.slots["onset"])
        episode, is_new = self._memory.spasm_started(now.wall, None, onset.started, said)
        if is_new and episode is not None:
            self._talk.opened = episode.id
        if asked:
            return self.heat(match, now)
        return [self._words.reply("Onset", now, [], when=onset.spoken)]

    def pain_relief(self, match: Match, now: Now) -> list[Event]:
        """A dose question or "I took two" leads with the label (too many is an emergency,
        voice.coach.safety); the long answer is short the second time."""
        count = tablets(match)
        self._memory.record(PAIN_RELIEF, now.wall, text=match.text, count=count)
        named = any(name in match.text.lower() for name in ACETAMINOPHEN_NAMES)
        extra = "PainRelief.acetaminophen" if named else ""
        if asks_dose(match):
            return [self._words.reply("PainRelief.dose", now, [], extra=extra)]
        if count > 0:
            return [self._words.reply("PainRelief.took", now, [], extra=extra)]
        return [self._words.reply(self._words.shortened("PainRelief", now), now, [])]

    def next_step(self, match: Match, now: Now) -> list[Event]:
        flagged = self._words.flagged_key(now)
        if flagged is not None:
            return [self._words.say(flagged)]
        if self._memory.iced(now):
            return [self._words.reply("NextStep.after_ice", now, [])]
        return [self._words.reply("NextStep.before_ice", now, [ICE])]

    def move(self, match: Match, now: Now) -> list[Event]:
        """After icing, slow gentle movement; before, rest first."""
        if self._memory.iced(now):
            return [self._words.reply("MoveQuestion.after_ice", now, [])]
        return [self._words.reply("MoveQuestion.before_ice", now, [ICE])]

    def ask_professional(self, match: Match, now: Now) -> list[Event]:
        flagged = self._words.flagged_key(now)
        if flagged is not None:
            return [self._words.say(flagged)]
        return [self._words.reply("AskProfessional", now, [])]

    def scared(self, match: Match, now: Now) -> list[Event]:
        """A calm sentence, then the warning signs (or, while flagged, the escalation). Fear that
        speaks of dying (intents.concern.fear_concern) hears first where to turn."""
        flagged = self._words.flagged_key(now)
        if match.concern == EMERGENCY_CONCERN:
            return [self._words.reply("Scared.urgent", now, [], flagged or "", Priority.SAFETY)]
        return [self._words.reply("Scared", now, [], extra=flagged or "Hint.warning")]
