"""English number words both ways, for 0..999: "twenty five" <-> 25.

Spoken input arrives as words (Vosk), typed input often as digits; the matcher turns runs of
number words into one integer, and the grammar writes numbers as words for the recognizer.
"""

from __future__ import annotations

from collections.abc import Sequence


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ONES = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
TENS = _words("_ _ twenty thirty forty fifty sixty seventy eighty ninety")
_ONES_VALUE = {word: value for value, word in enumerate(ONES)}
_TENS_VALUE = {word: 10 * value for value, word in enumerate(TENS) if word != "_"}
NUMBER_WORDS = frozenset(_ONES_VALUE) | frozenset(_TENS_VALUE) | {"hundred"}


def to_words(number: int) -> str:
    """25 -> 'twenty five', 120 -> 'one hundred twenty'. 0..999 only."""
    if not 0 <= number <= 999:
        raise ValueError(f"cannot say {number} in words (0..999 only)")
    if number < 20:
        return ONES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return TENS[tens] if ones == 0 else f"{TENS[tens]} {ONES[ones]}"
    hundreds, rest = divmod(number, 100)
    head = f"{ONES[hundreds]} hundred"
    return head if rest == 0 else f"{head} {to_words(rest)}"


def read_number(tokens: Sequence[str], start: int) -> tuple[int, int] | None:
    """Read a run of number words at tokens[start]: (value, tokens used), or None.

    Accepts "five", "twenty five", "a hundred", "one hundred and twenty", "hundred".
    """
    value = 0
    i = start
    if i < len(tokens) and tokens[i] in ("a", "one") and _at(tokens, i + 1, "hundred"):
        value, i = 100, i + 2
    elif i < len(tokens) and tokens[i] in _ONES_VALUE and _at(tokens, i + 1, "hundred"):
        value, i = 100 * _ONES_VALUE[tokens[i]], i + 2
    elif _at(tokens, i, "hundred"):
        value, i = 100, i + 1
    if value and _at(tokens, i, "and") and _is_small(tokens, i + 1):
        i += 1
    small = _read_below_hundred(tokens, i)
    if small is not None:
        value += small[0]
        i += small[1]
    return (value, i - start) if i > start else None


def _read_below_hundred(tokens: Sequence[str], i: int) -> tuple[int, int] | None:
    if i >= len(tokens):
        return None
    word = tokens[i]
    if word in _TENS_VALUE:
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if nxt in _ONES_VALUE and 0 < _ONES_VALUE[nxt] < 10:
            return _TENS_VALUE[word] + _ONES_VALUE[nxt], 2
        return _TENS_VALUE[word], 1
    if word in _ONES_VALUE:
        return _ONES_VALUE[word], 1
    return None


def _is_small(tokens: Sequence[str], i: int) -> bool:
    return i < len(tokens) and (tokens[i] in _ONES_VALUE or tokens[i] in _TENS_VALUE)


def _at(tokens: Sequence[str], i: int, word: str) -> bool:
    return i < len(tokens) and tokens[i] == word
