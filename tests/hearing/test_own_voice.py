"""A result heard over the coach's voice that is made of its own words is its echo
(voice.hearing.own_voice `echo_of`), and is not acted on. Live, under load, its sentence "If you
notice numbness, tingling or weakness, tell me." came back as "feel weak", taken as a warning
sign the user said (tests/integration/test_live_audio.py, a fresh-clone run of 40e808f): the
word it said was "weakness", and "feel" says nothing about whose voice it was."""

from __future__ import annotations

import pytest

from voice.hearing.own_voice import echo_of

SAID = "If you notice numbness, tingling or weakness, tell me."


@pytest.mark.parametrize("heard", ["feel weak", "i feel weak", "tingly", "numb", "weakness"])
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
