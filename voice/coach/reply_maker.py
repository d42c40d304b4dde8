"""How the coach words a reply: a reply's text, with an extra sentence and the first yes/no
offer it may make, and the rules on offering (nothing while flagged by a red flag, no
knees-to-chin for a neck, nothing declined or already running). Shared by the coach and its
answers (voice.coach.answers); its only I/O is the coach's memory."""

from __future__ import annotations

from collections.abc import Callable

from intents.replies import Replies
from voice.clock import Now
from voice.coach.episode import STRETCH
from voice.coach.episode_talk import EpisodeTalk
from voice.coach.memory import CoachMemory
from voice.coach.offers import Offers
from voice.coach.safety import EMERGENCY, EMERGENCY_SYMPTOMS, PROFESSIONAL, flagged_key
from voice.events import Priority, Say

WHOLE = ("Hint.warning", "Flagged", "Reminder")
"""Replies (or extra sentences) that carry the warning signs or a red flag again: never
shortened to fit between timer cues (voice.speaking.speech_policy)."""


class ReplyMaker:
    def __init__(
        self,
        replies: Replies,
        memory: CoachMemory,
        offers: Offers,
        talk: EpisodeTalk,
        active: Callable[[], list[str]],
    ) -> None:
        self._replies = replies
        self._memory = memory
        self._offers = offers
        self._talk = talk
        self._active = active
        self.flag: tuple[str, str] | None = None
        """This session's escalation (tier, symptom), for when the store cannot say."""

    def say(self, key: str, priority: Priority = Priority.GUIDANCE, **values: str) -> Say:
        whole = key.startswith(WHOLE)
        return Say(self._replies.get(key, **values), priority=priority, key=key, whole=whole)

    def reply(
        self,
        key: str,
        now: Now,
        offers: list[str],
        extra: str = "",
        priority: Priority = Priority.GUIDANCE,
        **values: str,
    ) -> Say:
        """`key`'s text, then the `extra` reply's, then the first allowed yes/no offer among
        `offers`, which is remembered."""
        say = self.say(key, priority, **values)
        text = f"{say.text} {self._replies.get(extra)}" if extra else say.text
        self._offers.close()
        offer = next((kind for kind in offers if self.may_offer(kind, now)), "")
        offer_text = self._replies.get(f"Offer.{offer}") if offer else ""
        if offer:
            self._offers.make(offer, now)
            text = f"{text} {offer_text}"
        whole = say.whole or extra.startswith(WHOLE)
        return Say(text, say.priority, key, offer=offer, offer_text=offer_text, whole=whole)

    def may_offer(self, kind: str, now: Now) -> bool:
        if self.flagged(now) is not None:
            return False  # after an escalation nothing is offered; asked for, it is done
        if self._offers.declined(kind) or any(kind in name for name in self._active()):
            return False
        return not (kind == STRETCH and self._memory.area(now) == "neck")

    def shortened(self, key: str, now: Now) -> str:
        """`key`, or its ".short" variant if it was said already this episode."""
        episode = self._memory.episode(now)
        return self._talk.key_for(key, episode.id if episode else None)

    def flagged(self, now: Now) -> tuple[str, str] | None:
        """(tier, symptom) of the red flag the episode is flagged by, or None."""
        flag = self._memory.red_flag(now)
        if flag is None:
            return self.flag
        symptom = str(flag.detail.get("symptom", ""))
        old = EMERGENCY if symptom in (*EMERGENCY_SYMPTOMS, "bladder", "bowel") else PROFESSIONAL
        return str(flag.detail.get("tier", old)), symptom

    def flagged_key(self, now: Now) -> str | None:
        """While flagged: the reply that says the escalation's action again."""
        flag = self.flagged(now)
        return None if flag is None else flagged_key(*flag)
