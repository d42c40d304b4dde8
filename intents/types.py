"""The result of understanding one utterance: the public contract of `backcoach parse`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

UNKNOWN = "Unknown"
UNSURE = "Unsure"
"""Two meanings were close: `alternatives` holds them, likelier first, and the coach asks."""

EMERGENCY_CONCERN = "emergency"
"""`Match.concern` of an Unknown sentence that may still say an emergency (intents.concern)."""

SlotValue = str | int


@dataclass(frozen=True)
class Match:
    """One understood utterance.

    `intent` "Unsure": two meanings were close; `alternatives` holds both, likelier first,
    for the coach to ask which (and `slots` is empty).
    `slots` use the public names: area (back/neck), duration (whole seconds), reps,
    timer (ice/stretch/timer), symptom. `confidence` is 0..1: 1.0 for an exact template
    match, lower for the tolerant fallback, 0.0 for Unknown.
    `concern` "emergency": an Unknown sentence that may still say one (intents.concern); the
    coach then says to call emergency services if it is one.
    """

    text: str
    intent: str
    slots: Mapping[str, SlotValue] = field(default_factory=dict)
    confidence: float = 1.0
    alternatives: tuple[Match, ...] = ()
    concern: str = ""

    @property
    def understood(self) -> bool:
        """Understood well enough to act on: not Unknown, nor Unsure between two meanings."""
        return self.intent not in (UNKNOWN, UNSURE)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "intent": self.intent,
            "slots": dict(self.slots),
            "confidence": round(self.confidence, 3),
        }
        if self.alternatives:
            out["alternatives"] = [a.to_json() for a in self.alternatives]
        if self.concern:
            out["concern"] = self.concern
        return out

    @staticmethod
    def unknown(text: str) -> Match:
        return Match(text=text, intent=UNKNOWN, slots={}, confidence=0.0)
