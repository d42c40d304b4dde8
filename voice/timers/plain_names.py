"""What plain timers are called, and which ones "the timer" could mean. Pure.

A plain timer takes the user's own word ("set a pasta timer": pasta), else "timer"; a second
unnamed one of another length, started while "timer" runs, is called by its length
("ten-minute") and runs beside it. With two such timers "the timer" names neither for sure:
the desk asks which (or, for the time left, tells both).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from intents.types import SlotValue
from voice.timers.spoken_time import as_adjective, say_duration
from voice.timers.timer import own_name


def new_plain_name(
    slots: Mapping[str, SlotValue], duration: float, running: Mapping[str, float]
) -> str:
    """The name a new plain timer runs under, given the running timers' lengths by name: its own
    word, "timer", or its length beside a "timer" of another length."""
    name = slots.get("timer")
    if own_name(name):
        return name
    first = running.get("timer")
    return as_adjective(say_duration(duration)) if first not in (None, duration) else "timer"


def unnamed(names: Iterable[str]) -> list[str]:
    """The running plain timers the user did not name ("timer", "ten-minute"), oldest first."""
    return [name for name in names if name == "timer" or "-" in name]
