"""The slots a guessed intent takes, read from its words (intents.slot_words), for the
statistical layer (intents.statistical) and, for slots no template carries, for exact matches
too (`words_slots`). A value that is needed and cannot be read means no answer: never a made-up
number. Moved out of intents/statistical.py."""

from __future__ import annotations

import re

from intents.duration_tokens import tokenize
from intents.durations import UNIT_SECONDS, named_after_for, names_timer, says_vague_amount, scan
from intents.normalize import NUMBER, Normalized, normalize, word_set
from intents.other_things import not_about
from intents.slot_words import (
    COUNTED,
    NOT_A_NAME,
    SELECTORS,
    Unreadable,
    names_other_back,
    parse_all,
    parse_area,
    parse_duration_status,
    parse_onset,
    parse_reps,
    parse_timer_name,
)
from intents.types import SlotValue

NEEDS_DURATION = frozenset({"StartTimer", "AddTime", "RemoveTime"})
"""Intents that cannot act without an amount of time."""
TAKES_DURATION = NEEDS_DURATION | {"StartIce", "StartStretch"}
NAMES_TIMER = frozenset(
    {"CancelTimer", "PauseTimer", "ResumeTimer", "TimerStatus", "AddTime", "RemoveTime"}
)
TAKES_AREA = frozenset({"SpasmStarted", "IceHowLong", "HeatQuestion", "RestPosition"})


SHORTEST_GUESSED = 5
"""A duration read for a guessed intent must be at least this many seconds: below it (a minus
sign, "a sec") the words were not a timer command ("hold at t minus five minutes", "hold my
coffee a sec" were guessed StartStretch). A template sentence keeps its number, and the timer
desk refuses it aloud."""
LONGEST_GUESSED_HOLD = 120
"""A hold read for a guessed StartStretch must be at most this many seconds: the guide's hold
is seconds long, so "five minutes of gentle stretching" is no knees-to-chin hold to count."""


def slots_for(intent: str, text: str) -> dict[str, SlotValue] | None:
    """The slots `intent` takes, read from the words; None when a value it needs is missing or
    unreadable, or the words name what the intent is not about (`not_about`). An amount said
    without a number ("a few more minutes") gives the intent without a duration (the timer
    desk asks how much), never a made-up one; so does a change with no amount at all ("make it
    longer", "reduce the time"), as the templates' "add more time" does."""
    if not_about(intent, text) or (intent == "SpasmStarted" and names_other_back(text)):
        return None  # "i need to back up my phone" is no spasm
    slots: dict[str, SlotValue] = {}
    named_by_duration = False  # "cancel the five minute timer": no other name needed
    if intent in TAKES_DURATION:
        duration = parse_duration_status(text)
        if isinstance(duration, Unreadable):
            return None
        if duration is not None:
            if duration.seconds < SHORTEST_GUESSED:
                return None
            if intent == "StartStretch" and duration.seconds > LONGEST_GUESSED_HOLD:
                return None
            slots["duration"] = duration.seconds
        elif intent == "StartTimer" and not says_vague_amount(text):
            return None  # "add a few minutes", "make it longer": no amount, the desk asks
    elif intent in NAMES_TIMER:  # "cancel the five minute timer": the duration names the timer
        tokens = tokenize(text)
        cancels = intent == "CancelTimer"
        named = [
            d
            for d in scan(tokens)[0]
            if names_timer(tokens, d) or cancels and named_after_for(tokens, d)
        ]
        if named:
            slots["duration"] = named[0].seconds
            named_by_duration = True
    if intent in NAMES_TIMER:
        name = parse_timer_name(text) or _timers_named(text)
        if name is not None and not (name == "timer" and named_by_duration):
            slots["timer"] = name
    if intent == "StartTimer":  # "set a timer called pasta for ten minutes", "noodle timer"
        name = parse_timer_name(text)
        if name is not None and name not in ("timer", *KINDS):
            slots["timer"] = name
    if intent in TAKES_AREA:
        area = parse_area(text)
        if area is not None:
            slots["area"] = area
    if intent == "StartStretch":
        reps = parse_reps(text)
        if reps is not None:
            slots["reps"] = reps
    extra = words_slots(intent, text)
    if extra is None:
        return None
    given = slots.get("timer")
    if extra.get("all") and isinstance(given, str) and given not in KINDS and _bare(given, text):
        del slots["timer"]  # "pause all of them, someone's at the door": no door timer
    return {**slots, **extra}


def _timers_named(text: str) -> str | None:
    """The own name of timers said together: "cancel all the pasta timers", "both pasta
    timers" (not "all my timers", "two timers", "the five minute timers")."""
    tokens = tokenize(text)
    for i, token in enumerate(tokens[1:], 1):
        word = tokens[i - 1]
        if token == "timers" and word.isalpha() and word not in NOT_TIMERS_NAME:
            return word
    return None


NOT_TIMERS_NAME = (
    NOT_A_NAME
    | SELECTORS
    | COUNTED
    | frozenset(UNIT_SECONDS)
    | word_set("active them ongoing live remaining going ticking open")
)

KINDS = ("ice", "stretch")
"""Timers named by what they time, which "all" may go with ("cancel all the ice timers")."""


def _bare(name: str, text: str) -> bool:
    """The name was said without "timer" or "one" after it ("the door", not "the neck timer")."""
    return re.search(rf"\b{re.escape(name)} (?:timers?|ones?|countdown)\b", text.lower()) is None


def words_slots(intent: str, text: str) -> dict[str, SlotValue] | None:
    """Slots no template carries, read from the words for an exact match too: when it started
    (Onset, SpasmStarted), the length that names the timer a change is for (AddTime,
    RemoveTime) and what a pain-relief sentence says of doses (PainRelief). None
    when an Onset sentence says no readable time."""
    slots: dict[str, SlotValue] = {}
    if intent in NAMES_TIMER and parse_all(text):
        slots["all"] = True
    if intent in ("AddTime", "RemoveTime"):  # "add a minute to the ten minute timer": 600
        words = tokenize(text)
        found = scan(words)[0]
        named = [d.seconds for d in found if names_timer(words, d)]
        if named and len(found) > len(named):
            slots["length"] = named[0]
    if intent in ("Onset", "SpasmStarted"):
        onset = parse_onset(text)
        if onset is not None and not (intent == "SpasmStarted" and onset == "now"):
            slots["onset"] = onset  # a spasm is taken to start now unless said otherwise
        elif intent == "Onset":
            return None
    if intent == "PainRelief":
        tokens = normalize(text)
        count = _tablets(tokens)
        if count is not None:
            slots["count"] = count
        if DOSE_WORDS & set(tokens.tokens) or _asks_amount(tokens.tokens) or count is not None:
            slots["asks_dose"] = True
    return slots


DOSE_WORDS = frozenset({"dose", "dosage", "doses", "often", "another", "more", "maximum", "max"})
TOOK = frozenset({"took", "take", "taken", "had", "swallowed", "popped"})


def _asks_amount(tokens: tuple[str, ...]) -> bool:
    pairs = set(zip(tokens, tokens[1:], strict=False))
    return bool(pairs & {("how", "many"), ("how", "much"), ("how", "often")})


def _tablets(said: Normalized) -> int | None:
    """The number of tablets said with a taking verb: "i took 10 advil" -> 10."""
    numbers = iter(said.numbers)
    for i, token in enumerate(said.tokens):
        if token != NUMBER:
            continue
        value = next(numbers)
        if any(t in TOOK for t in said.tokens[max(0, i - 3) : i]):
            return value
    return None
