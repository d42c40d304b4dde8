"""Test helpers for the coach: a scripted-conversation runner over YAML files. The coach runs
with its real parts (episode store on disk, the real timer desk) on a fake clock."""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from intents.replies import REPLIES_DIR, _load_file
from intents.types import Match
from voice.app.settings import Settings
from voice.app.wiring import build_coach
from voice.clock import FakeClock
from voice.events import Event, Priority, Say, TimerEvent

CONVERSATIONS = Path(__file__).parent / "conversations"
COACH_KEYS = frozenset(_load_file(REPLIES_DIR / "coach.yaml"))


@functools.cache
def load_understand() -> Callable[[str], Match] | None:
    """H1's matcher once it is in the tree, else None (turns then build the Match directly)."""
    if importlib.util.find_spec("intents.matcher") is None:
        return None
    from intents.matcher import load_matcher  # type: ignore[import-not-found,unused-ignore]

    matcher = load_matcher()
    understand: Callable[[str], Match] = matcher.understand
    return understand


@dataclass
class Conversation:
    """A coach on a fresh store, a fake clock and a desk, driven turn by turn."""

    state_dir: Path
    clock: FakeClock = field(default_factory=FakeClock)
    understand: Callable[[str], Match] | None = None

    def __post_init__(self) -> None:
        self.parts = build_coach(Settings(self.state_dir))
        self.coach, self.store, self.desk = self.parts.coach, self.parts.store, self.parts.desk
        self.started = self.coach.start(self.clock.now())

    def match(self, text: str, intent: str, slots: dict[str, Any] | None = None) -> Match:
        if self.understand is None:
            return Match(text, intent, slots or {}, 1.0)
        match = self.understand(text)
        assert match.intent == intent, f"{text!r} understood as {match.intent}, not {intent}"
        for name, value in (slots or {}).items():
            assert match.slots.get(name) == value, f"{text!r}: slot {name}={match.slots}"
        return match

    def say(self, text: str, intent: str, slots: dict[str, Any] | None = None) -> list[Event]:
        return self.coach.handle(self.match(text, intent, slots), self.clock.now())

    def advance(self, seconds: float) -> list[Event]:
        """Step the clock to `seconds` later, ticking at every deadline on the way."""
        target = self.clock.mono + seconds
        events: list[Event] = []
        while (deadline := self.coach.next_deadline()) is not None and deadline <= target:
            self.clock.advance(max(0.0, deadline - self.clock.mono))
            events += self.coach.tick(self.clock.now())
        self.clock.advance(target - self.clock.mono)
        return events + self.coach.tick(self.clock.now())

    def close(self) -> None:
        self.parts.close()


def says(events: list[Event]) -> list[Say]:
    return [e for e in events if isinstance(e, Say)]


def first_sentence(text: str) -> str:
    """ "Call emergency services now. This needs..." -> "Call emergency services now."."""
    return re.split(r"(?<=[.?!])\s", text, maxsplit=1)[0]


def check(conv: Conversation, events: list[Event], expect: dict[str, Any], where: str) -> None:
    said = says(events)
    text = " ".join(s.text for s in said)
    if "says" in expect:
        keys = [s.key for s in said if s.key in COACH_KEYS]
        assert keys == expect["says"], f"{where}: coach said {keys}: {text!r}"
    for words in expect.get("contains", []):
        assert words.lower() in text.lower(), f"{where}: {words!r} not in {text!r}"
    for words in expect.get("not_contains", []):
        assert words.lower() not in text.lower(), f"{where}: {words!r} in {text!r}"
    if "types" in expect:
        types = [type(e).__name__ for e in events if not isinstance(e, TimerEvent)]
        assert types[: len(expect["types"])] == expect["types"], f"{where}: events {types}"
    if "priority" in expect:
        assert said and said[0].priority == Priority[expect["priority"].upper()], where
    if expect.get("only_safety"):
        assert said and all(s.priority == Priority.SAFETY for s in said), f"{where}: {said}"
    if "offer" in expect:
        assert conv.coach.pending_offer == expect["offer"], f"{where}: offer"
    if "active" in expect:
        assert sorted(conv.desk.active()) == sorted(expect["active"]), f"{where}: active"
    if "timer_events" in expect:
        kinds = {e.kind for e in events if isinstance(e, TimerEvent)}
        assert set(expect["timer_events"]) <= kinds, f"{where}: timer events {kinds}"


def run_file(path: Path, conv: Conversation) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for n, turn in enumerate(data["turns"], start=1):
        where = f"{path.name} turn {n}"
        if "advance" in turn:
            events = conv.advance(float(turn["advance"]))
        else:
            assert isinstance(turn["intent"], str), f"{where}: quote the intent (YAML reads yes/no)"
            events = conv.say(str(turn["text"]), turn["intent"], turn.get("slots"))
        check(conv, events, turn.get("expect", {}), where)
