"""hassil's expression trees walked into token patterns: every sentence a template allows, with
its slot values and number slots (numbers as "#"). Used by intents.grammar, which loads the
template files; a template with more than MAX_EXPANSIONS sentences is left to intents.composed.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from hassil import (
    Alternative,
    Expression,
    Intents,
    ListReference,
    Permutation,
    RangeSlotList,
    RuleReference,
    Sentence,
    Sequence,
    SlotList,
    TextChunk,
    TextSlotList,
    parse_sentence,
)

from intents.errors import TemplateError
from intents.normalize import NUMBER, canonical, words
from intents.numbers import NUMBER_WORDS
from intents.patterns import NumberSlot, Pattern
from intents.spellings import SPELLINGS
from intents.template_file import locate
from intents.types import SlotValue

log = logging.getLogger(__name__)

MAX_EXPANSIONS = 50_000
"""Per sentence template: more are not listed but read by hassil's parser (intents.composed)."""


class _TooMany(TemplateError):
    """A template with more than MAX_EXPANSIONS sentences: not listed."""


Piece = tuple[str, tuple[tuple[str, SlotValue], ...], tuple[NumberSlot, ...]]
"""Text so far (numbers as " # "), slot values, number slots."""
Phrase = tuple[tuple[str, ...], SlotValue]


def parse_template(text: str, path: Path) -> Sentence:
    try:
        return parse_sentence(text, keep_text=True)
    except Exception as err:  # hassil raises several types for bad template syntax
        detail = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise TemplateError(
            f"{locate(path, text)}: bad template syntax in '{text}' ({detail})"
        ) from err


class Expander:
    """Walks hassil's expression trees into token pieces."""

    def __init__(
        self, intents: Intents, raw_lists: dict[str, Any], origin: dict[tuple[str, str], Path]
    ) -> None:
        self._intents = intents
        self._raw_lists = raw_lists
        self._origin = origin
        self._where = ""
        self._rules: Mapping[str, Sentence] = intents.expansion_rules
        self._lists: Mapping[str, SlotList] = intents.slot_lists
        self.unlisted: list[tuple[str, str]] = []  # (intent, text): too many sentences

    def patterns(self) -> Iterable[Pattern]:
        owner: dict[tuple[str, ...], str] = {}
        for name, intent in self._intents.intents.items():
            for block in intent.data:
                self._rules = {**self._intents.expansion_rules, **block.expansion_rules}
                self._lists = {**self._intents.slot_lists, **block.slot_lists}
                fixed = tuple((k, _slot_value(v)) for k, v in block.slots.items())
                for text in block.sentence_texts:
                    path = self._origin[(name, text)]
                    self._where = locate(path, text)
                    sentence = parse_template(text, path)
                    try:
                        pieces = self._expand(sentence.expression, 0)
                    except _TooMany:
                        log.info("%s: too many sentences to list, parsed instead", self._where)
                        self.unlisted.append((name, text))
                        continue
                    for piece, slots, numbers in pieces:
                        tokens = _tokens(piece)
                        self._check(tokens, text, name, owner)
                        said = _said(piece)
                        yield Pattern(
                            name, tokens, fixed + slots, numbers, said if said != tokens else ()
                        )

    def list_values(self, name: str, slots: TextSlotList) -> Iterable[Phrase]:
        self._where = str(self._origin.get(("lists", name), name))
        for value in slots.values:
            for piece, _, _ in self._expand(value.text_in, 0):
                yield _tokens(piece), _slot_value(value.value_out)

    def _check(
        self, tokens: tuple[str, ...], text: str, name: str, owner: dict[tuple[str, ...], str]
    ) -> None:
        if not tokens:
            raise TemplateError(f"{self._where}: '{text}' can expand to nothing")
        literal = NUMBER_WORDS.intersection(tokens)
        if literal:
            raise TemplateError(
                f"{self._where}: number word '{min(literal)}' in '{text}': use a range list"
            )
        other = owner.setdefault(tokens, name)
        if other != name:
            raise TemplateError(
                f"{self._where}: '{' '.join(tokens)}' is both {other} and {name} ('{text}')"
            )

    def _expand(self, expr: Expression, depth: int) -> list[Piece]:
        if depth > 30:
            raise TemplateError(f"{self._where}: expansion rules nest too deep (a loop?)")
        if isinstance(expr, TextChunk):
            return [(expr.text, (), ())]
        if isinstance(expr, Alternative):
            return [p for item in expr.items for p in self._expand(item, depth + 1)]
        if isinstance(expr, Permutation):
            parts = [self._expand(item, depth + 1) for item in expr.items]
            out: list[Piece] = []
            for order in itertools.permutations(parts):
                out.extend(self._product(list(order)))
            return out
        if isinstance(expr, Sequence):
            return self._product([self._expand(item, depth + 1) for item in expr.items])
        if isinstance(expr, RuleReference):
            rule = self._rules.get(expr.rule_name)
            if rule is None:
                raise TemplateError(f"{self._where}: unknown expansion rule <{expr.rule_name}>")
            return self._expand(rule.expression, depth + 1)
        if isinstance(expr, ListReference):
            return self._list(expr, depth)
        raise TemplateError(f"{self._where}: unsupported template element {expr!r}")

    def _list(self, ref: ListReference, depth: int) -> list[Piece]:
        slot_list = self._lists.get(ref.list_name)
        if isinstance(slot_list, RangeSlotList):
            raw = self._raw_lists.get(ref.list_name, {}).get("range", {})
            listed = raw.get("spoken")  # absent: every value; []: typed only, never spoken
            every = range(slot_list.start, slot_list.stop + 1)
            number = NumberSlot(
                slot=ref.slot_name,
                low=slot_list.start,
                high=slot_list.stop,
                multiplier=int(slot_list.multiplier or 1),
                add=int(raw.get("add", 0)),
                spoken=tuple(int(n) for n in (every if listed is None else listed)),
            )
            if not all(number.low <= n <= number.high for n in number.spoken):
                raise TemplateError(f"{self._where}: list {ref.list_name}: spoken out of range")
            return [(f" {NUMBER} ", (), (number,))]
        if isinstance(slot_list, TextSlotList):
            out: list[Piece] = []
            for value in slot_list.values:
                slot = ((ref.slot_name, _slot_value(value.value_out)),)
                for piece, slots, numbers in self._expand(value.text_in, depth + 1):
                    out.append((piece, slot + slots, numbers))
            return out
        if slot_list is None:
            raise TemplateError(f"{self._where}: unknown list {{{ref.list_name}}}")
        raise TemplateError(f"{self._where}: list {{{ref.list_name}}}: wildcards not supported")

    def _product(self, parts: list[list[Piece]]) -> list[Piece]:
        out: list[Piece] = [("", (), ())]
        for options in parts:
            if len(out) * len(options) > MAX_EXPANSIONS:
                raise _TooMany(f"{self._where}: template expands to too many sentences")
            out = [(a[0] + b[0], a[1] + b[1], a[2] + b[2]) for a in out for b in options]
        return out


def _tokens(text: str) -> tuple[str, ...]:
    """Canonical tokens of an expanded template text (number placeholders kept)."""
    raw = [t for chunk in text.split() for t in _chunk_words(chunk)]
    return tuple(canonical(raw))


def _said(text: str) -> tuple[str, ...]:
    """The words of an expanded template text as a person says them: spellings unified ("ok" is
    "okay") but fillers kept ("i'd like that", "yes please")."""
    raw = [t for chunk in text.split() for t in _chunk_words(chunk)]
    return tuple(part for t in raw for part in SPELLINGS.get(t, t).split())


@lru_cache(maxsize=4096)
def _chunk_words(chunk: str) -> tuple[str, ...]:
    return (chunk,) if chunk == NUMBER else tuple(words(chunk))


def _slot_value(value: Any) -> SlotValue:
    if isinstance(value, bool) or not isinstance(value, int | str):
        return str(value)
    return value
