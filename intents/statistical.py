"""The layer that generalises: for a sentence that is no template sentence, the intent model
(intents.classifier) names the intent and the slot parsers (intents.slot_words) read the values.

It answers only when the model is sure enough (probability and lead over the runner-up), and
never makes up a value: an intent that needs a duration gets one read from the words or no
answer at all (asking again is better than acting on a wrong number).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from intents.classifier import UNKNOWN, IntentModel
from intents.durations import names_timer, scan, tokenize
from intents.normalize import NUMBER, Normalized, normalize
from intents.slot_words import (
    Unreadable,
    parse_all,
    parse_area,
    parse_duration_status,
    parse_onset,
    parse_reps,
    parse_timer_name,
)
from intents.types import Match, SlotValue


@dataclass(frozen=True)
class StatisticalSettings:
    min_probability: float = 0.7
    """Below this the sentence is not understood (Unknown): calibrated on the blind dev and
    out-of-domain sets (bench/blind_sets.py): 0.6 let 3% of the radio through, 0.8 lost 3
    points of understanding for no fewer wrong actions."""
    min_lead: float = 0.2
    min_known_share: float = 0.6
    """At least this share of the words must be words the model was trained on: a sentence of
    mostly unseen words ("not utf 8", another language) is not for us, whatever it leans to."""
    """The best intent must lead the runner-up by this much, or it is not understood."""
    confidence_scale: float = 0.9
    """A statistical answer's confidence is the model's probability times this (< 1: exact
    template matches alone are 1.0)."""


NEEDS_DURATION = frozenset({"StartTimer", "AddTime", "RemoveTime"})
"""Intents that cannot act without an amount of time."""
TAKES_DURATION = NEEDS_DURATION | {"StartIce", "StartStretch"}
NAMES_TIMER = frozenset(
    {"CancelTimer", "PauseTimer", "ResumeTimer", "TimerStatus", "AddTime", "RemoveTime"}
)
KNOWN_TIMERS = frozenset({"ice", "stretch", "timer"})
TAKES_AREA = frozenset({"SpasmStarted", "IceHowLong", "HeatQuestion", "RestPosition"})


class StatisticalLayer:
    def __init__(
        self, model: Callable[[], IntentModel], settings: StatisticalSettings | None = None
    ) -> None:
        self._model_source = model
        self._model: IntentModel | None = None
        self.settings = settings or StatisticalSettings()

    @property
    def model(self) -> IntentModel:
        """Loaded (or trained) on first use: exact template matches never need it."""
        if self._model is None:
            self._model = self._model_source()
        return self._model

    def match(self, text: str, said: Normalized) -> Match | None:
        s = self.settings
        if self.model.known_share(said.tokens) < s.min_known_share:
            return None
        guess = self.model.guess(said.tokens)
        if guess.intent == UNKNOWN or guess.probability < s.min_probability:
            return None
        if guess.probability - guess.runner_up_probability < s.min_lead:
            return None
        slots = slots_for(guess.intent, text)
        if slots is None:
            return None
        confidence = round(guess.probability * s.confidence_scale, 3)
        return Match(text=text, intent=guess.intent, slots=slots, confidence=confidence)


def slots_for(intent: str, text: str) -> dict[str, SlotValue] | None:
    """The slots `intent` takes, read from the words; None when a value it needs is missing or
    unreadable."""
    slots: dict[str, SlotValue] = {}
    if intent in TAKES_DURATION:
        duration = parse_duration_status(text)
        if isinstance(duration, Unreadable):
            return None
        if duration is not None:
            slots["duration"] = duration.seconds
        elif intent in NEEDS_DURATION:
            return None
    elif intent in NAMES_TIMER:  # "cancel the five minute timer": the duration names the timer
        tokens = tokenize(text)
        named = [d for d in scan(tokens)[0] if names_timer(tokens, d)]
        if named:
            slots["duration"] = named[0].seconds
    if intent in NAMES_TIMER:
        name = parse_timer_name(text)
        if name is not None:
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
    return {**slots, **extra}


def words_slots(intent: str, text: str) -> dict[str, SlotValue] | None:
    """Slots no template carries, read from the words for an exact match too: when it started
    (Onset, SpasmStarted) and what a pain-relief sentence says of doses (PainRelief). None
    when an Onset sentence says no readable time."""
    slots: dict[str, SlotValue] = {}
    if intent in NAMES_TIMER and parse_all(text):
        slots["all"] = True
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
