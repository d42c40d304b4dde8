"""The seed's heat rule, as a pure function: cold first; heat only if the area is still in spasm
72 hours after it started. Also says a span of hours and days the way people do."""

from __future__ import annotations

from dataclasses import dataclass

from voice.timers.spoken_time import number_words

HEAT_AFTER = 72 * 3600.0


def _count(n: int, unit: str) -> str:
    if n == 1:
        return ("an " if unit[0] in "aeiou" or unit == "hour" else "a ") + unit
    return f"{number_words(n)} {unit}s"


def spoken_span(seconds: float) -> str:
    """A span of hours to days, rounded to the hour: "about two days and five hours",
    "about an hour", "less than an hour"."""
    hours = round(seconds / 3600)
    if hours < 1:
        return "less than an hour"
    days, hours = divmod(hours, 24)
    if days == 0:
        return "about " + _count(hours, "hour")
    if hours == 0:
        return "about " + _count(days, "day")
    return f"about {_count(days, 'day')} and {_count(hours, 'hour')}"


@dataclass(frozen=True)
class HeatAdvice:
    situation: str
    """Reply situation: "no_episode", "too_soon" or "ok"."""
    left: str = ""
    """How long until heat is an option, spoken ("about two days and five hours")."""
    since: str = ""
    """How long ago the episode started, spoken."""


def heat_advice(started_wall: float | None, now_wall: float) -> HeatAdvice:
    if started_wall is None:
        return HeatAdvice("no_episode")
    elapsed = max(0.0, now_wall - started_wall)
    if elapsed >= HEAT_AFTER:
        return HeatAdvice("ok", since=spoken_span(elapsed))
    return HeatAdvice(
        "too_soon", left=spoken_span(HEAT_AFTER - elapsed), since=spoken_span(elapsed)
    )
