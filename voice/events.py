"""The event vocabulary that flows through the session loop, and the actions the coach asks for.

Every event is a small frozen dataclass with `to_json()`/`from_json()` so the `--events` log is
one JSON object per line: {"type": "Heard", "at": 12.345, ...}. `at` is the monotonic time.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, ClassVar

from intents.types import Match


class Priority(IntEnum):
    """Speech priority: lower value wins. Safety > countdown numbers > guidance > chatter."""

    SAFETY = 0
    COUNTDOWN = 1
    GUIDANCE = 2
    CHATTER = 3


@dataclass(frozen=True)
class Event:
    registry: ClassVar[dict[str, type[Event]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        Event.registry[cls.__name__] = cls

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": type(self).__name__}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Match):
                value = value.to_json()
            elif isinstance(value, IntEnum):
                value = value.name.lower()
            data[f.name] = value
        return data

    def to_line(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False)

    @staticmethod
    def from_json(data: dict[str, Any]) -> Event:
        data = dict(data)
        cls = Event.registry[data.pop("type")]
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            if f.name == "match":
                value = Match(value["text"], value["intent"], value["slots"], value["confidence"])
            elif f.name == "priority":
                value = Priority[value.upper()]
            kwargs[f.name] = value
        return cls(**kwargs)


# --- what came in -------------------------------------------------------------------------


@dataclass(frozen=True)
class Heard(Event):
    """Recognizer output. `final` False for partial results. `over_speech`: heard while the
    coach was speaking (voice.hearing.listener let it through as someone else's words)."""

    text: str
    confidence: float = 1.0
    final: bool = True
    at: float = 0.0
    over_speech: bool = False


@dataclass(frozen=True)
class Understood(Event):
    match: Match
    at: float = 0.0


# --- what the coach asks for (actions) ----------------------------------------------------


@dataclass(frozen=True)
class Say(Event):
    """Speak `text`. `key` names the reply (intent/situation) for tests and the log.
    `not_after` (monotonic) drops the sentence if it cannot start by then (countdown numbers).
    An open-ended reply is said whole between timer cues, or shortened to fit
    (voice.speaking.speech_policy)."""

    text: str
    priority: Priority = Priority.GUIDANCE
    key: str = ""
    not_after: float | None = None
    offer: str = ""
    """The routine ("ice", "stretch") a yes/no offer at the end of `text` offers: the speech
    queue leaves the offer out if that routine already runs when it comes to be said."""

    offer_text: str = ""
    """The sentences of that offer: the end of `text`."""

    whole: bool = False
    """Never shortened to fit between timer cues (only its offer may be left out): it carries
    the warning signs."""


@dataclass(frozen=True)
class StopSpeech(Event):
    """Cut off whatever is being said and drop queued speech below `keep_priority`."""

    keep_priority: Priority = Priority.SAFETY


@dataclass(frozen=True)
class AdjustVoice(Event):
    """Slower/Louder/Softer: relative change kept for the rest of the session."""

    rate_factor: float = 1.0
    volume_delta: float = 0.0


@dataclass(frozen=True)
class EndSession(Event):
    reason: str = "goodbye"


# --- what happened (log) ------------------------------------------------------------------


@dataclass(frozen=True)
class Unsaid(Event):
    """A sentence the speech queue left out ("shortened" to fit between timer cues, or "offer
    taken"); `offer` the routine it offered, if it was an offer: the coach withdraws it, so
    a yes never starts what was never heard offered."""

    text: str
    why: str
    offer: str = ""


@dataclass(frozen=True)
class Said(Event):
    text: str
    key: str = ""
    start: float = 0.0
    end: float = 0.0
    cut: bool = False


@dataclass(frozen=True)
class TimerEvent(Event):
    """kind: started, announced, skipped (a cue past its not_after), paused, resumed, changed,
    finished, repeated, acknowledged, expired (repeats ran out), done, cancelled, recovered.
    `scheduled` and `actual` are monotonic times."""

    kind: str
    timer: str
    scheduled: float = 0.0
    actual: float = 0.0
    remaining: float = 0.0
    text: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem(Event):
    """Something went wrong that the session survived (device lost, TTS missing...)."""

    where: str
    message: str
    at: float = 0.0


@dataclass(frozen=True)
class Ignored(Event):
    """An understood request the coach let pass: it answers nothing said to the coach (a "yes"
    when nothing was asked, "pause the timer" when none runs, long after the coach last spoke).
    Most such finals come from a TV or radio in the room."""

    intent: str
    reason: str
    text: str = ""
