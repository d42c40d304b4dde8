"""Free words graver than the grammar's (voice.hearing.free_listening's `graver`): the grammar
can only say our sentences, so "i don't want to die" comes out of it as "i don't want the ice"
(a timer cancelled) while Moonshine's free decode hears it word for word. A free decode with a
word of life and death or of the emergencies that reads as a warning sign or the emergency
concern, where the grammar's words do not, is passed on instead, and read for the concern only
(one decoder's words: never the safety net's escalation). The strings are what the recognizers
gave for bench voices (bench/spoken_safety_misses.py); the real matcher decides.
Only words of life and death count ("die", "dying", "dead"...): one decoder's "chest" or
"breathe" were mostly mishearings of harmless talk (bench/results/graver_words.md)."""

from __future__ import annotations

import pytest

from intents.matcher import Matcher, load_matcher
from intents.types import EMERGENCY_CONCERN
from voice.hearing.free_listening import FreeListening, FreeReaders
from voice.hearing.matcher_wiring import grave_with, heard_as, net_with, warns_with

AUDIO = bytes(2 * 16000)  # one second: long enough to be decoded freely


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return load_matcher()


def listening(matcher: Matcher, *decodes: str) -> FreeListening:
    free = FreeListening(
        None,
        FreeReaders(warns=warns_with(matcher), net=net_with(matcher), grave=grave_with(matcher)),
        True,
        0.5,
    )
    for text in decodes:
        assert free.hear(AUDIO, 0.0, lambda audio, text=text: text) == []  # no warning sign
    return free


def test_words_of_dying_act_instead_of_the_grammars_timer_command(matcher: Matcher) -> None:
    grammar = "i don't want the ice"
    assert matcher.understand(grammar).intent == "CancelTimer"  # what would have been done
    free = listening(matcher, "i don't want to die")
    heard = free.graver(grammar, True, 0.0)
    assert [h.text for h in heard] == ["i don't want to die"]
    assert free.passed_gravely(heard[0].text) and not free.passed_on(heard[0].text)
    got = heard_as(matcher, heard[0].text, whole=False, gravely=True)
    assert (got.intent, got.concern) == ("Unknown", EMERGENCY_CONCERN)


def test_when_the_grammar_passed_nothing_on_they_act_too(matcher: Matcher) -> None:
    """'i think i'm going to die' (a bench voice): Moonshine word for word, Vosk's open
    vocabulary 'today'; the net reads free words only where two decoders agree, and the grammar
    gave nothing. Read gravely, it is the concern, not the net's Emergency."""
    free = listening(matcher, "i think i'm going to die", "i think i'm going today")
    heard = free.graver("", False, 0.0)
    assert [h.text for h in heard] == ["i think i'm going to die"]
    got = heard_as(matcher, heard[0].text, whole=False, gravely=True)
    assert (got.intent, got.concern) == ("Unknown", EMERGENCY_CONCERN)
    assert heard_as(matcher, heard[0].text, whole=False, freely=True).intent == "Emergency"


def test_one_decoders_mishearing_is_at_most_a_concern(matcher: Matcher) -> None:
    """'i'm going to die of boredom lying here' heard by Moonshine as 'i'm going to die for
    them i ain't here': the net would call that an emergency; passed on gravely it is only the
    conditional sentence."""
    free = listening(matcher, "i'm going to die for them i ain't here")
    heard = free.graver("", False, 0.0)
    assert heard_as(matcher, heard[0].text, whole=False, freely=True).intent == "Emergency"
    got = heard_as(matcher, heard[0].text, whole=False, gravely=True)
    assert (got.intent, got.concern) == ("Unknown", EMERGENCY_CONCERN)


@pytest.mark.parametrize(
    ("free", "grammar", "whole"),
    [
        ("how long do i ice it", "how long do i ice it", True),  # no grave word
        ("how long do i keep the heat on", "how long do i ice it", True),  # none either
        ("am i dying", "am i dying", True),  # the grammar's words carry it already
        ("my leg is numb and my chest hurts", "my leg is numb", True),  # the grammar's escalate
        ("i'm dying for a cup of tea", "i'm done with the ice", True),  # no concern read
        ("breathe in hold for four", "breathe info", False),  # a word of the emergencies only
        ("my chest it really i am slowly didn't fill my jaw", "", False),  # the same
    ],
)
def test_not_graver(matcher: Matcher, free: str, grammar: str, whole: bool) -> None:
    listened = FreeListening(
        None, FreeReaders(warns=warns_with(matcher), grave=grave_with(matcher)), True, 0.5
    )
    listened.heard = [free]
    assert grave_with(matcher)(free, grammar, whole) is False
    assert listened.graver(grammar, whole, 0.0) == []
