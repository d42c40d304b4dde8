"""A template too big to list (the benchmark's coffee domain: millions of sentences) is read by
hassil's parser and given to the recognizer as a sample holding all its word pairs."""

from __future__ import annotations

from pathlib import Path

from intents.grammar import load_grammar
from intents.matcher import Sources, load_matcher

COFFEE = Path(__file__).resolve().parents[2] / "bench" / "domains" / "coffee" / "coffee.yaml"


def test_a_long_order_is_read_exactly_with_every_slot() -> None:
    matcher = load_matcher(Sources(templates=(COFFEE,)))
    said = (
        "may i have a triple shot twelve ounce dark roast iced coffee"
        " with a lot of soy milk and some sweetener"
    )
    match = matcher.understand(said)
    assert (match.intent, match.confidence) == ("orderDrink", 1.0)
    assert match.slots == {
        "numberOfShots": "triple shot",
        "size": "twelve ounce",
        "roast": "dark roast",
        "coffeeDrink": "iced coffee",
        "milkAmount": "a lot of soy milk",
        "sugarAmount": "some sweetener",
    }


def test_words_of_the_domain_that_are_no_sentence_are_not_read() -> None:
    matcher = load_matcher(Sources(templates=(COFFEE,)))
    assert matcher.read_unlisted("can i get a latte with milk and sugar and milk") is None
    assert matcher.read_unlisted("with some brown sugar") is None
    assert matcher.read_unlisted("uh i'd like an espresso please") == (
        "orderDrink",
        {"coffeeDrink": "espresso"},
    )
    assert matcher.read_unlisted("can i get a large latte") == (
        "orderDrink",
        {"size": "large", "coffeeDrink": "latte"},
    )


def test_the_sample_holds_every_word_pair_and_is_small() -> None:
    grammar = load_grammar([COFFEE])
    assert grammar.composed is not None and not grammar.patterns
    sample = [text for _, text in grammar.sentences()]
    assert len(sample) < 2_000
    pairs = {p for s in sample for p in zip(["<s>", *s.split()], [*s.split(), "</s>"], strict=True)}
    wanted = [
        ("<s>", "brew"),
        ("an", "eight"),
        ("ounce", "dark"),
        ("shot", "espresso"),
        ("sweetener", "and"),
        ("and", "lots"),
        ("almond", "milk"),
        ("cream", "</s>"),
    ]
    assert set(wanted) <= pairs
    assert grammar.sentences() == load_grammar([COFFEE]).sentences()  # seeded: the same each run


def test_our_own_templates_are_all_listed() -> None:
    assert load_grammar().composed is None
