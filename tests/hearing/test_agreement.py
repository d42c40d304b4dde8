"""When the grammar's words hold a warning sign the free decodes missed, they count only if
the free decodes bear them out (voice.hearing.free_listening.agrees). The strings are what the
recognizers gave for bench voices on the spoken blind dev set (bench/spoken_blind.py), with the
real safety lexicon deciding what is a warning sign."""

from __future__ import annotations

import pytest

from intents.matcher import ESCALATIONS, load_matcher
from voice.hearing.free_listening import agrees


def warns(text: str) -> bool:
    return load_matcher().understand(text, generalise=False).intent in ESCALATIONS


@pytest.mark.parametrize(
    ("grammar", "free"),
    [
        (  # said "my foot won't lift up properly when i try"
            "my foot won't lift up properly when i try",
            ["my thoughts won't lift up properly when i try",
             "my thoughts when you to lift up properly when i try"],
        ),
        ("ring nine nine nine", ["read nine nine nine", "rinignignign"]),
        ("my car got shunted this morning",
         ["my car doctor shunted this ball game", "my card ought to shunt it this morning"]),
    ],
)  # fmt: skip
def test_agreeing_decodes_confirm_a_warning(grammar: str, free: list[str]) -> None:
    assert warns(grammar) and not any(warns(text) for text in free[1:])
    assert agrees(grammar, free, warns)


@pytest.mark.parametrize(
    ("grammar", "free"),
    [
        ("know chest pain", ["no chest pain", "no chest pain"]),  # said "no chest pain"
        ("i knot pregnant", ["i'm not pregnant", "i'm not pregnant"]),
        # said "the radiator's clicking": the grammar's "numb" is nowhere in the free decodes
        ("numb a minute off clear getting", ["let me take of clicking", "the radio is clicking"]),
        # said "i checked and i can feel my toes"
        ("i tripped and my can feel my toes",
         ["i checked and i can feel my toes", "i checked and i can feel my toes"]),
    ],
)  # fmt: skip
def test_disagreeing_decodes_do_not(grammar: str, free: list[str]) -> None:
    assert warns(grammar)
    assert not agrees(grammar, free, warns)
