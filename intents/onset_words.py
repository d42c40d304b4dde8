"""When it started, read from the words ("it started yesterday", "my back went two days ago").

Pure and offline, like intents.slot_words (which re-exports `parse_onset`). Judgment calls:
"a minute ago", "just now" -> "now"; "over the weekend" -> "2 days"; months, "the other day",
"a while ago" -> None; "after breakfast"/"when I woke up" -> "this morning", "after
lunch"/"this afternoon"/"all afternoon"/"all day"/"tonight" -> "today", "since I got up" -> "this
morning", "all night" -> "last night"; a duration is said in the largest unit it fills
exactly, at most the unit said ("an hour and a half ago" -> "90 minutes").
"""

from __future__ import annotations

from intents.duration_tokens import tokenize
from intents.durations import UNIT_SECONDS, Duration, scan
from intents.normalize import word_set as _set
from intents.quantities import read_integer, token_at

Tokens = tuple[str, ...]

WEEKDAYS = {
    **{day: day for day in _set("monday tuesday wednesday thursday friday saturday sunday")},
    "tues": "tuesday", "weds": "wednesday", "thurs": "thursday",
}  # fmt: skip
ONSET_WORDS = {
    "yesterday": "yesterday", "today": "today", "tonight": "today", "overnight": "last night",
    "weekend": "2 days",
}  # fmt: skip
ONSET_PAIRS = {
    ("last", "night"): "last night", ("the", "night"): "last night", ("last", "week"): "1 weeks",
    ("this", "morning"): "this morning", ("this", "afternoon"): "today",
    ("this", "evening"): "today", ("just", "now"): "now", ("right", "now"): "now",
    ("seconds", "ago"): "now", ("moments", "ago"): "now", ("moment", "ago"): "now",
    ("all", "day"): "today", ("all", "night"): "last night", ("got", "up"): "this morning",
}  # fmt: skip
ONSET_HINTS = {
    "breakfast": "this morning", "woke": "this morning", "morning": "this morning",
    "lunch": "today", "afternoon": "today", "evening": "today", "now": "now",
}  # fmt: skip
"""Weaker than a day said outright: "when I woke up today" is "today"."""
JUST_PAST = _set("went got gave did began caught felt now")
FEW_UNITS = _set("minutes hours days weeks")
"""A time said without a number ("a few days ago") is no timer's duration (intents.durations
reads none), but when it started it is: about three of them."""
ONSET_UNITS = (("weeks", 604800), ("days", 86400), ("hours", 3600), ("minutes", 60))


def parse_onset(text: str) -> str | None:
    """When it started: "N minutes|hours|days|weeks" ago, "now", "today", "this morning",
    "last night", "yesterday" or a weekday; None if the words do not say."""
    tokens = tokenize(text)
    said: list[tuple[int, int, str]] = []  # (strength: lower is stronger, position, value)
    durations, _ = scan(tokens)
    for duration in durations:
        start, end = duration.words
        value = _onset_ago(tokens, duration)
        if value is not None:
            framed = token_at(tokens, end) == "ago" or "been" in tokens[max(0, start - 3) : start]
            said.append(
                (
                    0 if framed or token_at(tokens, start - 1) in ("past", "last") else 1,
                    start,
                    value,
                )
            )
    for i, token in enumerate(tokens):
        pair = ONSET_PAIRS.get((token, token_at(tokens, i + 1)))
        if tokens[i : i + 3] == ("day", "before", "yesterday"):
            said.append((0, i, "2 days"))
        elif token in WEEKDAYS:
            said.append((0, i, WEEKDAYS[token]))
        elif pair is not None:
            said.append((0, i, pair))
        elif token == "few" and token_at(tokens, i + 1) in FEW_UNITS:
            said.append((1, i, f"3 {token_at(tokens, i + 1)}"))  # no amount, but a time ago
        elif token in ONSET_WORDS:
            said.append((0, i, ONSET_WORDS[token]))
        elif token == "since" and _clock_time(tokens, i + 1):
            said.append((1, i, "today"))  # "since about eight", "since half past seven"
        elif token in ONSET_HINTS or (token == "just" and _is_past(token_at(tokens, i + 1))):
            said.append((2, i, ONSET_HINTS.get(token, "now")))
    return min(said)[2] if said else None


CLOCK_LEAD = _set("about around roughly nearly just after before half quarter past to gone")
CLOCK_WORDS = _set("noon midday teatime dinnertime lunchtime")
UNITS_AGO = _set("day days week weeks month months year years")


def _clock_time(tokens: Tokens, i: int) -> bool:
    """Is a time of day said from tokens[i] ("about eight", "half past seven", "noon")? It was
    today, or last night: well inside the 72 hours the coach's advice turns on."""
    while token_at(tokens, i) in CLOCK_LEAD:
        i += 1
    hour = read_integer(tokens, i)
    if hour is None:
        return token_at(tokens, i) in CLOCK_WORDS
    after = token_at(tokens, hour[1])
    return 1 <= hour[0] <= 12 and after not in UNIT_SECONDS and after not in UNITS_AGO


def _is_past(word: str) -> bool:
    """ "it just happened", "my back just went": the "just" of a moment ago."""
    return word.endswith("ed") or word in JUST_PAST


def _onset_ago(tokens: Tokens, duration: Duration) -> str | None:
    """The duration in the largest unit it fills, at most the largest unit said."""
    seconds = duration.seconds
    if seconds < 0:
        return None
    if seconds < 120:
        return "now"
    start, end = duration.words
    said = max((UNIT_SECONDS[t] for t in tokens[start:end] if t in UNIT_SECONDS), default=0)
    for name, size in ONSET_UNITS:
        if size <= said and seconds % size == 0:
            return f"{seconds // size} {name}"
    return None
