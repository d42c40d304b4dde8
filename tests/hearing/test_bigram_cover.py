"""The phrase list Vosk may be given instead of every sentence: fewer sentences, the same
word pairs, first and last words."""

from __future__ import annotations

from intents.grammar import load_grammar
from voice.hearing.vocabulary import bigram_cover


def pairs(sentences: list[str]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for text in sentences:
        words = ["<s>", *text.split(), "</s>"]
        out |= set(zip(words, words[1:], strict=False))
    return out


def test_small_example_keeps_every_pair_and_drops_the_redundant() -> None:
    sentences = ["set a timer for six minutes", "set a timer for five minutes", "five minutes",
                 "six minutes", "for five minutes", "for six minutes"]  # fmt: skip
    kept = bigram_cover(sentences)
    assert pairs(kept) == pairs(sentences)
    assert kept == [
        "five minutes",
        "six minutes",
        "for five minutes",
        "for six minutes",
        "set a timer for five minutes",  # "set a timer for six minutes" adds no new pair
    ]


def test_our_grammar_shrinks_to_a_fraction_with_the_same_pairs() -> None:
    sentences = [text for _, text in load_grammar().sentences()]
    kept = bigram_cover(sentences)
    assert set(kept) <= set(sentences)
    assert pairs(kept) == pairs(sentences)
    assert len(kept) < len(sentences) / 4
