"""When the spasm started, and the heat rule read from it. Pure functions on wall time.

The matcher's `onset` slot ("26 hours", "4 days", "now", "today", "this morning", "last
night", "yesterday", "monday", "last week"; digits or number words) becomes a start time. A
span ("26 hours") is exact. A day or part of a day is not: it is taken at its latest plausible
time ("yesterday" = the end of yesterday), so the 72-hour rule errs toward cold, and it is said
back in the person's words on the day it was said ("It started yesterday"), later as a span.

A spasm reported without a start is taken to have started when reported. Asked about heat in
the first hour after such a report, the coach asks "When did it start?" instead of saying "it
started less than an hour ago", which nobody said.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from intents.numbers import read_number
from voice.coach.episode import Episode
from voice.coach.heat_rule import HeatAdvice, heat_advice, spoken_span
from voice.timers.spoken_time import number_words

ASK_WITHIN = 3600.0
"""Asked about heat this soon after a spasm reported without a start: ask when it started."""
SPAN_WORDS_UNTIL = 14 * 24 * 3600.0
"""Longer ago than this is said as "more than two weeks ago"."""
UNIT_SECONDS = {"minute": 60.0, "hour": 3600.0, "day": 86400.0, "week": 7 * 86400.0}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NOW_WORDS = frozenset({"now", "just now", "right now", "a moment ago"})


@dataclass(frozen=True)
class OnsetTime:
    started: float
    """Wall time the spasm started (the latest plausible time for a day)."""
    spoken: str
    """Said back: "just now", "twenty-six hours ago", "yesterday", "on Monday"."""
    exact: bool
    """A span or "now": later answers may work out "about ... ago" from `started`."""


def parse_onset(value: object, now_wall: float) -> OnsetTime | None:
    """The start an onset slot says, seen at `now_wall`; None if it says nothing we know."""
    said = " ".join(str(value).lower().replace("-", " ").replace("ago", " ").split())
    if said.startswith("on "):
        said = said[3:]
    if said in NOW_WORDS:
        return OnsetTime(now_wall, "just now", True)
    today = _midnight(now_wall)
    if said in ("today", "this morning"):
        latest = today + (12 * 3600 if said == "this morning" else 24 * 3600)
        return OnsetTime(min(now_wall, latest), said, False)
    if said in ("yesterday", "last night"):
        return OnsetTime(min(now_wall, today), said, False)
    if said in WEEKDAYS:
        back = (datetime.fromtimestamp(now_wall).weekday() - WEEKDAYS.index(said)) % 7
        end = _midnight(today - (back - 1) * 86400.0) if back else today + 86400.0
        return OnsetTime(min(now_wall, end), "on " + said.capitalize(), False)
    if said == "last week":
        return OnsetTime(now_wall - UNIT_SECONDS["week"], said, False)
    return _span(said.split(), now_wall)


def _span(words: list[str], now_wall: float) -> OnsetTime | None:
    if len(words) < 2:
        return None
    unit = words[-1].removesuffix("s")
    if unit not in UNIT_SECONDS:
        return None
    head = words[:-1]
    if head in (["a"], ["an"], ["one"]):
        n = 1
    elif len(head) == 1 and head[0].isdigit():
        n = int(head[0])
    else:
        number = read_number(head, 0)
        if number is None or number[1] != len(head):
            return None
        n = number[0]
    article = "an" if unit == "hour" else "a"
    amount = f"{article} {unit}" if n == 1 else f"{number_words(n)} {unit}s"
    return OnsetTime(now_wall - n * UNIT_SECONDS[unit], f"{amount} ago", True)


def _midnight(wall: float) -> float:
    """The start of `wall`'s local day."""
    day = datetime.fromtimestamp(wall).replace(hour=0, minute=0, second=0, microsecond=0)
    return day.timestamp()


def heat_for(episode: Episode | None, now_wall: float) -> HeatAdvice:
    """The heat rule for the latest episode (whatever its age): "no_episode", "ask" (when did
    it start? `left` at the most, counted from the report), "too_soon" or "ok", with `since`
    ("about four days ago", "yesterday") and `left` filled in."""
    if episode is None:
        return HeatAdvice("no_episode")
    if episode.onset is None and now_wall - episode.reported < ASK_WITHIN:
        return HeatAdvice("ask", left=heat_advice(episode.reported, now_wall).left)
    advice = heat_advice(episode.started, now_wall)
    since = spoken_since(episode, now_wall)
    onset = parse_onset(episode.onset, episode.reported) if episode.onset else None
    left = advice.left
    if onset is not None and not onset.exact and advice.left:
        days = max(1, round((episode.started + 72 * 3600 - now_wall) / 86400))
        left = "about " + ("a day" if days == 1 else f"{number_words(days)} days")
    return replace(advice, since=since, left=left)


def spoken_since(episode: Episode, now_wall: float) -> str:
    """When it started, said: the person's own words on the day they said them ("yesterday"),
    else a span ("about four days ago")."""
    onset = parse_onset(episode.onset, episode.reported) if episode.onset else None
    if onset is not None and not onset.exact and _midnight(now_wall) == _midnight(episode.reported):
        return onset.spoken
    elapsed = max(0.0, now_wall - episode.started)
    if elapsed >= SPAN_WORDS_UNTIL:
        return "more than two weeks ago"
    return spoken_span(elapsed) + " ago"
