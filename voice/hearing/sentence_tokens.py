"""Which of the model's tokens may come next, if what is said must be one of our sentences.

Our sentences ("how much time is left") are a word graph (`word_graph.WordGraph`). A
decoding state is a graph node plus the letters of the word being spelled so far. A token
("\u2581how", "\u2581Ho", "w", ",") is allowed when its letters, lower-cased and without
punctuation, continue the word being spelled, or (with its leading "\u2581" space) start a
next word after a whole one. Any way of spelling a sentence in tokens is allowed, not only the
tokenizer's own: the model chooses.
The end token is allowed only where a whole sentence ends.

Pure: no model, no audio. Allowed sets are computed once per state and kept.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from voice.hearing.word_graph import WordGraph

SPACE = "\u2581"
_PUNCTUATION = re.compile(r"[.,?!;:\"()\u2026\u201c\u201d]")
_WORD = re.compile(r"^[a-z']+$")

State = tuple[int, str]
"""(graph node, letters of the word being spelled), with "" before the first word, a trailing
"," after a punctuation mark that followed a whole word, and " " after a bare space token."""

START_STATE: State = (0, "")


def words_of(text: str) -> list[str]:
    """The model's text as our words: lower case, punctuation dropped, hyphens as spaces."""
    text = text.replace(SPACE, " ").replace("-", " ").lower()
    text = text.replace("\u2019", "'")
    return _PUNCTUATION.sub("", text).split()


@dataclass(frozen=True)
class Allowed:
    tokens: np.ndarray  # token ids
    states: tuple[State, ...]  # the state after each
    can_end: bool


class SentenceTokens:
    """The constraint for one word graph (our sentences) and one vocabulary."""

    def __init__(self, graph: WordGraph, vocabulary: list[str], end_token: int) -> None:
        self.end_token = end_token
        self.graph = graph
        self._sorted: dict[int, list[str]] = {}
        self._spaced: dict[str, list[int]] = {}  # letters -> tokens that start a word with them
        self._joined: dict[str, list[int]] = {}  # letters -> tokens that go on within a word
        self._marks: list[int] = []  # punctuation only: allowed between words
        self._spaces: list[int] = []  # a bare space: the next word comes without its own
        for token, piece in enumerate(vocabulary):
            if token < 3 or (len(piece) == 1 and ord(piece) < 256 and token < 259):
                continue  # <unk> <s> </s> and raw bytes
            spaced = piece.startswith(SPACE)
            letters = _PUNCTUATION.sub("", piece.replace(SPACE, "").lower().replace("\u2019", "'"))
            if not letters:
                if not spaced and piece.strip():
                    self._marks.append(token)
                elif piece == SPACE:
                    self._spaces.append(token)
                continue
            if _WORD.match(letters):
                (self._spaced if spaced else self._joined).setdefault(letters, []).append(token)
        self._allowed: dict[State, Allowed] = {}

    @staticmethod
    def for_sentences(
        sentences: Iterable[str], vocabulary: list[str], end_token: int
    ) -> SentenceTokens:
        from voice.hearing.word_graph import WordGraph

        return SentenceTokens(WordGraph.build(sentences), vocabulary, end_token)

    def allowed(self, state: State) -> Allowed:
        found = self._allowed.get(state)
        if found is None:
            found = self._allowed[state] = self._compute(state)
        return found

    def _words_from(self, node: int, prefix: str) -> list[str]:
        """The child words of `node` that start with `prefix`."""
        words = self._sorted.get(node)
        if words is None:
            words = self._sorted[node] = sorted(self.graph.children(node))
        at = bisect.bisect_left(words, prefix)
        out = []
        while at < len(words) and words[at].startswith(prefix):
            out.append(words[at])
            at += 1
        return out

    def _compute(self, state: State, first: bool = True) -> Allowed:
        node, spelled = state
        if spelled.endswith(","):  # after a punctuation mark: a next word, or the end
            child = self.graph.children(node)[spelled[:-1]]
            allowed = self._compute((child, ""), first=False)
            return Allowed(allowed.tokens, allowed.states, self.graph.is_end(child))
        tokens: list[int] = []
        states: list[State] = []

        def add(index: dict[str, list[int]], at: int, before: str, words: list[str]) -> None:
            seen: set[str] = set()
            for word in words:
                rest = word[len(before) :]
                for size in range(1, len(rest) + 1):
                    letters = rest[:size]
                    if letters in seen:
                        continue
                    seen.add(letters)
                    for token in index.get(letters, ()):
                        tokens.append(token)
                        states.append((at, before + letters))

        def done(can_end: bool) -> Allowed:
            return Allowed(np.array(tokens, dtype=np.int64), tuple(states), can_end)

        if spelled in ("", " "):  # a next word; without its space mark after a bare space
            words = self._words_from(node, "")
            if spelled == "":
                add(self._spaced, node, "", words)
            if first:  # the first word, or one after a bare space ("twelve", "\u2581", "ounce")
                add(self._joined, node, "", words)
            return done(False)
        add(self._joined, node, spelled, self._words_from(node, spelled))
        whole = self.graph.children(node).get(spelled)
        if whole is None:
            return done(False)
        # A whole word: a next word may start, or the sentence end.
        add(self._spaced, whole, "", self._words_from(whole, ""))
        for token in self._marks:  # one mark between words ("yes, please")
            tokens.append(token)
            states.append((node, spelled + ","))
        for token in self._spaces:
            tokens.append(token)
            states.append((whole, " "))
        return done(self.graph.is_end(whole))
