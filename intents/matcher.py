"""What was said → which intent, with slots and a confidence. Pure: no I/O after loading.

Order: a red-flag symptom anywhere wins; then an exact template sentence (confidence 1.0);
then the same without leading "okay so"; then the tolerant fallback (confidence < 1).
Anything else is Unknown: `match` returns None, `understand` returns Match.unknown(text).

Exact matching looks the canonical tokens up in a table of every sentence the hassil-parsed
templates allow (numbers as "#", checked against the range after). It gives hassil's answer
(tests/test_grammar.py compares them) at tens of thousands of lines a second, where hassil's
own recognizer manages under two hundred on these templates.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from intents.fuzzy import FuzzyIndex
from intents.grammar import Grammar, load_grammar
from intents.normalize import Normalized, normalize
from intents.patterns import Pattern
from intents.red_flags import RedFlagSpotter
from intents.types import Match, SlotValue

log = logging.getLogger(__name__)

RED_FLAG = "RedFlag"
SYMPTOM_LIST = "symptom"


class Matcher:
    def __init__(self, grammar: Grammar) -> None:
        self.grammar = grammar
        self._exact: dict[tuple[str, ...], list[Pattern]] = {}
        for pattern in grammar.patterns:
            self._exact.setdefault(pattern.tokens, []).append(pattern)
        self._fuzzy = FuzzyIndex(grammar.patterns)
        self._red_flags = RedFlagSpotter(grammar.list_phrases.get(SYMPTOM_LIST, ()))

    def match(self, text: str) -> Match | None:
        """The understood intent, or None when nothing fits well enough."""
        said = normalize(text)
        if said.empty:
            return None
        symptom = self._red_flags.spot(said.tokens)
        if symptom is not None:
            return Match(text=text, intent=RED_FLAG, slots={"symptom": symptom}, confidence=1.0)
        trimmed = said.without_leading()
        for candidate in (said, trimmed):
            exact = self._lookup(candidate)
            if exact is not None:
                intent, slots = exact
                return Match(text=text, intent=intent, slots=slots, confidence=1.0)
        hit = self._fuzzy.best(trimmed.tokens, trimmed.numbers)
        if hit is None:
            return None
        log.debug("fuzzy %r ~ %r (cost %.1f)", text, " ".join(hit.pattern.tokens), hit.cost)
        return Match(
            text=text, intent=hit.pattern.intent, slots=hit.slots, confidence=hit.confidence
        )

    def understand(self, text: str) -> Match:
        """Like `match`, but Unknown instead of None."""
        return self.match(text) or Match.unknown(text)

    def _lookup(self, said: Normalized) -> tuple[str, dict[str, SlotValue]] | None:
        for pattern in self._exact.get(said.tokens, ()):
            slots = pattern.fill(said.numbers)
            if slots is not None:
                return pattern.intent, slots
        return None


@lru_cache(maxsize=1)
def load_matcher() -> Matcher:
    """The matcher for the package's own templates, built once per process."""
    return Matcher(load_grammar())
