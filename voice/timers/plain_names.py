"""What plain timers are called, and which ones a name could mean. Pure.

A plain timer takes the user's own word ("set a pasta timer": pasta), else "timer". A second
one under a name that runs with another length is called by its length and runs beside it:
"ten-minute" beside "timer", "ten-minute pasta" beside "pasta" (one of the same length starts
the first again). With two of a name, the name alone says neither for sure: the desk asks
which (or, for the time left, tells each), and the length said with it picks one ("cancel the
ten minute pasta timer").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from intents.types import SlotValue
from voice.timers.spoken_time import length_name
from voice.timers.timer import own_name


def new_plain_name(
    slots: Mapping[str, SlotValue], duration: float, running: Mapping[str, float]
) -> str:
    """The name a new plain timer runs under, given the running timers' lengths by name: its own
    word or "timer", or that with its length before it beside one of another length."""
    said = slots.get("timer")
    name = said if own_name(said) else "timer"
    if running.get(name) in (None, duration):
        return name
    length = length_name(duration)
    return length if name == "timer" else f"{length} {name}"


def family_name(name: str) -> str:
    """The name a timer was asked for under: "ten-minute" -> "timer", "ten-minute pasta" ->
    "pasta", "pasta" -> "pasta"."""
    if " " in name:
        return name.split(" ", 1)[1]
    return "timer" if "-" in name else name


def same_named(names: Iterable[str], asked: str) -> list[str]:
    """The running timers `asked` could mean, oldest first: "timer" -> the plain ones the user
    did not name ("timer", "ten-minute"); "pasta" -> "pasta", "ten-minute pasta"."""
    return [name for name in names if family_name(name) == asked]


def of_length(names: Iterable[str], lengths: Mapping[str, float], seconds: int) -> list[str]:
    """Those of `names` said with this length: called by it ("ten-minute pasta"), or the first
    of its name when it runs that long."""
    spoken = length_name(seconds)

    def said_with(name: str) -> bool:
        if family_name(name) == name:  # the first of its name
            return lengths.get(name) == seconds
        return name.split(" ")[0] == spoken

    return [name for name in names if said_with(name)]


def meant(family: list[str], lengths: Mapping[str, float], seconds: int | None) -> list[str]:
    """Which of two or more timers of a name a command means: the one the length said with it
    names, else all of them."""
    picked = of_length(family, lengths, seconds) if seconds is not None else []
    return picked if len(picked) == 1 else family
