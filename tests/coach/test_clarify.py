"""The which-did-you-mean question (voice.coach.clarify): yes takes the option asked about,
no moves to the other, a second no or the question's age closes it; the options' wording."""

from __future__ import annotations

from intents.replies import Replies
from intents.types import UNSURE, Match
from voice.clock import FakeClock
from voice.coach.clarify import QUESTION_TTL, Clarifier, missing_options, option_text

ADD = Match("tack on 2", "AddTime", {"duration": 120}, 0.4)
REMOVE = Match("tack on 2", "RemoveTime", {"duration": 120}, 0.4)
UNSURE_MATCH = Match("tack on 2", UNSURE, {}, 0.4, alternatives=(ADD, REMOVE))


def test_yes_takes_the_option_asked_about() -> None:
    clock, ask = FakeClock(), Clarifier()
    assert ask.ask(UNSURE_MATCH, clock.now()) == ADD
    assert ask.yes(clock.now()) == ADD
    assert ask.yes(clock.now()) is None  # answered: closed


def test_no_moves_to_the_other_then_closes() -> None:
    clock, ask = FakeClock(), Clarifier()
    ask.ask(UNSURE_MATCH, clock.now())
    assert ask.no(clock.now()) == REMOVE
    assert ask.is_open(clock.now())
    assert ask.no(clock.now()) is None
    assert not ask.is_open(clock.now())


def test_an_old_question_answers_nothing() -> None:
    clock, ask = FakeClock(), Clarifier()
    ask.ask(UNSURE_MATCH, clock.now())
    clock.advance(QUESTION_TTL + 1)
    assert ask.yes(clock.now()) is None


def test_every_askable_intent_has_its_wording() -> None:
    replies = Replies.load()
    assert missing_options(replies) == []
    assert option_text(replies, ADD) == "add two minutes to the timer"
    cancel_all = Match("x", "CancelTimer", {"all": True}, 0.4)
    assert option_text(replies, cancel_all) == "cancel all the timers"
    ice = Match("x", "PauseTimer", {"timer": "ice"}, 0.4)
    assert option_text(replies, ice) == "pause the ice timer"
