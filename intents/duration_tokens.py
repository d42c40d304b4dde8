"""The tokens every slot parser reads (intents.durations, intents.slot_words, intents.onset_words).

`tokenize` is `intents.normalize.words` plus the same spellings
("mins" -> "minutes", "hr" -> "hour") and fillers ("um", "like", "please"; but "just" is kept,
"just now" is an onset), and decimals ("2.5" -> "2point5", ".5" -> "0point5"), fractions ("1½"
-> "1 and a half"), thousands ("1,000") and glued units ("10min", "1h30m") kept readable. It
does not turn numbers into "#": the words stay words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from intents.normalize import FILLERS, MAX_CHARS, words
from intents.spellings import SPELLINGS

_KEEP = frozenset({"just"})
_DROP = FILLERS - _KEEP
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_DECIMAL = re.compile(r"(\d+)\.(\d+)")
_POINT_ONLY = re.compile(r"(?<![\w.])\.(\d+)")  # ".5" -> "0.5"
_VULGAR = (
    ("\u00bd", "and a half", " half "),
    ("\u00bc", "and a quarter", " quarter "),
    ("\u00be", "and three quarters", " three quarters "),
)
_GLUED = re.compile(r"(?:\d+(?:hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s))+\d*")
_GLUED_PART = re.compile(r"\d+|[a-z]+")
_SHORT_UNITS = {"h": "hours", "m": "minutes", "s": "seconds"}


@lru_cache(maxsize=1024)
def tokenize(text: str) -> tuple[str, ...]:
    """The tokens every slot parser reads (see the module docstring); () for over-long text."""
    if not text or len(text) > MAX_CHARS:
        return ()
    if not text.isascii():
        for glyph, after_number, alone in _VULGAR:  # "1½ hours", "½ hour"
            if glyph in text:
                text = re.sub(rf"(\d)\s*{glyph}", rf"\1 {after_number} ", text)
                text = text.replace(glyph, alone)
        text = text.replace("\u2044", "/")  # "1⁄2" is no 12
    if "." in text or "," in text:
        text = _THOUSANDS.sub("", text)
        text = _DECIMAL.sub(r"\1point\2", _POINT_ONLY.sub(r"0point\1", text))
    out: list[str] = []
    for word in words(text):
        glued = word[0].isdigit() and not word.isdigit() and _GLUED.fullmatch(word) is not None
        for part in _GLUED_PART.findall(word) if glued else (word,):
            part = _SHORT_UNITS.get(part, part) if glued else part
            out.extend(p for p in SPELLINGS.get(part, part).split() if p not in _DROP)
    return tuple(out)
