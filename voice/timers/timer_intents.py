"""Which intents are timer commands, and how their slots are read: the words of the timer
room that the coach needs too (voice.coach.coach asks whether an intent is one of them). Pure."""

from __future__ import annotations

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
