"""Which Moonshine tokens may come next when only our sentences may be said. The vocabulary is
the real one from the pinned package (tokenizer.bin); no model is run."""

from __future__ import annotations

import pytest

from voice.hearing.moonshine_model import END, read_vocabulary, tiny_model_dir
from voice.hearing.sentence_tokens import START_STATE, SentenceTokens, State, words_of

SENTENCES = ["yes", "yes please", "how much time is left", "i'd like the ice", "stop"]


@pytest.fixture(scope="module")
def vocabulary() -> list[str]:
    folder = tiny_model_dir()
    assert folder is not None, "moonshine-voice==0.1.0 is a dependency (pyproject.toml)"
    return read_vocabulary(folder / "tokenizer.bin")


@pytest.fixture(scope="module")
def constraint(vocabulary: list[str]) -> SentenceTokens:
    return SentenceTokens.for_sentences(SENTENCES, vocabulary, END)


def spell(constraint: SentenceTokens, vocabulary: list[str], pieces: list[str]) -> State | None:
    """Walk the pieces from the start; None as soon as one is not allowed."""
    state = START_STATE
    for piece in pieces:
        allowed = constraint.allowed(state)
        ids = [i for i, t in enumerate(allowed.tokens) if vocabulary[t] == piece]
        if not ids:
            return None
        state = allowed.states[ids[0]]
    return state


def test_the_vocabulary_is_the_models(vocabulary: list[str]) -> None:
    assert len(vocabulary) == 32768
    assert vocabulary[:3] == ["<unk>", "<s>", "</s>"]
    assert "\u2581how" in vocabulary


@pytest.mark.parametrize(
    "pieces",
    [
        ["\u2581Yes", "."],  # capitals and a full stop are the model's; the words are ours
        ["Yes"],  # the first word may come without its space mark
        ["\u2581how", "\u2581much", "\u2581time", "\u2581is", "\u2581left", "?"],
        ["\u2581How", "\u2581mu", "ch", "\u2581time", "\u2581is", "\u2581left"],  # any spelling
        ["\u2581yes", ",", "\u2581please"],
        ["\u2581how", "\u2581much", "\u2581", "time", "\u2581is", "\u2581left"],  # a bare space
        ["\u2581I", "'", "d", "\u2581like", "\u2581the", "\u2581ice"],
    ],
)
def test_a_sentence_of_ours_can_be_spelled_and_ended(
    constraint: SentenceTokens, vocabulary: list[str], pieces: list[str]
) -> None:
    state = spell(constraint, vocabulary, pieces)
    assert state is not None
    assert constraint.allowed(state).can_end


@pytest.mark.parametrize(
    "pieces",
    [
        ["\u2581no"],  # no sentence starts so
        ["\u2581yes", "\u2581no"],  # no sentence goes on so
        ["\u2581how", "\u2581many"],
        ["\u2581yes", ",", ","],  # one mark between words, not a run of them
        ["\u2581st", "\u2581op"],  # a space inside a word
        ["\u2581how", "\u2581", "\u2581much"],  # two spaces
        ["\u2581"],  # no word yet
    ],
)
def test_anything_else_is_not_allowed(
    constraint: SentenceTokens, vocabulary: list[str], pieces: list[str]
) -> None:
    assert spell(constraint, vocabulary, pieces) is None


def test_the_end_only_where_a_sentence_ends(
    constraint: SentenceTokens, vocabulary: list[str]
) -> None:
    assert not constraint.allowed(START_STATE).can_end
    half = spell(constraint, vocabulary, ["\u2581how", "\u2581much"])
    assert half is not None and not constraint.allowed(half).can_end
    yes = spell(constraint, vocabulary, ["\u2581yes"])
    assert yes is not None and constraint.allowed(yes).can_end  # "yes" and "yes please"


def test_words_of_reads_the_models_text_as_our_words() -> None:
    assert words_of("Can I have a double-shot, please?") == [
        "can", "i", "have", "a", "double", "shot", "please",
    ]  # fmt: skip
    assert words_of("I\u2019d like it.") == ["i'd", "like", "it"]
