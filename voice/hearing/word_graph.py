"""Our sentences as a word automaton, so a decoder can ask "which words may come next?".

Listed sentences go in as a trie; templates too big to list (a coffee order has millions of
sentences) go in as hassil parsed them, expression by expression (sequences, alternatives,
optional parts, permutations, expansion rules and text lists), without listing their
sentences. Together they make a nondeterministic automaton; `WordGraph` walks it as a
deterministic one, made lazily: each node is the set of automaton states a word prefix can
reach, numbered when first met.

Pure: no model, no audio.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from voice.hearing.sentence_tokens import words_of

MAX_PERMUTED = 8
"""Most items of a hassil permutation (2**n states)."""


class _Automaton:
    def __init__(self) -> None:
        self.arcs: list[dict[str, set[int]]] = [{}]  # state 0 is the start
        self.skips: list[set[int]] = [set()]  # moves on no word
        self.ends: set[int] = set()

    def state(self) -> int:
        self.arcs.append({})
        self.skips.append(set())
        return len(self.arcs) - 1

    def arc(self, source: int, word: str, target: int) -> None:
        self.arcs[source].setdefault(word, set()).add(target)

    def words(self, source: int, text: str) -> int:
        """A chain of word arcs from `source`; returns the state after the last word."""
        at = source
        for word in words_of(text):
            follow = self.state()
            self.arc(at, word, follow)
            at = follow
        return at


class WordGraph:
    """`children(node)`: the words that may come next and the node after each; `is_end(node)`:
    a whole sentence ends here. Node 0 is the start."""

    def __init__(self, automaton: _Automaton) -> None:
        self._automaton = automaton
        start = self._closure({0})
        self._nodes: list[frozenset[int]] = [start]
        self._numbers: dict[frozenset[int], int] = {start: 0}
        self._children: dict[int, dict[str, int]] = {}

    @staticmethod
    def build(
        sentences: Iterable[str] = (),
        intents: Any = None,
    ) -> WordGraph:
        """From listed sentences and (optionally) hassil `Intents` whose templates are not
        listed."""
        automaton = _Automaton()
        trie: dict[tuple[int, str], int] = {}
        for sentence in sentences:
            at = 0
            for word in words_of(sentence):
                follow = trie.get((at, word))
                if follow is None:
                    follow = trie[(at, word)] = automaton.state()
                    automaton.arc(at, word, follow)
                at = follow
            if at:
                automaton.ends.add(at)
        if intents is not None:
            _add_templates(automaton, intents)
        return WordGraph(automaton)

    @property
    def nodes_made(self) -> int:
        return len(self._nodes)

    def is_end(self, node: int) -> bool:
        return not self._automaton.ends.isdisjoint(self._nodes[node])

    def children(self, node: int) -> dict[str, int]:
        found = self._children.get(node)
        if found is None:
            targets: dict[str, set[int]] = {}
            for state in self._nodes[node]:
                for word, follow in self._automaton.arcs[state].items():
                    targets.setdefault(word, set()).update(follow)
            found = self._children[node] = {w: self._number(t) for w, t in targets.items()}
        return found

    def accepts(self, text: str) -> bool:
        node: int | None = 0
        for word in words_of(text):
            node = self.children(node).get(word) if node is not None else None
        return node is not None and self.is_end(node)

    def _number(self, states: set[int]) -> int:
        closed = self._closure(states)
        number = self._numbers.get(closed)
        if number is None:
            number = self._numbers[closed] = len(self._nodes)
            self._nodes.append(closed)
        return number

    def _closure(self, states: set[int]) -> frozenset[int]:
        seen = set(states)
        todo = list(states)
        while todo:
            for follow in self._automaton.skips[todo.pop()]:
                if follow not in seen:
                    seen.add(follow)
                    todo.append(follow)
        return frozenset(seen)


def _add_templates(automaton: _Automaton, intents: Any) -> None:
    for intent in intents.intents.values():
        for block in intent.data:
            rules = {**intents.expansion_rules, **block.expansion_rules}
            lists = {**intents.slot_lists, **block.slot_lists}
            for sentence in block.sentences:
                start = automaton.state()
                automaton.skips[0].add(start)
                automaton.ends.add(_Expressions(automaton, rules, lists).add(sentence, start))


class _Expressions:
    """Thompson's construction over hassil's expression tree."""

    def __init__(self, automaton: _Automaton, rules: Mapping[str, Any], lists: Mapping[str, Any]):
        self._a = automaton
        self._rules = rules
        self._lists = lists

    def add(self, expr: Any, start: int) -> int:
        """Spell `expr` from state `start`; return the state where it ends."""
        from hassil import (
            Alternative,
            ListReference,
            Permutation,
            RangeSlotList,
            RuleReference,
            Sequence,
            TextChunk,
            TextSlotList,
        )

        if hasattr(expr, "expression") and not isinstance(expr, TextChunk):
            expr = expr.expression  # a Sentence
        if isinstance(expr, TextChunk):
            return self._a.words(start, expr.text)
        if isinstance(expr, Permutation):
            return self._any_order(start, list(expr.items))
        if isinstance(expr, Alternative):
            end = self._either(start, [[item] for item in expr.items])
            if expr.is_optional:
                self._a.skips[start].add(end)
            return end
        if isinstance(expr, Sequence):
            at = start
            for item in expr.items:
                at = self.add(item, at)
            return at
        if isinstance(expr, RuleReference):
            return self.add(self._rules[expr.rule_name], start)
        if isinstance(expr, ListReference):
            slot_list = self._lists[expr.list_name]
            if isinstance(slot_list, TextSlotList):
                return self._either(start, [[value.text_in] for value in slot_list.values])
            if isinstance(slot_list, RangeSlotList):
                from intents.numbers import to_words

                numbers = range(slot_list.start, slot_list.stop + 1, slot_list.step)
                texts = [to_words(n) for n in numbers]
                return self._either(start, [[TextChunk(text)] for text in texts])
        raise ValueError(f"cannot spell {expr!r}")

    def _any_order(self, start: int, items: list[Any]) -> int:
        """Every item once, in any order: one state per set of items said so far (2**n of
        them, not n! orders)."""
        if len(items) > MAX_PERMUTED:
            raise ValueError(f"a permutation of {len(items)} items is too many to spell")
        said = {0: start}
        for done in sorted(range(2 ** len(items)), key=lambda mask: bin(mask).count("1")):
            for i, item in enumerate(items):
                if done & (1 << i):
                    continue
                after = said.setdefault(done | (1 << i), self._a.state())
                at = self._a.state()
                self._a.skips[said[done]].add(at)
                self._a.skips[self.add(item, at)].add(after)
        return said[2 ** len(items) - 1]

    def _either(self, start: int, choices: list[Any]) -> int:
        end = self._a.state()
        for items in choices:
            at = self._a.state()
            self._a.skips[start].add(at)
            for item in items:
                at = self.add(item, at)
            self._a.skips[at].add(end)
        return end
