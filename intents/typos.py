"""An emergency typed in a hurry ("chst pian", "cant brethe", "hart atack", "tok to many pils",
"cal amblance"): a word no model has seen, one keystroke away from one word of the emergencies
(`URGENT`: a letter missed, added, swapped with the next, or another in its place), read as
that word, for the warning signs only (intents.warning_match). A word the models know is never
changed ("heat", "hear", "pin", "all", "too"), nor one near two of them. Pure."""

from __future__ import annotations

from collections.abc import Callable

from intents.normalize import word_set, words
from intents.spellings import SPELLINGS

URGENT = word_set(
    """
    chest pain heart attack breathe breath breathing ambulance pills tablets took overdose
    stroke call emergency bladder legs suicide numb paralysed unconscious
    """
)


def typed_right(text: str, knows: Callable[[str], bool]) -> str | None:
    """`text` with its hurried typos of `URGENT` words mended, or None when there are none;
    `knows`: whether the models have seen a word."""
    said = words(text)
    mended = [_mended(word, knows) for word in said]
    return " ".join(mended) if mended != said else None


def _mended(word: str, knows: Callable[[str], bool]) -> str:
    if len(word) < 3 or not word.isalpha() or word in URGENT:
        return word
    if knows(word) or knows(SPELLINGS.get(word, word)):
        return word
    near = [target for target in URGENT if _one_keystroke(word, target)]
    return near[0] if len(near) == 1 else word


def _one_keystroke(typed: str, meant: str) -> bool:
    """One letter missed, added, put in another's place, or swapped with the next."""
    if abs(len(typed) - len(meant)) > 1 or typed == meant:
        return False
    if len(typed) == len(meant):
        diff = [i for i, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
        if len(diff) == 2 and diff[1] == diff[0] + 1:  # two neighbours swapped: "pian"
            i = diff[0]
            return typed[i : i + 2] == meant[i + 1] + meant[i]
        return len(diff) == 1
    if typed.startswith(meant):  # "overdoses", "tablets": another form, not a typo
        return False
    short, long = sorted((typed, meant), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
