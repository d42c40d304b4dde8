"""Tolerant matching for near misses: a dropped, extra or misheard word.

A weighted token edit distance against the expanded template sentences. Small words
("i", "the", "to") cost half; a content word of the template may only be replaced by a word
the templates never use (a mishearing), never by another of our words ("can i use ice" is
not "can i use heat"). Short templates tolerate almost nothing, so a sentence that only
shares a word or two with ours ("the ice cream truck is outside") stays Unknown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from intents.normalize import NUMBER, word_set
from intents.patterns import Pattern
from intents.types import SlotValue

SMALL_WORDS = word_set(
    """
    i i'm i've me my a an the to it it's is are am be do does did for of on in at and or
    so you your that that's this these with can could should would will some any get got
    have has there there's up now what how when why where which then too very much more
    """
)
"""Function words: cheap to drop, add or swap, and never enough to recognise an intent."""

MISHEARD = 1.0
UNKNOWN_SWAP = 1.0
KNOWN_SWAP = 3.0


@dataclass(frozen=True)
class FuzzyHit:
    pattern: Pattern
    slots: dict[str, SlotValue]
    cost: float
    confidence: float


def allowed_cost(length: int) -> float:
    """How much editing a template of `length` words tolerates."""
    if length <= 2:
        return 0.5
    if length <= 4:
        return 1.0
    if length <= 8:
        return 1.5
    return 2.0


class FuzzyIndex:
    def __init__(self, patterns: Sequence[Pattern]) -> None:
        self._patterns = list(patterns)
        self._vocabulary = frozenset(t for p in patterns for t in p.tokens)
        self._content: list[frozenset[str]] = []
        self._index: dict[str, list[int]] = {}
        for pid, pattern in enumerate(self._patterns):
            content = frozenset(t for t in pattern.tokens if t not in SMALL_WORDS)
            self._content.append(content)
            for token in content:
                self._index.setdefault(token, []).append(pid)

    def best(self, tokens: Sequence[str], numbers: Sequence[int]) -> FuzzyHit | None:
        said = frozenset(t for t in tokens if t not in SMALL_WORDS)
        shared: dict[int, int] = {}
        for token in said:
            for pid in self._index.get(token, ()):
                shared[pid] = shared.get(pid, 0) + 1
        best: FuzzyHit | None = None
        for pid, count in shared.items():
            pattern = self._patterns[pid]
            content = self._content[pid]
            limit = allowed_cost(len(pattern.tokens))
            if max(len(content) - count, len(said - content)) > limit:
                continue
            if pattern.tokens.count(NUMBER) != len(numbers):
                continue
            cost = self._distance(tokens, pattern.tokens, limit)
            if cost > limit or (best is not None and cost >= best.cost):
                continue
            slots = pattern.fill(tuple(numbers))
            if slots is None:
                continue
            confidence = max(0.5, 0.95 - cost / (len(pattern.tokens) + 1))
            best = FuzzyHit(pattern, slots, cost, confidence)
        return best

    def _distance(self, said: Sequence[str], template: Sequence[str], limit: float) -> float:
        """Weighted edit distance (said → template); > limit once it cannot get back under."""
        previous = [0.0]
        for t in template:
            previous.append(previous[-1] + _drop(t))
        for s in said:
            current = [previous[0] + _add(s)]
            for j, t in enumerate(template, start=1):
                swap = previous[j - 1] if s == t else previous[j - 1] + self._swap(s, t)
                current.append(min(swap, previous[j] + _add(s), current[j - 1] + _drop(t)))
            if min(current) > limit:
                return limit + 1.0
            previous = current
        return previous[-1]

    def _swap(self, said: str, template: str) -> float:
        if said == NUMBER or template == NUMBER:
            return KNOWN_SWAP
        if said in SMALL_WORDS and template in SMALL_WORDS:
            return 0.5
        if said in self._vocabulary:
            return KNOWN_SWAP
        return UNKNOWN_SWAP


def _drop(template_word: str) -> float:
    return 0.5 if template_word in SMALL_WORDS else MISHEARD


def _add(said_word: str) -> float:
    return 0.5 if said_word in SMALL_WORDS else 1.0
