"""Tolerant matching for near misses: a dropped, extra or misheard word.

A weighted token edit distance against the expanded template sentences. Small words
("i", "the", "to") cost half; a content word of the template may only be replaced by a word
the templates never use (a mishearing), never by another of our words ("can i use ice" is
not "can i use heat"). Short templates tolerate almost nothing, so a sentence that only
shares a word or two with ours ("the ice cream truck is outside") stays Unknown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import chain

from intents.concern import URGENT_STARTS, URGENT_WORDS
from intents.normalize import NUMBER, SIGNS, UNITS, word_set
from intents.patterns import Pattern
from intents.types import SlotValue

SMALL_WORDS = word_set(
    """
    i i'm i've me my all a an the to it it's is are am be do does did for of on in at and or
    so you your that that's this these with can could should would will some any get got
    have has there there's up now what how when why where which then too very much more
    """
)
"""Function words: cheap to drop, add or swap, and never enough to recognise an intent."""

MIN_SHARED_IF_MISSING = 3
"""A content word of the template may be missing or misheard only when three others were
said: "turn off the oven" is not "turn off the ice"."""
MISHEARD = 1.0
UNKNOWN_SWAP = 1.0
KNOWN_SWAP = 3.0
WORD_FOR_SMALL_WORD = 1.5
"""A word we do not know in place of a small word of the template, and nothing like it: "i
dropped the ice" is not a mishearing of "i have the ice" (a misheard "have" sounds like it:
"half", "of")."""
NEVER = 99.0
"""A time unit, a sign ("minus") or a quantity word ("couple") is never dropped, added or
swapped for another: a tolerant guess must not turn "900 hours" into 900 minutes, "add minus a
minute" into adding one, or "banana minutes" into a couple."""


@dataclass(frozen=True)
class FuzzyHit:
    pattern: Pattern
    slots: dict[str, SlotValue]
    cost: float
    confidence: float


def allowed_cost(length: int) -> float:
    """How much editing a template of `length` words tolerates."""
    if length == 1:
        return 0.0  # "close" is Goodbye, "close my" is not
    if length == 2:
        return 0.5
    if length <= 4:
        return 1.0
    if length <= 8:
        return 1.5
    return 2.0


class FuzzyIndex:
    """Patterns grouped by their set of content words, indexed by those words."""

    def __init__(self, patterns: Sequence[Pattern]) -> None:
        self._vocabulary = frozenset(t for p in patterns for t in p.tokens)
        groups: dict[frozenset[str], list[Pattern]] = {}
        for pattern in patterns:
            content = frozenset(t for t in pattern.tokens if t not in SMALL_WORDS)
            if content:
                groups.setdefault(content, []).append(pattern)
        self._groups = list(groups.values())
        self._size = [len(content) for content in groups]
        self._need = [_needed(len(content)) for content in groups]
        self._limit = [max(allowed_cost(len(p.tokens)) for p in g) for g in self._groups]
        self._index: dict[str, list[int]] = {}
        for gid, content in enumerate(groups):
            for token in content:
                self._index.setdefault(token, []).append(gid)

    def best(self, tokens: Sequence[str], numbers: Sequence[int]) -> FuzzyHit | None:
        said = {t for t in tokens if t not in SMALL_WORDS}
        counts = Counter(chain.from_iterable(self._index.get(t, ()) for t in said))
        size, need, limit, n_said = self._size, self._need, self._limit, len(said)
        candidates = [
            gid
            for gid, shared in counts.items()
            if shared >= need[gid]
            and (shared == size[gid] or shared >= MIN_SHARED_IF_MISSING)
            and max(size[gid], n_said) - shared <= limit[gid]
        ]
        best: FuzzyHit | None = None
        for gid in sorted(candidates):  # in template order: a tie goes the same way every run
            for pattern in self._groups[gid]:
                hit = self._try(pattern, tokens, numbers, best)
                if hit is not None:
                    best = hit
        return best

    def _try(
        self,
        pattern: Pattern,
        tokens: Sequence[str],
        numbers: Sequence[int],
        best: FuzzyHit | None,
    ) -> FuzzyHit | None:
        limit = allowed_cost(len(pattern.tokens))
        if pattern.tokens.count(NUMBER) != len(numbers):
            return None
        cost = self._distance(tokens, pattern.tokens, limit)
        if cost > limit or (best is not None and cost >= best.cost):
            return None
        slots = pattern.fill(tuple(numbers))
        if slots is None:
            return None
        confidence = max(0.5, 0.95 - cost / (len(pattern.tokens) + 1))
        return FuzzyHit(pattern, slots, cost, confidence)

    def _distance(self, said: Sequence[str], template: Sequence[str], limit: float) -> float:
        """Weighted edit distance (said → template); > limit once it cannot get back under."""
        drops = [_drop(t) for t in template]
        previous = [0.0]
        for drop in drops:
            previous.append(previous[-1] + drop)
        for s in said:
            add = _add(s)
            current = [previous[0] + add]
            for j, t in enumerate(template, start=1):
                swap = previous[j - 1] if s == t else previous[j - 1] + self._swap(s, t)
                current.append(min(swap, previous[j] + add, current[j - 1] + drops[j - 1]))
            if min(current) > limit:
                return limit + 1.0
            previous = current
        return previous[-1]

    def _swap(self, said: str, template: str) -> float:
        if _grave(said) or _grave(template):
            return NEVER
        if said in _FIXED or template in _FIXED:
            if said in QUANTITY_WORDS or template in QUANTITY_WORDS:
                return NEVER
            if UNITS.get(said, said) == UNITS.get(template, template):
                return 0.5  # "minute" for "minutes"
            if template in UNITS and said not in self._vocabulary and said[:3] == template[:3]:
                return UNKNOWN_SWAP  # a typo: "minuts"
            return NEVER
        if said == NUMBER or template == NUMBER:
            return KNOWN_SWAP
        if said in SMALL_WORDS and template in SMALL_WORDS:
            return 0.5
        if said in self._vocabulary:
            return KNOWN_SWAP
        small_for_word = template in SMALL_WORDS and said not in SMALL_WORDS
        if small_for_word and not _sounds_alike(said, template):
            return WORD_FOR_SMALL_WORD
        return UNKNOWN_SWAP


def _sounds_alike(said: str, template: str) -> bool:
    """Short, or about as long as the template's word and sharing most of its letters in order:
    what a mishearing of a small word looks like ("im" for "i'm", "half" for "have"; not
    "forgot" for "got")."""
    if len(said) <= 3:
        return True
    return len(said) <= len(template) + 2 and SequenceMatcher(None, said, template).ratio() >= 0.5


def _needed(content: int) -> int:
    """Content words of a template that must be said: more than half, all but one at most."""
    return max(content // 2 + 1, content - 1)


QUANTITY_WORDS = word_set("couple few half quarter dozen several hundred thousand")
"""Words that carry an amount without being a number: never guessed, dropped or added
("set a timer for banana minutes" was read as "a couple minutes": a two-minute timer)."""
_FIXED = frozenset(UNITS) | SIGNS | QUANTITY_WORDS

GRAVE_WORDS = word_set("die dies dying died dead death kill killing suicide suicidal")
"""Words of life and death, and of the emergencies (intents.concern): never absorbed as a
misheard or extra word. "i don't want to die" was read as "i don't want to" (No) with one word
added; whatever it is, it is not a No to the coach's offer."""


def _grave(word: str) -> bool:
    return word in GRAVE_WORDS or word in URGENT_WORDS or word.startswith(URGENT_STARTS)


def _drop(template_word: str) -> float:
    if template_word in _FIXED or _grave(template_word):
        return NEVER
    return 0.5 if template_word in SMALL_WORDS else MISHEARD


def _add(said_word: str) -> float:
    if said_word in _FIXED or _grave(said_word):
        return NEVER
    return 0.5 if said_word in SMALL_WORDS else 1.0
