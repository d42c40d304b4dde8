"""Numbers and durations the way people say them aloud: "five", "about two and a half minutes".

Pure functions, no I/O. Everything the timers say goes through here, so no digit is ever spoken.
The word lists are `intents.numbers`' (what the matcher reads back); here numbers are written
the way they are said aloud: hyphenated tens, "and" after hundreds, and any size.
"""

from __future__ import annotations

import math

from intents.numbers import ONES, TENS

_SCALES = (
    (1_000_000_000, "billion"),
    (1_000_000, "million"),
    (1_000, "thousand"),
    (100, "hundred"),
)


def number_words(n: int) -> str:
    """0 -> "zero", 45 -> "forty-five", 900 -> "nine hundred", -5 -> "minus five"."""
    if n < 0:
        return "minus " + number_words(-n)
    if n < 20:
        return ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return TENS[tens] + (f"-{ONES[ones]}" if ones else "")
    for scale, name in _SCALES:
        if n >= scale:
            big, rest = divmod(n, scale)
            head = f"{number_words(big)} {name}"
            if not rest:
                return head
            joiner = " and " if rest < 100 else " "
            return head + joiner + number_words(rest)
    raise AssertionError("unreachable")


def _unit(n: int, word: str) -> str:
    return f"{number_words(n)} {word}" + ("" if n == 1 else "s")


def _rounded(seconds: int) -> int:
    """Round to the precision people use: exact up to 20 s, then 5 s, half minutes below ten
    minutes, whole minutes below an hour, five minutes below ten hours, then whole hours."""
    if seconds <= 20:
        return seconds
    if seconds < 60:
        return min(60, 5 * round(seconds / 5))
    if seconds < 600:
        return 30 * round(seconds / 30)
    if seconds < 3600:
        return 60 * round(seconds / 60)
    if seconds < 36000:
        return 300 * round(seconds / 300)
    return 3600 * round(seconds / 3600)


def _minutes_phrase(minutes: int, half: bool) -> str:
    if not half:
        return _unit(minutes, "minute")
    if minutes == 0:
        return "half a minute"
    if minutes == 1:
        return "a minute and a half"
    return f"{number_words(minutes)} and a half minutes"


def _exact_phrase(seconds: int) -> str:
    if seconds < 60:
        return _unit(seconds, "second")
    if seconds < 3600:
        minutes, rest = divmod(seconds, 60)
        if rest == 30:
            return _minutes_phrase(minutes, half=True)
        if rest == 0:
            return _unit(minutes, "minute")
        return f"{_unit(minutes, 'minute')} and {_unit(rest, 'second')}"
    hours, rest = divmod(seconds, 3600)
    minutes = rest // 60
    if minutes == 30 and rest % 60 == 0:
        return "an hour and a half" if hours == 1 else f"{number_words(hours)} and a half hours"
    if minutes == 0:
        return _unit(hours, "hour")
    return f"{_unit(hours, 'hour')} and {_unit(minutes, 'minute')}"


def say_duration(seconds: float) -> str:
    """A duration as people say it: 20 -> "twenty seconds", 60 -> "one minute",
    150 -> "two and a half minutes", 147 -> "about two and a half minutes",
    3_240_000 -> "nine hundred hours". Fractions round up to the next second (a timer showing
    4.2 s left still has five seconds to go); negative values are said as zero."""
    whole = max(0, math.ceil(seconds - 1e-9))
    rounded = _rounded(whole)
    phrase = _exact_phrase(rounded)
    if rounded == whole:
        return phrase
    for exact, loose in (("one minute", "a minute"), ("one hour", "an hour")):
        if phrase.startswith(exact):
            phrase = loose + phrase[len(exact) :]
    return "about " + phrase


def say_soon(seconds: float) -> str:
    """How long until the next step of a routine, to the nearest second as people say it:
    under half a second "a moment", about one second "a second", 2.6 -> "three seconds", and
    longer spans as `say_duration`. For the short phases of a stretch, where rounding up would
    make "0.2 s to go" sound like "one second"."""
    if seconds < 0.5:
        return "a moment"
    if seconds < 1.5:
        return "a second"
    return say_duration(math.floor(seconds + 0.5))


def length_name(seconds: float) -> str:
    """A length as said before "timer": 600 -> "ten-minute"."""
    return as_adjective(say_duration(seconds))


def as_adjective(spoken: str) -> str:
    """A duration as said before "timer": "five minutes" -> "five-minute"."""
    units = {"minutes": "minute", "seconds": "second", "hours": "hour"}
    return "-".join(units.get(word, word) for word in spoken.split())
