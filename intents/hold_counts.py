"""How many holds of the knees-to-chin stretch were asked for: "three times", "5 reps", "ten
rounds", "twice", "six of them". Pure; intents.slot_words reads the other slots."""

from __future__ import annotations

from collections.abc import Iterator

from intents.duration_tokens import tokenize
from intents.durations import REP_WORDS, UNIT_SECONDS
from intents.normalize import word_set
from intents.quantities import read_quantity, token_at

STRETCH_WORDS = word_set("stretch stretches stretching knee knees chin rep reps holds")
PRONOUN_ONE_AFTER = STRETCH_WORDS | word_set("ice other same last this that timer")
"""Words after which "one" names a thing, not a count ("the stretching one")."""
_OF_THEM = frozenset({"them", "em", "those", "these"})


def parse_reps(text: str) -> int | None:
    """How many holds: "three times", "5 reps", "ten rounds", "twice". A "one" after a word
    for the stretch gives way to a count said later: "start the stretching one, hold it for
    twenty seconds, do it five times" is five holds ("one" named the stretch)."""
    tokens = tokenize(text)
    counts = list(_counts(tokens))
    if len(counts) > 1 and counts[0][1]:
        return counts[1][0]
    return counts[0][0] if counts else None


def _counts(tokens: tuple[str, ...]) -> Iterator[tuple[int, bool]]:
    """Each count of holds said, and whether it is a "one" that may name the stretch."""
    for i, token in enumerate(tokens):
        if token in ("twice", "thrice"):
            yield (2 if token == "twice" else 3), False
            continue
        whole = token not in ("half", "quarter", "a", "an")  # "a round of ice" is no count
        quantity = read_quantity(tokens, i) if whole else None
        if quantity is None or quantity[0].denominator != 1:
            continue
        j = quantity[1] + (token_at(tokens, quantity[1]) == "more")
        plural_unsaid = token_at(tokens, quantity[1]) == "time" and quantity[0] > 1  # "do 5 time"
        if token_at(tokens, j) in REP_WORDS or plural_unsaid or _counted_after(tokens, i, j):
            naming = token == "one" and token_at(tokens, i - 1) in PRONOUN_ONE_AFTER
            yield int(quantity[0]), naming


def _counted_after(tokens: tuple[str, ...], i: int, j: int) -> bool:
    """A count said around its number: "times five", "x 4", "six of them", "four of fifteen
    seconds" (four holds of fifteen seconds each)."""
    if token_at(tokens, i - 1) in ("times", "x") and token_at(tokens, j) not in UNIT_SECONDS:
        return True
    if token_at(tokens, j) != "of":
        return False
    if token_at(tokens, j + 1) in _OF_THEM:
        return True
    length = read_quantity(tokens, j + 1)
    return length is not None and token_at(tokens, length[1]) in UNIT_SECONDS
