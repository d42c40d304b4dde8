"""Durations read from the words: "five minutes", "an hour and a half", "2 hours 30 minutes".

Pure and offline, part of the slot parsers (`intents.slot_words` re-exports it). A value is
only ever read from the words, never guessed: a unit whose number cannot be read ("banana
minutes", "infinity minutes"), a range ("five or ten minutes"), a number without a unit ("add
five") or a part of a second ("half a second") is `Unreadable`, so the caller can refuse or
ask. Values are not range-checked: "nine hundred ninety nine thousand hours" is read exactly
and the caller refuses it aloud.

Every parser takes the raw text and tokenises it with `tokenize` (intents.duration_tokens;
the token spans in a `Duration` index that tuple).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from intents.duration_tokens import tokenize
from intents.normalize import SIGNED_AFTER, SIGNS, word_set
from intents.quantities import and_a_part, read_integer, read_quantity, skip, token_at

UNIT_SECONDS = {
    "second": 1, "seconds": 1, "minute": 60, "minutes": 60, "hour": 3600, "hours": 3600,
    "day": 86400, "days": 86400, "week": 604800, "weeks": 604800,
}  # fmt: skip
TIMER_WORDS = frozenset({"timer", "countdown"})
REP_WORDS = word_set(
    "times reps rep rounds round holds hold sets set repetitions repetition cycles repeats goes"
)
TAIL_STOPS = frozenset({"timers", "countdowns", "of", "more", "and", "or", "to", "point"})
MODIFIERS = word_set("more extra additional other whole full")
"""Between a number and its unit: "three more minutes", "an extra minute"."""

NO_NUMBER = word_set(
    """
    the a an my your our their his her its this that these those what which how many much
    some several few any no all every each per both enough more less fewer most couple lot
    of for in on at by to from into within after before over under about around than and or
    but so then if is are was were be been being it's it has have had do does did will would
    can could should i i'm you we they me us them left remaining long short whole full extra
    last next first final same other another additional spare entire those add take took takes
    taking give set start need want spend spent wait waited lasts lasted lasting few hours
    minutes seconds days weeks hour minute second day week plus minus
    """
)
"""Words that may stand before a unit without being its number: "how many minutes", "the
second timer", "for hours". Any other word there is an unreadable number ("banana minutes")."""

_RANGE_WORDS = frozenset({"or", "to"})
ARTICLES = word_set("a an the this that my your every each one last next")


@dataclass(frozen=True)
class Duration:
    """Whole seconds, and the token span [start, end) of `tokenize(text)` it was read from."""

    seconds: int
    words: tuple[int, int]


@dataclass(frozen=True)
class Unreadable:
    """A duration was said but cannot be read; the reason is for logs and tests."""

    reason: str


def parse_duration(text: str) -> Duration | None:
    """The duration said, or None (none said, or one that cannot be read)."""
    found = parse_duration_status(text)
    return found if isinstance(found, Duration) else None


TWO_AMOUNTS = "two amounts said"


def says_two_amounts(text: str) -> bool:
    """Are two different amounts of time said, besides one naming a timer ("add a minute,
    actually a minute and a half"; not "add five minutes to the ten minute timer")?"""
    found = parse_duration_status(text)
    return isinstance(found, Unreadable) and found.reason.startswith(TWO_AMOUNTS)


def parse_duration_status(text: str) -> Duration | Unreadable | None:
    """The duration said; Unreadable when one was said that cannot be read; None if none.

    With several durations, the one that does not name a timer: "add five minutes to the
    ten minute timer" -> 300 ("ten minute" is followed by "timer", see `Duration.words`). Two
    different amounts ("add a minute, or maybe two minutes") are Unreadable: which one was
    meant is asked, never guessed (a self-repair the matcher reads is intents.repairs')."""
    tokens = tokenize(text)
    found, unreadable = scan(tokens)
    if unreadable is not None:
        return unreadable
    amounts = [d for d in found if not names_timer(tokens, d)]
    if len({d.seconds for d in amounts}) > 1:  # one told of ("48 minutes left") is no amount
        amounts = [d for d in amounts if token_at(tokens, d.words[1]) not in DESCRIBED] or amounts
    if len({d.seconds for d in amounts}) > 1:  # "add a minute, actually a minute and a half"
        return Unreadable(f"{TWO_AMOUNTS}: {amounts[0].seconds} and {amounts[1].seconds} s")
    if found:
        return amounts[0] if amounts else found[0]
    stray = _stray_number(tokens)
    return Unreadable(f"a number without a unit: {stray!r}") if stray else None


DESCRIBED = word_set("left remaining ago old over overdue late early since already gone")
"""Words after an amount that tell of something rather than ask for it: "machine says 48
minutes left, take half an hour off the laundry timer", "she's 3 days over"."""


VAGUE_AMOUNTS = word_set("few several some bit little while")
VAGUE_UNITS = frozenset(UNIT_SECONDS) | word_set("time longer shorter more less")


def says_vague_amount(text: str) -> bool:
    """Whether an amount of time is said without a number: "a few more minutes", "some more
    time", "a bit longer". No duration is made up for it ("a few" is no 3): the intent is kept
    without one, and the timer desk asks how long."""
    tokens = tokenize(text)
    return any(
        t in VAGUE_AMOUNTS and VAGUE_UNITS & set(tokens[i + 1 : i + 3])
        for i, t in enumerate(tokens)
    )


def names_timer(tokens: tuple[str, ...], duration: Duration) -> bool:
    """Whether the duration names a timer ("the five minute timer", "the five minute one", "the
    ten minute pasta timer") rather than being an amount."""
    after = duration.words[1]
    if token_at(tokens, after) in NOT_A_NAME or not token_at(tokens, after).isalpha():
        return False
    return any(
        token_at(tokens, i) in TIMER_WORDS or token_at(tokens, i) == "one"
        for i in (after, after + 1)
    )


NOT_A_NAME = word_set(
    "of on onto to the a an more extra off for and or left in into from with my your this that at"
)
"""Words after an amount that start what follows it, no timer's own name: "add five minutes to
the timer", "five more minutes on the timer"."""


def named_after_for(tokens: tuple[str, ...], duration: Duration) -> bool:
    """Is the duration said after "timer for" ("the timer for five minutes")? Home Assistant's
    "cancel timer for 5 minutes" cancels the five-minute timer."""
    start = duration.words[0]
    return token_at(tokens, start - 1) == "for" and token_at(tokens, start - 2) in TIMER_WORDS


def scan(tokens: tuple[str, ...]) -> tuple[list[Duration], Unreadable | None]:
    """Every duration in order, and the first reason one could not be read (if any)."""
    found: list[Duration] = []
    used = [False] * len(tokens)
    unreadable: Unreadable | None = None
    i = 0
    while i < len(tokens):
        read = _duration_at(tokens, i)
        if read is None:
            i += 1
            continue
        seconds, end = read
        if token_at(tokens, i - 1) == "point":
            unreadable = unreadable or Unreadable("a decimal point before the number")
        elif seconds.denominator != 1:
            unreadable = unreadable or Unreadable(f"not whole seconds: {seconds} s")
        elif _is_range(tokens, i, end):
            unreadable = unreadable or Unreadable("a range, not one duration")
        else:
            found.append(Duration(int(seconds), (i, end)))
        used[i:end] = [True] * (end - i)
        i = end
    for j, token in enumerate(tokens):
        if token in UNIT_SECONDS and not used[j] and unreadable is None:
            word = _word_before_unit(tokens, j)
            if word is not None:
                unreadable = Unreadable(f"cannot read {word!r} as a number of {token}")
    return found, unreadable


def _duration_at(tokens: tuple[str, ...], i: int) -> tuple[Fraction, int] | None:
    """(seconds, index after) of a duration starting at tokens[i], or None."""
    sign, start = 1, i
    if token_at(tokens, i) in SIGNS and token_at(tokens, i - 1) in SIGNED_AFTER:
        sign, start = -1, i + 1  # "add minus five minutes"; "the ice minus ..." is the verb
    quantity = read_quantity(tokens, start)
    if quantity is None and token_at(tokens, start) in ("hour", "minute") and sign == 1:
        # "the hour and a half timer", "freeze the hour timer": one, though unsaid
        half = and_a_part(tokens, start + 1) is not None
        timer = token_at(tokens, start + 1) in TIMER_WORDS
        timer = timer and token_at(tokens, start - 1) in ("the", "that", "this")
        quantity = (Fraction(1), start) if half or timer else None
    if quantity is None:
        return None
    value, j = quantity
    while token_at(tokens, j) in MODIFIERS:
        j += 1
    unit = UNIT_SECONDS.get(token_at(tokens, j))
    if unit is None or _is_idiom(tokens, start, j):
        return None
    total = value * unit
    j += 1
    part = and_a_part(tokens, j)  # "an hour and a half"
    if part is not None:
        total, j = total + part[0] * unit, part[1]
    while True:  # "2 hours 30 minutes", "one hour and fifteen minutes", "1 hour 30"
        k = skip(tokens, j, ("and",))
        smaller = read_quantity(tokens, k) if token_at(tokens, k) != "another" else None
        if smaller is None:
            break
        smaller_value, m = smaller
        smaller_unit = UNIT_SECONDS.get(token_at(tokens, m))
        if smaller_unit is not None and smaller_unit < unit:
            total, j, unit = total + smaller_value * smaller_unit, m + 1, smaller_unit
        elif (
            smaller_unit is None
            and unit in (60, 3600)
            and _bare_tail(tokens, k, m)
            and not _said_again(value, smaller_value)
        ):
            total, j = total + smaller_value * (unit // 60), m
            break
        else:
            break
    return sign * total, j


def _said_again(value: Fraction, tail: Fraction) -> bool:
    """Is the bare number after a unit the amount said again ("five minutes, please, five")?
    Then it adds nothing: it was read as five seconds more, a wrong number."""
    return tail == value


def _bare_tail(tokens: tuple[str, ...], k: int, m: int) -> bool:
    """ "1 hour 30", "an hour and thirty": a plain number (digits or words) with nothing after
    it that makes it something else (a count of reps or timers, a unit, another number)."""
    if read_integer(tokens, k) is None or tokens[k] == "one":
        return False  # "a", "half", "couple", "the five minute one": no bare number
    after = token_at(tokens, m)
    counted = after in REP_WORDS or after in TAIL_STOPS
    return not counted and after not in UNIT_SECONDS and read_integer(tokens, m) is None


def _is_idiom(tokens: tuple[str, ...], start: int, unit_at: int) -> bool:
    """ "wait a second", "hang on a minute", "a day" in "three times a day": not durations."""
    said = tokens[start]
    before = token_at(tokens, start - 1)
    idiom = before == "wait" or (before == "on" and token_at(tokens, start - 2) in ("hold", "hang"))
    if said in ("a", "one") and unit_at == start + 1 and idiom:
        return tokens[unit_at] in ("second", "minute")
    return said == "a" and before in ("times", "once", "twice", "per")


def _is_range(tokens: tuple[str, ...], start: int, end: int) -> bool:
    """ "five or ten minutes", "5-10 minutes", "a minute or two"."""
    if token_at(tokens, end) == "or" and read_integer(tokens, end + 1) is not None:
        return True
    k = start - 1 - (token_at(tokens, start - 1) in _RANGE_WORDS)
    return k >= 0 and read_integer(tokens, k) is not None and token_at(tokens, k) != "one"


def _word_before_unit(tokens: tuple[str, ...], j: int) -> str | None:
    """The word standing where a unit's number should be, if it is not a plain English word."""
    k = j - 1
    if k >= 0 and tokens[k] in MODIFIERS:
        return None  # "add more minutes": no number said
    word = token_at(tokens, k)
    if not word or word in NO_NUMBER or word in UNIT_SECONDS or read_integer(tokens, k):
        return None
    return None if token_at(tokens, k - 1) in ARTICLES else word  # "a difficult week"


def _stray_number(tokens: tuple[str, ...]) -> str | None:
    """A number said with no unit ("add five"), not a count of reps or timers."""
    i = 0
    while i < len(tokens):
        number = read_integer(tokens, i)
        if number is None:
            i += 1
            continue
        j = skip(tokens, number[1], MODIFIERS)
        after = token_at(tokens, j)
        counted = after in REP_WORDS or after in ("timers", "countdowns", "of")
        pronoun = tokens[i] == "one" and token_at(tokens, i - 1) not in ("add", "plus", "by", "for")
        if not counted and not pronoun:
            return " ".join(tokens[i : number[1]])
        i = number[1]
    return None
