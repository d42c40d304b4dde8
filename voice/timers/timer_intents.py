"""Which intents are timer commands, and how their slots are read: the words of the timer
room that the coach needs too (voice.coach.coach asks whether an intent is one of them). Pure."""

from __future__ import annotations

from collections.abc import Mapping

from intents.types import SlotValue

START_INTENTS = {"StartIce": "ice", "StartStretch": "stretch", "StartTimer": "timer"}
COMMAND_INTENTS = (
    "TimerStatus",
    "PauseTimer",
    "ResumeTimer",
    "CancelTimer",
    "AddTime",
    "RemoveTime",
)
TIMER_INTENTS = (*START_INTENTS, *COMMAND_INTENTS)


def whole_number(value: object) -> int | None:
    """A slot as whole seconds or a count; None if missing or not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        return int(value)
    except ValueError:
        return None


CHANGE_INTENTS = ("AddTime", "RemoveTime")


def naming_length(intent: str, slots: Mapping[str, SlotValue]) -> int | None:
    """The length said to name a timer ("cancel the ten minute timer": 600): the duration of a
    command, but for a change the `length` beside its amount ("add two minutes to the ten
    minute timer"); None if none was said."""
    said = slots.get("length" if intent in CHANGE_INTENTS else "duration")
    return whole_number(said) if said is not None else None
