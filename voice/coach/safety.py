"""The safety tiers, as a pure rule on the understood words: which symptom means "call emergency
services now", which "get this checked by a professional as soon as you can", and the reply
each one gets (action first, then at most one sentence of why). Also what the coach says about
a red flag later: on the next start, and while the episode stays flagged.

Tiers (issue 16): emergency (chest pain, breathing, stroke signs, a head injury, loss of
bladder or bowel control, numbness between the legs, legs that cannot move, an overdose,
suicidal words, asking for an ambulance) > professional (numbness, tingling, weakness, pain
running down a limb, a fall, fever, pregnancy, a history of cancer, unexplained weight loss,
night pain, pain worsening over weeks, an accident without a head injury) > self-care.
"""

from __future__ import annotations

from dataclasses import dataclass

from intents.types import Match

EMERGENCY, PROFESSIONAL = "emergency", "professional"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


EMERGENCY_SYMPTOMS = _words(
    "chest breathing stroke head_injury bladder_bowel saddle paralysis overdose suicide ambulance"
)
RED_FLAG_SYMPTOMS = _words(
    "numbness tingling weakness radiating fall fever pregnancy cancer weight_loss night_pain "
    "worsening accident"
)
NERVE_SIGNS = frozenset({"numbness", "tingling", "weakness"})
"""The seed's own warning signs: their red-flag reply is plain "RedFlag"."""
OLD_SYMPTOMS = {"bladder": "bladder_bowel", "bowel": "bladder_bowel", "shooting": "radiating"}
"""Symptom values an older matcher sends, and what they are now."""

EMERGENCY_WORDS = ("bladder", "bowel", "incontinen", "wet myself")
"""A RedFlag without a symptom slot whose words say this is a loss of bladder or bowel control."""
FALL_WEAKNESS_WORDS = ("weak", "can't move", "cannot move", "can't get up", "can't feel")
"""A fall with weakness (an older matcher's RedFlag{fall}): kept as an emergency."""
OVERDOSE_COUNT = 4
"""More tablets than this said taken at once ("I took 10 advil") is the overdose emergency."""

SAFETY_REPLIES = frozenset(
    {"RedFlag", "RedFlag.emergency", "Emergency"}
    | {f"Emergency.{symptom}" for symptom in EMERGENCY_SYMPTOMS}
    | {f"RedFlag.{symptom}" for symptom in RED_FLAG_SYMPTOMS if symptom not in NERVE_SIGNS}
)
"""Replies said whole, before anything else (Priority.SAFETY): the escalations."""
SAFETY_KEYS = (
    *sorted(SAFETY_REPLIES),
    "Flagged.emergency",
    "Flagged.suicide",
    "Flagged.professional",
    "Reminder",
    "Reminder.suicide",
)
"""Every reply key this module's rules name."""

SPOKEN_SYMPTOM = {
    "chest": "chest pain",
    "breathing": "trouble breathing",
    "stroke": "signs of a stroke",
    "head_injury": "a head injury",
    "bladder_bowel": "losing control of your bladder or bowels",
    "saddle": "numbness between your legs",
    "paralysis": "not being able to move your legs",
    "overdose": "taking too many pills",
    "ambulance": "needing an ambulance",
    "radiating": "pain running down your arm or leg",
    "fall": "a fall",
    "fever": "a fever",
    "pregnancy": "being pregnant",
    "cancer": "a history of cancer",
    "weight_loss": "weight loss",
    "night_pain": "pain at night",
    "worsening": "pain getting worse",
    "accident": "an accident",
}
"""How a symptom is named in "Last time you mentioned {symptom}." (default: its own name)."""


@dataclass(frozen=True)
class Escalation:
    tier: str
    """EMERGENCY or PROFESSIONAL."""
    symptom: str
    """The symptom, in the tier lists' names ("" if none was named)."""
    key: str
    """The reply to say."""


def symptom_of(match: Match) -> str:
    """The symptom slot, lower case, old values renamed ("" if the match carries none)."""
    symptom = str(match.slots.get("symptom", "")).lower()
    return OLD_SYMPTOMS.get(symptom, symptom)


def escalation(match: Match) -> Escalation | None:
    """What an Emergency, RedFlag or PainRelief match escalates to (None: not an escalation)."""
    symptom = symptom_of(match)
    if match.intent == "PainRelief":
        return _emergency("overdose") if tablets(match) > OVERDOSE_COUNT else None
    if match.intent == "Emergency" or symptom in EMERGENCY_SYMPTOMS:
        return _emergency(symptom)
    if match.intent != "RedFlag":
        return None
    said = match.text.lower()
    if not symptom and any(word in said for word in EMERGENCY_WORDS):
        return _emergency("bladder_bowel")
    fell = symptom == "fall" or "fell" in said.split()
    if fell and any(word in said for word in FALL_WEAKNESS_WORDS):
        return Escalation(EMERGENCY, "fall", "RedFlag.emergency")
    if symptom in RED_FLAG_SYMPTOMS and symptom not in NERVE_SIGNS:
        return Escalation(PROFESSIONAL, symptom, f"RedFlag.{symptom}")
    return Escalation(PROFESSIONAL, symptom, "RedFlag")


def _emergency(symptom: str) -> Escalation:
    key = f"Emergency.{symptom}" if symptom in EMERGENCY_SYMPTOMS else "Emergency"
    return Escalation(EMERGENCY, symptom, key)


def tablets(match: Match) -> int:
    """The number of tablets said taken ("I took 10 advil" -> 10), 0 if none was said."""
    value = match.slots.get("count", 0)
    try:
        return int(value)
    except ValueError:
        return 0


def asks_dose(match: Match) -> bool:
    """A PainRelief that asks how many, how often, or "can I take two"."""
    return str(match.slots.get("asks_dose", "")).lower() in ("true", "1", "yes")


def flagged_key(tier: str, symptom: str) -> str:
    """What "what now" leads with while the episode is flagged."""
    if symptom == "suicide":
        return "Flagged.suicide"
    return "Flagged.emergency" if tier == EMERGENCY else "Flagged.professional"


def reminder(symptom: str) -> tuple[str, dict[str, str]]:
    """The reply key and values that remind of a red flag from an earlier session."""
    if symptom == "suicide":
        return "Reminder.suicide", {}
    spoken = SPOKEN_SYMPTOM.get(symptom, symptom.replace("_", " ")) or "a warning sign"
    return "Reminder", {"symptom": spoken}
