"""The result of understanding one utterance: the public contract of `backcoach parse`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

UNKNOWN = "Unknown"

SlotValue = str | int


@dataclass(frozen=True)
class Match:
    """One understood utterance.

    `slots` use the public names: area (back/neck), duration (whole seconds), reps,
    timer (ice/stretch/timer), symptom. `confidence` is 0..1: 1.0 for an exact template
    match, lower for the tolerant fallback, 0.0 for Unknown.
    """

    text: str
    intent: str
    slots: Mapping[str, SlotValue] = field(default_factory=dict)
    confidence: float = 1.0

    @property
    def understood(self) -> bool:
        return self.intent != UNKNOWN

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "intent": self.intent,
            "slots": dict(self.slots),
            "confidence": round(self.confidence, 3),
        }

    @staticmethod
    def unknown(text: str) -> Match:
        return Match(text=text, intent=UNKNOWN, slots={}, confidence=0.0)
