"""Our sentences as a word automaton: listed sentences and hassil templates too big to list,
walked as one deterministic graph."""

from __future__ import annotations

import itertools

import pytest
from hassil import Intents

from voice.hearing.word_graph import WordGraph

TEMPLATES = {
    "language": "en",
    "intents": {
        "Order": {
            "data": [
                {
                    "sentences": [
                        "(i'd like|can i have) [a] {size} (coffee|latte)",
                        "make me a (small; hot) tea [please]",
                        "<polite> {shots} shots",
                    ]
                }
            ]
        }
    },
    "lists": {
        "size": {"values": ["small", "extra large", {"in": "twelve ounce", "out": "12oz"}]},
        "shots": {"range": {"from": 1, "to": 3}},
    },
    "expansion_rules": {"polite": "[please] give me"},
}


@pytest.fixture(scope="module")
def graph() -> WordGraph:
    listed = ["yes", "yes please", "how much time is left"]
    return WordGraph.build(listed, Intents.from_dict(TEMPLATES))


@pytest.mark.parametrize(
    "text",
    [
        "yes",
        "yes please",
        "how much time is left",
        "i'd like a small coffee",
        "can i have extra large latte",
        "can i have a twelve ounce coffee",  # a list value's spoken form, not its output
        "make me a hot small tea please",  # a permutation, in either order
        "make me a small hot tea",
        "please give me two shots",  # an expansion rule and a number range, as words
        "give me three shots",
    ],
)
def test_sentences_of_ours_are_accepted(graph: WordGraph, text: str) -> None:
    assert graph.accepts(text)


@pytest.mark.parametrize(
    "text",
    ["yes yes", "how much time", "i'd like coffee", "make me a small tea", "give me 2 shots",
     "can i have a 12oz coffee", "give me four shots", ""],
)  # fmt: skip
def test_nothing_else_is(graph: WordGraph, text: str) -> None:
    assert not graph.accepts(text)


def test_the_graph_says_what_may_come_next(graph: WordGraph) -> None:
    yes = graph.children(0)["yes"]
    assert graph.is_end(yes) and set(graph.children(yes)) == {"please"}
    have = graph.children(graph.children(0)["can"])["i"]
    assert set(graph.children(graph.children(have)["have"])) == {
        "a", "small", "extra", "twelve",
    }  # fmt: skip


def test_millions_of_sentences_without_listing_them() -> None:
    """Six slots in any order (720 orders) of 30 values each: 30**6 * 720 sentences."""
    values = [f"v{i}" for i in range(30)]
    data = {
        "language": "en",
        "intents": {"Big": {"data": [{"sentences": ["order (" + "; ".join(
            f"{{s{k}}}" for k in range(6)) + ")"]}]}},
        "lists": {f"s{k}": {"values": [f"{k}{v}" for v in values]} for k in range(6)},
    }  # fmt: skip
    graph = WordGraph.build((), Intents.from_dict(data))
    words = ["order", *(f"{k}v{(7 * k) % 30}" for k in (3, 0, 5, 1, 4, 2))]
    assert graph.accepts(" ".join(words))
    assert not graph.accepts(" ".join(words[:-1] + ["0v1"]))  # a slot twice
    assert graph.nodes_made < 2000  # made lazily: only what was walked
    assert len(list(itertools.islice(graph.children(graph.children(0)["order"]), 500))) == 180
