"""The answer to "Which one: ...?" (voice.timers.which_answer): the coach asked instead of
guessing which of two timers a command meant; what is said next completes that command for the
timers the words pick (length, name, order, time left, "both"), through the real matcher, the
real coach and desk on a fresh store, time stepped by a FakeClock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from coach_harness import Conversation, says

from intents.matcher import load_matcher
from voice.events import Event
from voice.timers.which_answer import QUESTION_TTL, picked

PASTAS = ("pasta", "ten-minute pasta")
LENGTHS = {"pasta": 1200.0, "ten-minute pasta": 600.0}
LEFT = {"pasta": 1100.0, "ten-minute pasta": 500.0}
WHICH = "Which one: the pasta timer or the ten-minute pasta timer?"


@pytest.mark.parametrize(
    ("words", "chosen"),
    [
        ("the ten minute one", ["ten-minute pasta"]),
        ("20 minutes", ["pasta"]),
        ("the ten-minute pasta timer", ["ten-minute pasta"]),
        ("the first one", ["pasta"]),
        ("the new one please", ["ten-minute pasta"]),
        ("the second", ["ten-minute pasta"]),
        ("the shorter one", ["ten-minute pasta"]),
        ("the longer one", ["pasta"]),
        ("both of them", ["pasta", "ten-minute pasta"]),
        ("um, I don't know", []),
        ("that's all", []),  # "all" picks only before "of them", "timers", "please"
        ("sorry, I'm new to this", []),  # an order word picks only before "one" or last
        ("where's the first aid kit", []),
        ("how long is left", []),
        ("both hands are busy", []),
        ("the five minute one", []),  # no timer of that length: no answer, never a guess
    ],
)
def test_the_words_that_pick_a_timer(words: str, chosen: list[str]) -> None:
    assert picked(words, PASTAS, LENGTHS, LEFT) == chosen


def test_the_name_said_whole_picks_it_over_a_longer_name() -> None:
    """ "Which one: the timer or the two-minute timer?" "The timer." """
    options, lengths = ("timer", "two-minute"), {"timer": 300.0, "two-minute": 120.0}
    assert picked("the timer", options, lengths, {}) == ["timer"]
    assert picked("the two minute timer", options, lengths, {}) == ["two-minute"]


@pytest.fixture
def talk(tmp_path: Path) -> Iterator[Conversation]:
    conversation = Conversation(tmp_path / "state", understand=load_matcher().understand)
    yield conversation
    conversation.close()


def spoken(events: list[Event]) -> list[str]:
    return [say.text for say in says(events)]


def two_pastas(talk: Conversation) -> None:
    talk.say("set a pasta timer for twenty minutes", "StartTimer")
    talk.say("set a pasta timer for ten minutes", "StartTimer")


def test_the_answer_completes_the_command_asked_about(talk: Conversation) -> None:
    """A pause stays a pause, though "the ten minute pasta timer" alone reads as a cancel."""
    two_pastas(talk)
    assert spoken(talk.say("pause the pasta timer", "PauseTimer")) == [WHICH]
    assert spoken(talk.say("the ten minute pasta timer", "CancelTimer")) == [
        "Paused the ten-minute pasta timer, with ten minutes left."
    ]
    assert talk.desk.active() == ["pasta", "ten-minute pasta"]


def test_say_that_again_keeps_the_question_open(talk: Conversation) -> None:
    two_pastas(talk)
    talk.say("cancel the pasta timer", "CancelTimer")
    assert spoken(talk.say("say that again", "Repeat")) == [WHICH]
    assert spoken(talk.say("the first one", "Unknown")) == ["Okay, I've stopped the pasta timer."]
    assert talk.desk.active() == ["ten-minute pasta"]


def test_both_does_it_for_both(talk: Conversation) -> None:
    talk.say("set a timer for five minutes", "StartTimer")
    talk.say("set a timer for two minutes", "StartTimer")
    assert spoken(talk.say("stop the timer", "CancelTimer")) == [
        "Which one: the timer or the two-minute timer?"
    ]
    assert spoken(talk.say("both", "Unknown")) == [
        "Okay, I've stopped the timer.",
        "Okay, I've stopped the two-minute timer.",
    ]
    assert talk.desk.active() == []


def test_another_request_is_no_answer(talk: Conversation) -> None:
    """ "how long do I ice it" says "long" but is a question of its own; a command with
    another verb is a new command; either closes the question."""
    two_pastas(talk)
    talk.say("pause the pasta timer", "PauseTimer")
    answer = spoken(talk.say("how long do I ice it", "IceHowLong"))
    assert answer and not answer[0].startswith(("Paused", "Which"))
    assert talk.say("the first one", "Unknown")[0].text.startswith("Sorry")  # type: ignore[attr-defined]
    talk.say("pause the pasta timer", "PauseTimer")
    assert spoken(talk.say("cancel the ten minute pasta timer", "CancelTimer")) == [
        "Okay, I've stopped the ten-minute pasta timer."
    ]


def test_a_warning_sign_as_the_answer_escalates(talk: Conversation) -> None:
    two_pastas(talk)
    talk.say("cancel the pasta timer", "CancelTimer")
    answer = spoken(talk.say("my leg has gone numb", "RedFlag"))
    assert answer[0].startswith("Please get this checked")
    assert talk.desk.active() == ["pasta", "ten-minute pasta"]


def test_an_old_question_takes_no_answer(talk: Conversation) -> None:
    two_pastas(talk)
    talk.say("cancel the pasta timer", "CancelTimer")
    talk.advance(QUESTION_TTL + 1)
    talk.say("the first one", "Unknown")
    assert talk.desk.active() == ["pasta", "ten-minute pasta"]


def test_a_template_command_of_another_kind_is_no_answer(talk: Conversation) -> None:
    """ "how long is left" (a template's sentence, TimerStatus) after a cancel was asked about
    tells the time left; it cancels nothing."""
    two_pastas(talk)
    talk.say("cancel the pasta timer", "CancelTimer")
    said = spoken(talk.say("how much time is left", "TimerStatus"))
    assert said and "left" in said[0]
    assert talk.desk.active() == ["pasta", "ten-minute pasta"]


def test_a_length_no_timer_has_is_said_never_another_timer(talk: Conversation) -> None:
    """ "cancel the five minute timer" while only a twenty-minute one runs: before, the latest
    timer (that twenty-minute one) was cancelled."""
    talk.say("set a timer for twenty minutes", "StartTimer")
    assert spoken(talk.say("cancel the five minute timer", "CancelTimer")) == [
        "There's no five-minute timer running right now."
    ]
    assert talk.desk.active() == ["timer"]
