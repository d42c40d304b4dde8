"""Self-repair: "quieter, no, louder", "set a timer for ten, no, fifteen minutes", "sure, wait,
no thanks". A person who corrects themselves mid-sentence means what comes after the
correction; read whole, such a sentence was the first thing said (Softer for "quieter, no,
louder", Yes for "sure, wait, no thanks": a wrong action) or nothing at all. Pure.

`repaired(text)`: what the sentence says once corrected, most likely first: the words after the
last repair marker, and when they start with an amount that replaces one said just before it
("ten, no, fifteen minutes"), the sentence with that amount swapped. The matcher reads these
before the whole sentence, and only takes a reading that is not an escalation (a warning sign
is read on the whole sentence, first); nothing read, the whole sentence is read as before.

A marker needs words before it (a leading "no," answers, intents.clauses). Plain "no" or
"actually" counts only between punctuation: "it's actually fine" and "no, it doesn't hurt" are
no corrections. Recognizer output has no punctuation, so there only the phrases that cannot be
anything else count ("no wait", "i mean", "or rather", "scratch that").
"""

from __future__ import annotations

import re

from intents.durations import REP_WORDS
from intents.normalize import NUMBER, normalize

_PUNCTUATED = (
    r"no|nope|wait|no wait|no sorry|sorry|sorry i mean|actually|i mean|or rather|scratch that"
    r"|make that"
)
_SPOKEN = r"no wait|no sorry|sorry i mean|i mean|or rather|scratch that|no make (?:it|that)"
MARKER = re.compile(
    rf"(?:\s*(?:,|\.\.\.|…|--|—)\s*(?:{_PUNCTUATED})\s*(?:,|\.\.\.|…|--|—)\s*"
    rf"|\s*(?:,|\.\.\.|…|--|—)\s*(?:{_SPOKEN}|actually make (?:it|that))\s+"
    rf"|\s+(?:{_SPOKEN})\s+"
    r"|\s*[,.]\s*correction\s*[,:.]?\s*)",
    re.IGNORECASE,
)
"""A correction between two parts of a sentence: a word of repair set off by punctuation on
both sides, or a phrase that is one whatever the punctuation ("... 3 times. Correction, 4")."""

UNITS = frozenset({"second", "seconds", "minute", "minutes", "hour", "hours", "min", "mins"})
"""Time units: a corrected amount said without one takes the one it corrects."""
UNIT_WORDS = UNITS | {"half", "and", "a", "an", "quarter"}
"""Words an amount is made of besides its number ("ninety seconds", "an hour and a half")."""


def repaired(text: str) -> list[str]:
    """The corrected readings of `text`, most likely first (none without a repair marker)."""
    found = list(MARKER.finditer(text))
    if not found:
        return []
    last = found[-1]
    before, after = text[: last.start()].strip(), _without_lead_in(text[last.end() :])
    if not before or not after:
        return []
    swapped = _amount_swapped(before, after) or _thing_swapped(before, after)
    return [reading for reading in (swapped, after) if reading]


LEAD_IN = re.compile(
    r"^(?:(?:um|uh|er|erm|like|well|sorry|i mean|make it|make that|just|wait)\b[\s,.]*)+",
    re.IGNORECASE,
)
"""Words between the marker and the correction itself ("no, make it 2 hours 30 minutes",
"no, just five", "no, um, like, ...")."""


def _without_lead_in(after: str) -> str:
    return LEAD_IN.sub("", after.strip(" ,.")).strip(" ,.")


def _amount_swapped(before: str, after: str) -> str | None:
    """`before` with the amount it ends in replaced by the amount `after` starts with ("set a
    timer for ten" + "fifteen minutes" -> "set a timer for fifteen minutes"); None when
    `after` does not start with an amount or `before` does not end in one."""
    if normalize(after).tokens[:1] != (NUMBER,) and not _starts_with_amount(after):
        return None
    words, said = before.split(), after.split()
    amount = 0
    while amount < len(said) and _amount_word(said[amount]):
        amount += 1
    counted = _word(said[amount]) if amount < len(said) else ""
    if counted in REP_WORDS:  # "repeat 3 times, no, 4 times": a count, never the hold's length
        return _count_swapped(words, said[:amount], counted)
    span = _corrected_span(words)
    if span is None:
        return None
    cut, end = span
    unit = next((w for w in reversed(words[cut:end]) if _word(w) in UNITS), None)
    if unit is not None and not any(_word(w) in UNITS for w in said[:amount]):
        said.insert(amount, unit)  # "thirty seconds, actually make it twenty" -> twenty seconds
        amount += 1
    if end < len(words):  # "add a minute to the ice, no wait, two": the rest of `before` stays
        said = [*said[:amount], *words[end:]]
    return " ".join([*words[:cut], *said])


DETERMINERS = frozenset({"the", "my", "that", "this"})
"""Words a thing corrected on its own starts with ("start the stretch, no, sorry, the ice")."""


def _thing_swapped(before: str, after: str) -> str | None:
    """`before` with the thing it names last replaced by the one `after` names alone ("start
    the stretch" + "the ice" -> "start the ice"; "pause the ice, no, the stretch"); None when
    `after` is not a thing alone (it starts with no `DETERMINERS` word, or has a verb's worth
    of words: more than four) or `before` names none after its first word."""
    said, words = after.split(), before.split()
    if not said or _word(said[0]) not in DETERMINERS or len(said) > 4:
        return None
    cut = next((i for i in range(len(words) - 1, 0, -1) if _word(words[i]) in DETERMINERS), None)
    return None if cut is None else " ".join([*words[:cut], *said])


def _count_swapped(words: list[str], amount: list[str], counted: str) -> str | None:
    """`words` with the count said last before `counted` ("3 times") replaced by `amount`;
    None when no such count was said."""
    for end in range(len(words) - 1, 0, -1):
        if _word(words[end]) != counted or not _amount_word(words[end - 1]):
            continue
        cut = end - 1
        while cut > 0 and _amount_word(words[cut - 1]):
            cut -= 1
        return " ".join([*words[:cut], *amount, *words[end:]])
    return None


def _word(word: str) -> str:
    """A word as said, without case or the punctuation around it."""
    return word.lower().strip(",.?!")


def _corrected_span(words: list[str]) -> tuple[int, int] | None:
    """The words of the amount a correction replaces: the amount `before` ends in, else its
    only amount with a unit ("add a minute to the ice"); None when there is none, or several."""
    cut = len(words)
    while cut > 0 and _amount_word(words[cut - 1]):
        cut -= 1
    if cut < len(words):
        return (cut, len(words)) if cut > 0 else None
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and _amount_word(words[j]):
            j += 1
        if j > i and any(_word(w) in UNITS for w in words[i:j]):
            runs.append((i, j))
        i = max(j, i + 1)
    return runs[0] if len(runs) == 1 and runs[0][0] > 0 else None


def _starts_with_amount(text: str) -> bool:
    first = text.split()[:2]
    return bool(first) and first[0].lower() in ("a", "an", "half") and len(first) > 1


def _amount_word(word: str) -> bool:
    word = _word(word)
    return word in UNIT_WORDS or normalize(word).tokens == (NUMBER,)
