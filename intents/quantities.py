"""How many: a quantity said in digits or words ("five", "a couple of", "half an", "2 and a
half", "two point five", "a hundred and twenty"), read from word tokens. The part of reading a
duration that is not about units (intents.durations); number words themselves are
intents.numbers."""

from __future__ import annotations

import re
from fractions import Fraction

from intents.numbers import NUMBER_WORDS, ONES, read_number

SCALES = {"thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
VAGUE = frozenset({"few", "several"})
"""Quantity words that say no number: "a few minutes" is no 180 seconds (the caller asks)."""
_DIGIT_WORDS = {word: value for value, word in enumerate(ONES[:10])} | {"oh": 0}
_DECIMAL_TOKEN = re.compile(r"\d+point\d+")


def read_quantity(tokens: tuple[str, ...], i: int) -> tuple[Fraction, int] | None:
    """(value, index after) of how many at tokens[i]: "five", "a couple of", "half an",
    "three quarters of an", "2 and a half", "another", "a" (one)."""
    token = token_at(tokens, i)
    if token in ("a", "an"):
        after = token_at(tokens, i + 1)
        if after in ("hundred", "thousand", "million"):
            return read_integer(tokens, i)
        if after in ("couple", "few", "half", "quarter"):
            return read_quantity(tokens, i + 1)
        return Fraction(1), i + 1
    if token == "couple":
        return Fraction(2), skip(tokens, i + 1, ("of",))
    if token in VAGUE:
        return None  # "a few minutes": no number said (intents.durations.says_vague_amount)
    if token in ("half", "quarter"):
        part = Fraction(1, 2 if token == "half" else 4)
        return part, skip(tokens, skip(tokens, i + 1, ("of",)), ("a", "an"))
    if token == "another":
        more = read_quantity(tokens, i + 1)
        return more if more is not None and token_at(tokens, i + 1) != "a" else (Fraction(1), i + 1)
    number = read_integer(tokens, i)
    if number is None:
        return None
    value, j = number
    if token_at(tokens, j) in ("quarter", "quarters"):
        return value / 4, skip(tokens, skip(tokens, j + 1, ("of",)), ("a", "an"))
    extra = and_a_part(tokens, j)
    return (value + extra[0], extra[1]) if extra else (value, j)


def read_integer(tokens: tuple[str, ...], i: int) -> tuple[Fraction, int] | None:
    """(value, index after) of a number said in digits or words, with thousands and a decimal
    part ("2.5", "two point five"); None if there is none at tokens[i]."""
    total = 0
    j = i
    while True:
        token = token_at(tokens, j)
        if token.isdigit():
            part, k = int(token), j + 1
            if token_at(tokens, k) == "hundred":
                part, k = part * 100, k + 1
        elif token in SCALES or (token in ("a", "one") and token_at(tokens, j + 1) in SCALES):
            part, k = 1, j + (token not in SCALES)
        elif token in NUMBER_WORDS or token in ("a", "one"):
            words_read = read_number(tokens, j)
            if words_read is None:
                break
            part, k = words_read[0], j + words_read[1]
        else:
            break
        scale = SCALES.get(token_at(tokens, k))
        if scale is None:
            total, j = total + part, k
            break
        total, j = total + part * scale, k + 1
        if token_at(tokens, j) == "and" and token_at(tokens, j + 1) in NUMBER_WORDS:
            j += 1
    if j == i:
        token = token_at(tokens, i)
        return (
            (Fraction(token.replace("point", ".")), i + 1)
            if _DECIMAL_TOKEN.fullmatch(token)
            else None
        )
    digits = ""
    if token_at(tokens, j) == "point":
        k = j + 1
        while token_at(tokens, k) in _DIGIT_WORDS or token_at(tokens, k).isdigit():
            digits += str(_DIGIT_WORDS.get(token_at(tokens, k), token_at(tokens, k)))
            k += 1
        if digits:
            j = k
    return Fraction(f"{total}.{digits}" if digits else total), j


def and_a_part(tokens: tuple[str, ...], j: int) -> tuple[Fraction, int] | None:
    """ "and a half" / "and a quarter" / "and three quarters" at tokens[j]; "and half" too, as
    a second-language speaker says it ("one hour and half": never the one hour alone)."""
    if token_at(tokens, j) != "and":
        return None
    if token_at(tokens, j + 1) == "half":
        return Fraction(1, 2), j + 2
    said = tokens[j + 1 : j + 3]
    parts = {("a", "half"): Fraction(1, 2), ("a", "quarter"): Fraction(1, 4)}
    parts[("three", "quarters")] = Fraction(3, 4)
    part = parts.get((said[0], said[1])) if len(said) == 2 else None
    return (part, j + 3) if part is not None else None


def skip(tokens: tuple[str, ...], i: int, optional: tuple[str, ...] | frozenset[str]) -> int:
    while token_at(tokens, i) in optional:
        i += 1
    return i


def token_at(tokens: tuple[str, ...], i: int) -> str:
    return tokens[i] if 0 <= i < len(tokens) else ""
