"""A result heard over the coach's voice that is made of its own words is its echo
(voice.hearing.own_voice `echo_of`), and is not acted on. Live, under load, its sentence "If you
notice numbness, tingling or weakness, tell me." came back as "feel weak", taken as a warning
sign the user said (tests/integration/test_live_audio.py, a fresh-clone run of 40e808f): the
word it said was "weakness", and "feel" says nothing about whose voice it was."""

from __future__ import annotations

import pytest

from voice.hearing.own_voice import echo_of, in_a_row, not_said

SAID = "If you notice numbness, tingling or weakness, tell me."


@pytest.mark.parametrize(
    "heard",
    ["feel weak", "i feel weak", "tingly", "numb", "weakness", "plus numbness", "also tingly"],
)
def test_its_own_words_and_their_stems_are_its_echo(heard: str) -> None:
    assert echo_of(heard, SAID)


@pytest.mark.parametrize(
    "heard",
    [
        "my legs feel weak",  # a word the coach did not say: the user's
        "my foot is numb",
        "i can't feel my legs",
        "it hurts",
        "stop",
    ],
)
def test_words_it_did_not_say_are_someone_elses(heard: str) -> None:
    assert not echo_of(heard, SAID)


def test_a_stem_needs_four_letters_and_most_of_the_word() -> None:
    assert not echo_of("note", "If you notice numbness")  # "note" is not "notice"
    assert not echo_of("tin", "tingling")


WARNINGS = "If you notice numbness, tingling or weakness, tell me. Don't stretch hard."


@pytest.mark.parametrize(
    ("heard", "left"),
    [
        # The coach's sentence misheard: none of it is its words, yet nothing a sign is left.
        (
            "as pasmism is all tightening on its own if you notice numbness tingling or weakness",
            "as pasmism is all tightening on its own you or",
        ),
        ("lie on your back i can't feel my foot", "lie on your back i can't feel my foot"),
        ("notice i have chest pain tell", "i have chest pain"),
        ("i don't have weakness", "i don't have"),  # a negation stays, whoever said it
        ("no tingling", "no"),
    ],
)
def test_not_said_leaves_what_the_coachs_voice_cannot_have_made(heard: str, left: str) -> None:
    assert not_said(heard, WARNINGS) == left


@pytest.mark.parametrize(
    ("sign", "run"),
    [
        ("i can't feel my foot", "can't feel my foot"),
        ("my leg is numb", "leg is numb"),
        ("i have chest pain", "have chest pain"),
        ("it hurts", ""),  # one word left: too little to confirm by
        ("numbness", ""),
    ],
)
def test_a_sign_in_a_decoded_string_must_come_in_a_row_from_its_first_telling_word(
    sign: str, run: str
) -> None:
    assert in_a_row(sign) == run
