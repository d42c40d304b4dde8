"""What the grammar says about the words heard so far, for the end of speech: do they make a
whole request, and is it one that no sentence of ours goes on from to say something else (then
a short pause ends it; voice.hearing.endpoint)? Moved out of voice/hearing/recognizer.py."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

GOES_ON_CHECKED = 50


class SentenceEnds:
    """`judge(words)` -> (whole request, final). Pure; remembers the last answer."""

    def __init__(
        self,
        sentences: Sequence[str],
        is_whole: Callable[[str], bool],
        understands: Callable[[str], bool],
        reads: Callable[[str], tuple[str, object]] | None,
    ) -> None:
        """`sentences`: ours, normalized and sorted. `is_whole(text)`: one of our sentences
        (listed or of a template too big to list). `understands(text)`: the matcher reads a
        loose string. `reads(text)`: what a sentence means (intent and slots)."""
        self._sorted = list(sentences)  # a sentence that goes on from words follows them
        self._complete = frozenset(sentences)
        self._followed = frozenset(w for s in sentences for w in s.split()[:-1])
        self._is_whole = is_whole
        self._understands = understands
        self._reads = reads
        self._checked = ("", False, False)

    def judge(self, words: str) -> tuple[bool, bool]:
        """Do the words make a whole request, and are they a sentence of ours, of two words or
        more, that no sentence goes on from? A loose string the matcher understands, or one
        word, is never final: cut sooner, the radio gave "to lumpy there my" (Knot) and "heat"
        (bench/results/tuning.md)."""
        if words != self._checked[0]:
            sentence = self._is_whole(words)
            whole = sentence or (bool(words) and self._understands(words))
            final = sentence and " " in words and not self.goes_on_to_other_meaning(words)
            self._checked = (words, whole, final)
        return self._checked[1], self._checked[2]

    def goes_on_to_other_meaning(self, words: str) -> bool:
        """Does a sentence of ours start with these words and go on, to say something else?
        (The first GOES_ON_CHECKED such sentences are read.)"""
        after = words + " "
        at = bisect.bisect_left(self._sorted, after)
        end = at
        while end < len(self._sorted) and self._sorted[end].startswith(after):
            end += 1
            if self._reads is None or end - at >= GOES_ON_CHECKED:
                return True
        if end > at:
            assert self._reads is not None
            meaning = self._reads(words)
            return any(self._reads(s) != meaning for s in self._sorted[at:end])
        # A sentence of a template too big to list: its phrases are a sample holding every
        # word pair, so it goes on if its last word is ever followed by another.
        return words not in self._complete and words.rsplit(" ", 1)[-1] in self._followed
