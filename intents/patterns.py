"""Expanded templates: every sentence a template allows, as canonical tokens.

A number slot stays one placeholder token "#" (any value in its range matches); text-list
values are expanded with the slot value they stand for.
"""

from __future__ import annotations

from dataclasses import dataclass

from intents.normalize import NUMBER
from intents.numbers import to_words
from intents.types import SlotValue

HIDDEN = "_"
"""A slot named "_x" is matched but not reported ("i took {count:_count} advil")."""
SINGULAR_UNITS = frozenset({"minute", "second", "hour", "time", "rep"})
PLURAL_UNITS = frozenset({"minutes", "seconds", "hours", "times", "reps"})
NOUNS = frozenset({"timer", "ice", "hold", "stretch", "countdown", "massage", "break"})
"""After these a unit is an adjective and stays singular: "a five minute timer"."""


@dataclass(frozen=True)
class NumberSlot:
    """A `{list:slot}` reference to a number range; value = n * multiplier + add."""

    slot: str
    low: int
    high: int
    multiplier: int = 1
    add: int = 0
    spoken: tuple[int, ...] = ()
    """The values written out for the recognizer's phrase list."""

    def accepts(self, number: int) -> bool:
        """In range, whatever its sign: "add minus five minutes" is five minutes, negated."""
        return self.low <= abs(number) <= self.high

    def value(self, number: int) -> int:
        """The slot value; a negative number gives the negated value (-5 and a half → -330)."""
        value = abs(number) * self.multiplier + self.add
        return -value if number < 0 else value


@dataclass(frozen=True)
class Pattern:
    """One sentence an intent template allows."""

    intent: str
    tokens: tuple[str, ...]
    slots: tuple[tuple[str, SlotValue], ...] = ()
    numbers: tuple[NumberSlot, ...] = ()
    said: tuple[str, ...] = ()
    """The words as written in the template, fillers kept ("i'd like that", "yes please"):
    what the recognizer listens for. `tokens` drop them (the matcher's view)."""

    def fill(self, numbers: tuple[int, ...]) -> dict[str, SlotValue] | None:
        """Slot values for the said numbers, or None if one is out of range."""
        if len(numbers) != len(self.numbers):
            return None
        slots = {name: value for name, value in self.slots if not name.startswith(HIDDEN)}
        for slot, number in zip(self.numbers, numbers, strict=True):
            if not slot.accepts(number):
                return None
            if not slot.slot.startswith(HIDDEN):
                slots[slot.slot] = slot.value(number)
        return slots

    def spoken_forms(self) -> list[tuple[str, ...]]:
        """The pattern with each number written out in its spoken values (grammatical units):
        as written (fillers kept) and, when that differs, as the matcher reads it, unless that
        leaves one word of several ("please do" read "do", "not really" "not", "timer please"
        "timer"): alone, such a word is no sentence to listen for (real speech: "two" heard
        as "do", a Yes nobody said)."""
        forms = self._spoken(self.said) if self.said else []
        if forms and len(self.tokens) == 1 and len(self.said) > 1:
            return forms
        return forms + self._spoken(self.tokens)

    def _spoken(self, words: tuple[str, ...]) -> list[tuple[str, ...]]:
        forms: list[tuple[str, ...]] = [()]
        slot_index = 0
        for i, token in enumerate(words):
            if token != NUMBER:
                forms = [form + (token,) for form in forms]
                continue
            slot = self.numbers[slot_index]
            slot_index += 1  # a slot with no spoken values leaves the pattern out (forms = [])
            unit, noun = (words[i + 1 : i + 3] + ("", ""))[:2]
            values = [n for n in slot.spoken if _grammatical(n, unit, noun in NOUNS)]
            forms = [form + (spoken,) for form in forms for spoken in _spoken(values)]
        return forms


def _grammatical(number: int, unit: str, before_noun: bool) -> bool:
    """'one minute', 'two minutes', 'a two minute timer'; not 'two minute' or 'one minutes'."""
    if unit in SINGULAR_UNITS:
        return number == 1 or before_noun
    if unit in PLURAL_UNITS:
        return number != 1 and not before_noun
    return True


def _spoken(values: list[int]) -> list[str]:
    return [to_words(n) for n in values]
