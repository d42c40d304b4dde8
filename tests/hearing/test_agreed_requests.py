"""The grammar's loose or dropped words, read whole when the first free decode (Moonshine's)
asks the same of the coach (voice.hearing.free_listening `agreed`): two decoders heard one
request. The strings are what the recognizers gave for bench voices (saved by
bench/spoken_safety_misses.py); the real matcher reads them."""

from __future__ import annotations

from free_pass_harness import listening

from intents.matcher import Matcher
from voice.hearing.free_listening import FreeListening, FreeReaders
from voice.hearing.matcher_wiring import heard_as, means_with, warns_with


def agreeing(matcher: Matcher, *decodes: str) -> FreeListening:
    return listening(FreeReaders(warns=warns_with(matcher), means=means_with(matcher)), *decodes)


def test_loose_words_both_decoders_heard_are_read_whole(matcher: Matcher) -> None:
    words = "should i see a doctor about my neck"  # no sentence of ours
    assert heard_as(matcher, words, whole=False).intent == "Unknown"  # as a loose string
    free = agreeing(matcher, "should i see a doctor about my neck", "she'll die see your doctor")
    assert [h.text for h in free.agreed(words, 0.0)] == [words]
    assert free.passed_agreed(words)
    assert heard_as(matcher, words, whole=True).intent == "AskProfessional"


def test_the_same_request_in_other_words_agrees_slots_and_all(matcher: Matcher) -> None:
    free = agreeing(matcher, "i need three more minutes on the ice")
    heard = free.agreed("i the three more minutes on the ice", 0.0)
    assert [h.text for h in heard] == ["i the three more minutes on the ice"]
    read = matcher.understand(heard[0].text)
    assert (read.intent, read.slots.get("duration")) == ("AddTime", 180)


def test_another_amount_is_no_agreement(matcher: Matcher) -> None:
    free = agreeing(matcher, "i need four more minutes on the ice")
    assert free.agreed("i the three more minutes on the ice", 0.0) == []


def test_another_request_is_no_agreement(matcher: Matcher) -> None:
    """'can i sit up now' heard by the grammar as 'can i heat up now'."""
    assert matcher.understand("can i heat up now").intent == "HeatQuestion"
    free = agreeing(matcher, "can i sit up now")
    assert free.agreed("can i heat up now", 0.0) == []
    assert not free.passed_agreed("can i heat up now")


def test_warning_signs_and_single_words_are_left_to_their_own_rules(matcher: Matcher) -> None:
    assert agreeing(matcher, "my leg has gone numb").agreed("my leg has gone numb", 0.0) == []
    assert agreeing(matcher, "yes").agreed("yes", 0.0) == []  # voice.hearing.short_answers
    assert agreeing(matcher, "the weather tomorrow").agreed("the weather tomorrow", 0.0) == []


def test_nothing_is_agreed_without_a_free_decode(matcher: Matcher) -> None:
    assert agreeing(matcher).agreed("should i see a doctor about my neck", 0.0) == []
