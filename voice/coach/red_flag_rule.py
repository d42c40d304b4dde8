"""Which red flag means "call emergency services now" and which "see a professional soon".
A pure rule on the understood words, like voice.coach.heat_rule."""

from __future__ import annotations

from intents.types import Match

EMERGENCY_SYMPTOMS = frozenset({"bladder", "bowel"})
"""Symptom slot values that mean "call emergency services now" (the rest: see a professional)."""
EMERGENCY_WORDS = ("bladder", "bowel", "incontinen", "wet myself")
"""The same, looked for in the words when the match carries no symptom slot."""
FALL_WEAKNESS_WORDS = ("weak", "can't move", "cannot move", "can't get up", "can't feel")
"""A fall is an emergency only with weakness; a fall alone means: get it checked."""


def symptom_of(match: Match) -> str:
    """The symptom slot, lower case ("" if the match carries none)."""
    return str(match.slots.get("symptom", "")).lower()


def is_emergency(match: Match) -> bool:
    """A RedFlag match that needs emergency services now."""
    symptom = symptom_of(match)
    said = match.text.lower()
    if symptom:  # the matcher reports the most urgent symptom said
        emergency = symptom in EMERGENCY_SYMPTOMS
    else:
        emergency = any(word in said for word in EMERGENCY_WORDS)
    if symptom == "fall" or "fell" in said.split():
        emergency = emergency or any(word in said for word in FALL_WEAKNESS_WORDS)
    return emergency
