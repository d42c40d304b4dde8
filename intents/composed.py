"""Templates too big to list: read with hassil's parser, and sampled for the recognizer.

The matcher looks sentences up in a table of every sentence the templates allow. A template
whose sentences number in the millions (a coffee order: any size, roast and shots in any order,
any drink, with any of 36 milk and 18 sugar amounts in either order) cannot be listed; it is
kept as hassil parsed it instead (`Composed`), and:
- `read(text)` parses a heard sentence with hassil's recognizer (about a millisecond), giving
  the intent and the slots, as an exact template match would;
- `sample()` gives a few thousand of its sentences that hold every word pair the template can
  say (and every first and last word): enough for a recognizer that turns its phrase list into
  a bigram model (Vosk), which then hears any sentence of the template.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hassil import (
    Alternative,
    Expression,
    Intents,
    ListReference,
    Permutation,
    RuleReference,
    Sequence,
    TextChunk,
    TextSlotList,
    recognize,
)

from intents.normalize import FILLERS, words
from intents.types import SlotValue

SAMPLES = 200_000
"""Most random sentences drawn per template when looking for new word pairs."""
PATIENCE = 20_000
"""Stop drawing after this many sentences in a row brought no new word pair."""


@dataclass
class Composed:
    """The unlisted templates: (intent, sentence template) and hassil's view of them."""

    sentences: tuple[tuple[str, str], ...]
    intents: Intents
    _sampled: list[tuple[str, str]] | None = field(default=None, repr=False)
    _fillers: frozenset[str] | None = field(default=None, repr=False)

    @staticmethod
    def build(merged: Mapping[str, Any], unlisted: list[tuple[str, str]]) -> Composed:
        """From the merged template data (`language`, `intents`, `lists`, `expansion_rules`),
        keeping only the unlisted sentences of each intent."""
        keep = set(unlisted)
        intents: dict[str, Any] = {}
        for name, intent in merged["intents"].items():
            for block in intent["data"]:
                texts = [t for t in block["sentences"] if (name, t) in keep]
                if texts:
                    data = intents.setdefault(name, {"data": []})["data"]
                    data.append({**block, "sentences": texts})
        hassil = Intents.from_dict({**merged, "intents": intents})
        return Composed(tuple(unlisted), hassil)

    def read(self, text: str) -> tuple[str, dict[str, SlotValue]] | None:
        """(intent, slots) when `text` is a sentence of an unlisted template, else None."""
        if self._fillers is None:  # fillers the templates do not say ("i'd like" has one)
            said = {w for _, text in self.sample() for w in text.split()}
            self._fillers = frozenset(FILLERS - said)
        kept = [w for w in words(text) if w not in self._fillers]
        result = recognize(" ".join(kept), self.intents, language="en") if kept else None
        if result is None:
            return None
        slots: dict[str, SlotValue] = {}
        for name, entity in result.entities.items():
            value = entity.value
            slots[name] = value if isinstance(value, int | str) else str(value)
        return result.intent.name, slots

    def sample(self) -> list[tuple[str, str]]:
        """(intent, sentence): a sample of each unlisted template holding all its word pairs;
        the same every run (seeded)."""
        if self._sampled is None:
            out: list[tuple[str, str]] = []
            for name, intent in self.intents.intents.items():
                for block in intent.data:
                    rules = {**self.intents.expansion_rules, **block.expansion_rules}
                    lists = {**self.intents.slot_lists, **block.slot_lists}
                    walk = _Walk(rules, lists)
                    for sentence in block.sentences:
                        out += [(name, s) for s in walk.cover(sentence.expression)]
            self._sampled = out
        return list(self._sampled)


class _Walk:
    """Random sentences of a hassil expression (text lists and expansion rules resolved)."""

    def __init__(self, rules: Mapping[str, Any], lists: Mapping[str, Any]) -> None:
        self._rules = rules
        self._lists = lists

    def cover(self, expr: Expression) -> list[str]:
        rng = random.Random(0)
        seen: set[tuple[str, str]] = set()
        kept: list[str] = []
        idle = 0
        for _ in range(SAMPLES):
            text = " ".join(self._say(expr, rng).split())
            tokens = ["<s>", *text.split(), "</s>"]
            pairs = set(zip(tokens, tokens[1:], strict=False))
            if pairs <= seen:
                idle += 1
                if idle >= PATIENCE:
                    break
                continue
            idle = 0
            seen |= pairs
            kept.append(text)
        return kept

    def _say(self, expr: Expression, rng: random.Random) -> str:
        if isinstance(expr, TextChunk):
            return expr.text
        if isinstance(expr, Alternative):
            return self._say(rng.choice(expr.items), rng)
        if isinstance(expr, Permutation):
            items = list(expr.items)
            rng.shuffle(items)
            return " ".join(self._say(item, rng) for item in items)
        if isinstance(expr, Sequence):
            return " ".join(self._say(item, rng) for item in expr.items)
        if isinstance(expr, RuleReference):
            return self._say(self._rules[expr.rule_name].expression, rng)
        if isinstance(expr, ListReference):
            slot_list = self._lists[expr.list_name]
            if isinstance(slot_list, TextSlotList):
                return self._say(rng.choice(slot_list.values).text_in, rng)
        raise ValueError(f"cannot say {expr!r}")  # range lists are listed, never composed
