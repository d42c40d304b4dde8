"""What a person in pain stumbles over, said once: a word or a few said twice ("resume resume
everything", "I don't, I don't want to be here"), a word cut off and started again ("t-tripped",
"w w went", "any, anymore"). Pure."""

from __future__ import annotations

import re

from intents.normalize import FILLERS, MAX_CHARS, UNITS, words
from intents.numbers import NUMBER_WORDS
from intents.spellings import SPELLINGS

CUT_OFF = re.compile(r"\b([a-z]{1,3})-(?=\1)", re.IGNORECASE)
"""A start of a word, a hyphen, and the word: "t-tripped", "wh-where"."""
CUT_OFF_SPACED = re.compile(
    r"(?<![\w'\u2019])(?!(?:a|i|o|an|am|as|at|be|by|do|go|he|hi|if|in|is|it|me|my|no|of|oh|on|or"
    r"|so|to|up|us|we|ye)\b)([a-z]{1,2})(?:\s+\1)*\s+(?=\1[a-z'])",
    re.IGNORECASE,
)
"""The same as a recognizer writes it, or a stammer typed: a start of a word that is no word,
said once or more, then the word ("w w went", "th th there's", "can't m move"). A short word
before one it begins is kept ("i ice", "a awful", "me meds")."""
RESTARTED = re.compile(r"\b([a-z']+),\s+(?=\1[a-z])", re.IGNORECASE)
"""A word, a comma, and a longer word it begins: "any, anymore", "my, myself"."""
LONGEST = 3
"""The most words said twice over that are taken for a stumble."""


def unstuttered(text: str) -> str | None:
    """`text` as words with what was stumbled over said once, or None when nothing was. A
    number said twice is kept unless a unit follows: "nine nine nine" and "one one two" are
    dialled, "ten... ten minutes" and "five, uh, five minutes" are five minutes. Too long a
    line to be a command is left as it is ("my back " said a thousand times is no spasm
    reported)."""
    if len(text) > MAX_CHARS:
        return None
    cut = CUT_OFF_SPACED.sub("", CUT_OFF.sub("", text))
    tokens = [t for t in words(RESTARTED.sub("", cut)) if t not in FILLERS]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        size = _repeated(tokens, i, out)
        if size:
            i += size
            continue
        out.append(tokens[i])
        i += 1
    return " ".join(out) if len(out) < len([t for t in words(text) if t not in FILLERS]) else None


def _repeated(tokens: list[str], i: int, out: list[str]) -> int:
    """How many words from `i` repeat the words just kept (0: none)."""
    for size in range(min(LONGEST, len(out)), 0, -1):
        if tokens[i : i + size] != out[-size:]:
            continue
        if all(t in NUMBER_WORDS or t.isdigit() for t in out[-size:]):
            after = tokens[i + size] if i + size < len(tokens) else ""
            if SPELLINGS.get(after, after) not in UNITS:
                continue
        return size
    return 0
