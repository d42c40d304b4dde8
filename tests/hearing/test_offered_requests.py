"""A free decode's request, asked about where the grammar's words ask nothing (voice.hearing.
free_listening `offered`, voice.hearing.matcher_wiring `offered_as`): "Do you want to hear
about moving around?" instead of "Sorry, I didn't catch that". The strings are what the
recognizers gave for bench voices (saved by bench/spoken_safety_misses.py); the real matcher
reads them, and the real coach asks."""

from __future__ import annotations

from pathlib import Path

import pytest
from coach_harness import Conversation, says
from free_pass_harness import listening

from intents.matcher import Matcher
from intents.types import UNSURE
from voice.hearing.free_listening import FreeListening, FreeReaders
from voice.hearing.matcher_wiring import (
    heard_as,
    means_with,
    offer_with,
    offered_as,
    warns_with,
)


def offering(matcher: Matcher, *decodes: str) -> FreeListening:
    return listening(FreeReaders(warns=warns_with(matcher), offer=offer_with(matcher)), *decodes)


def test_a_request_only_moonshine_heard_is_asked_about(matcher: Matcher) -> None:
    """Said "is it ok to go for a wee now": the grammar's words are no request."""
    words = "in it okay to go from we now"
    assert heard_as(matcher, words, whole=False).intent == "Unknown"
    moonshine = "is it okay to go for a wee now"
    free = offering(matcher, moonshine, "is it a go from we now")
    assert [h.text for h in free.offered(words, False, 0.0)] == [moonshine]
    assert free.passed_offered(moonshine) and not free.passed_offered(words)
    asked = offered_as(matcher, moonshine)
    assert asked.intent == UNSURE and not asked.understood  # never acted on unasked
    assert [a.intent for a in asked.alternatives] == ["MoveQuestion"]


def test_dropped_words_leave_moonshine_alone_to_ask(matcher: Matcher) -> None:
    moonshine = "add two minutes to the ice"
    free = offering(matcher, moonshine)
    assert [h.text for h in free.offered("", True, 0.0)] == [moonshine]
    option = offered_as(matcher, moonshine).alternatives[0]
    assert (option.intent, option.slots.get("duration")) == ("AddTime", 120)


def test_words_the_grammar_gave_that_act_are_left_to_act(matcher: Matcher) -> None:
    words = "how long do i ice it"
    assert heard_as(matcher, words, whole=False).understood
    assert offering(matcher, "how long do i heat it").offered(words, False, 0.0) == []


@pytest.mark.parametrize(
    "moonshine",
    [
        "my leg has gone numb",  # a warning sign is never a question
        "yes please",  # nor yes, no, stop or goodbye (voice.hearing.short_answers)
        "goodbye",
        "help",  # one word: voice.hearing.short_answers decides those, two decoders agreeing
        "add some time to the timer",  # an amount only when said
        "the weather tomorrow will be fine",  # no request
    ],
)
def test_only_what_the_coach_can_name_in_a_question_is_asked(
    matcher: Matcher, moonshine: str
) -> None:
    assert offered_as(matcher, moonshine).intent != UNSURE or moonshine == "help"
    assert offering(matcher, moonshine).offered("", True, 0.0) == []


def test_nothing_is_offered_over_a_concern_or_without_a_free_decode(matcher: Matcher) -> None:
    words = "i want to die"  # an emergency in the grammar's words: their own rules decide
    assert offering(matcher, "how do i ice it").offered(words, False, 0.0) == []
    assert offering(matcher).offered("", True, 0.0) == []
    assert offering(matcher, "").offered("", True, 0.0) == []


def test_the_coach_asks_and_yes_acts_no_leaves_it(matcher: Matcher, tmp_path: Path) -> None:
    conv = Conversation(tmp_path)
    try:
        asked = offered_as(matcher, "is it okay to go for a wee now")
        question = says(conv.coach.handle(asked, conv.clock.now()))
        assert [s.text for s in question] == ["Do you want to hear about moving around?"]
        answer = says(conv.say("yes", "Yes"))
        assert answer and answer[0].key.startswith("MoveQuestion")
        conv.coach.handle(offered_as(matcher, "how long do i keep the ice on"), conv.clock.now())
        assert [s.key for s in says(conv.say("no", "No"))] == ["Clarify.none"]
        assert not conv.desk.active()  # nothing started, nothing acted on
    finally:
        conv.close()


def test_never_about_a_timer_by_a_name_of_ones_own(matcher: Matcher) -> None:
    """Said "can i have another minute on the ice", Moonshine heard "... on the dice"."""
    assert matcher.understand("can i have another minute on the dice").slots["timer"] == "dice"
    assert offered_as(matcher, "can i have another minute on the dice").intent != UNSURE
    assert offered_as(matcher, "can i have another minute on the ice").intent == UNSURE


def test_the_grammars_own_words_vosk_was_sure_of_are_asked_about(matcher: Matcher) -> None:
    """Said "stop the stretch routine": the grammar heard it word for word, a loose string of
    four words (dropped: short loose strings were mostly room talk), and Moonshine heard "stop
    mr andrew b"."""
    words, sure, unsure = "stop the stretch routine", [1.0, 1.0, 1.0, 0.98], [1.0, 0.6, 0.7, 0.9]
    free = offering(matcher, "stop mr andrew b")
    assert [h.text for h in free.offered(words, True, 0.0, sure)] == [words]
    option = offered_as(matcher, words).alternatives[0]
    assert (option.intent, option.slots.get("timer")) == ("CancelTimer", "stretch")
    assert offering(matcher, "stop mr andrew b").offered(words, True, 0.0, unsure) == []
    assert offering(matcher, "stop mr andrew b").offered(words, True, 0.0) == []  # unknown


def test_moonshines_request_is_asked_about_first(matcher: Matcher) -> None:
    words = "is it fine if i woke up it"  # said "is it fine if i walk a bit"
    free = offering(matcher, "how long do i keep the ice on")
    assert [h.text for h in free.offered(words, False, 0.0, [1.0] * 8)] == [free.heard[0]]


class _Passed:
    """What a recognizer remembers having passed on, as voice.app.wiring reads it. (A stand-in:
    the state it stands for, an early decision's question lingering when the end of speech
    passed the same words on otherwise, comes from a decision at a pause in real noise.)"""

    def __init__(self, sentence: bool = False, agreed: bool = False) -> None:
        self.sentence, self.agreed = sentence, agreed

    def is_sentence(self, text: str) -> bool:
        return self.sentence

    def heard_agreed(self, text: str) -> bool:
        return self.agreed

    def heard_freely(self, text: str) -> bool:
        return False

    def heard_gravely(self, text: str) -> bool:
        return False

    def heard_offered(self, text: str) -> bool:
        return True


def test_words_passed_on_otherwise_too_are_read_as_such_not_asked(matcher: Matcher) -> None:
    from voice.app.wiring import understand_speech

    words = "put twenty more seconds on the hold"
    for passed in (_Passed(sentence=True), _Passed(agreed=True)):
        got = understand_speech(passed, matcher)(words)  # type: ignore[arg-type]
        assert (got.intent, got.slots.get("duration")) == ("AddTime", 20)
    assert understand_speech(_Passed(), matcher)(words).intent == UNSURE  # type: ignore[arg-type]


def test_words_two_decoders_agreed_on_at_a_pause_are_not_asked_about(matcher: Matcher) -> None:
    """Said "get rid of the thirty second timer": at a pause the grammar's words and Moonshine's
    asked the same (voice.hearing.early forgets that decision, the utterance is heard to its
    end); at the end Moonshine heard "get rid of the 32nd timer". The grammar's words, agreed
    on, are read whole; Moonshine's second hearing is no question."""
    words = "get rid on the thirty seconds timer"
    readers = FreeReaders(
        warns=warns_with(matcher), means=means_with(matcher), offer=offer_with(matcher)
    )
    free = listening(readers, "get rid of the thirty second timer")
    assert free.agreed(words, 0.0)  # at the pause
    free.forget()
    free.heard = ["get rid of the 32nd timer"]
    assert not free.agreed(words, 0.0)  # at the end: another amount
    assert free.offered(words, False, 0.0, [1.0] * 7) == []
