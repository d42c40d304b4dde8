"""Safety-netting when unsure (intents.concern): a sentence nothing understood that may still say
an emergency is Unknown with a concern, and the coach answers "If this is an emergency, call
emergency services now" instead of "Sorry, I didn't catch that". Real lexicon, real models and
the real coach; the sentences are written here, none is a row of a blind round."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from coach_harness import Conversation, first_sentence, says

from intents.matcher import Matcher, load_matcher
from intents.types import EMERGENCY_CONCERN
from voice.events import Priority
from voice.hearing.matcher_wiring import heard_as

UNSURE_EMERGENCIES = [
    "my heart is doing a funny dance and the room is going grey",
    "there's no room in my lungs",
    "I think I'll just stop being alive",
    "the breathing thing is happening again",
]
"""Emergencies said in words neither the lexicon nor the net is sure of (today)."""


@pytest.mark.parametrize("said", UNSURE_EMERGENCIES)
def test_an_emergency_nothing_understood_carries_a_concern(matcher: Matcher, said: str) -> None:
    match = matcher.understand(said)
    assert match.intent in ("Unknown", "Emergency"), match
    if match.intent == "Unknown":  # the lexicon may learn it later: then it is escalated
        assert match.concern == EMERGENCY_CONCERN
        assert match.to_json()["concern"] == EMERGENCY_CONCERN


@pytest.mark.parametrize(
    "said",
    [
        "what is the weather like tomorrow",
        "in the film the hero has a stroke and cannot speak",  # said of a film
        "this drama on the telly is all about a heart surgeon",
        "pass me the remote",
    ],
)
def test_talk_with_no_word_of_an_emergency_or_said_of_a_film_carries_none(
    matcher: Matcher, said: str
) -> None:
    match = matcher.understand(said)
    assert (match.intent, match.concern) == ("Unknown", "")
    assert "concern" not in match.to_json()


@pytest.mark.parametrize(
    "said", ["set a timer for ten minutes", "how long do i ice it", "I have chest pain"]
)
def test_what_is_understood_carries_no_concern(matcher: Matcher, said: str) -> None:
    assert matcher.understand(said).concern == ""


def test_a_loose_string_of_the_grammars_words_carries_none(matcher: Matcher) -> None:
    """Vosk's loose strings say our words where nobody did
    (voice.hearing.matcher_wiring.heard_as)."""
    loose = "chest the breathing heart"
    assert heard_as(matcher, loose, whole=False, freely=False).concern == ""
    assert heard_as(matcher, loose, whole=False, freely=True).concern == EMERGENCY_CONCERN


@pytest.fixture
def talk(tmp_path: Path) -> Iterator[Conversation]:
    """The real coach, understanding with the real matcher."""
    conv = Conversation(tmp_path, understand=load_matcher().understand)
    yield conv
    conv.close()


def told_to_call_if_an_emergency(talk: Conversation, text: str, intent: str) -> str:
    """The one reply, at safety priority, opening with where to turn; its text."""
    said = says(talk.say(text, intent))
    assert len(said) == 1 and said[0].priority == Priority.SAFETY
    assert first_sentence(said[0].text) == "If this is an emergency, call emergency services now."
    return said[0].text


def test_the_coach_says_to_call_if_it_is_an_emergency_and_asks_again(talk: Conversation) -> None:
    assert "again" in told_to_call_if_an_emergency(talk, "there's no room in my lungs", "Unknown")
    plain = says(talk.say("what is the weather like tomorrow", "Unknown"))
    assert "emergency" not in plain[0].text and plain[0].priority == Priority.CHATTER


FEAR_OF_DYING = [
    "i'm scared i'm going to die",
    "am i dying",
    "i think i'm dying",
    "please don't let me die",
]
"""Fear that speaks of dying: understood as fear, and told first where to turn."""


@pytest.mark.parametrize("said", FEAR_OF_DYING)
def test_fear_of_dying_is_fear_with_a_concern(matcher: Matcher, said: str) -> None:
    match = matcher.understand(said)
    assert (match.intent, match.concern) == ("Scared", EMERGENCY_CONCERN), match


def test_dying_is_never_a_word_the_near_miss_reading_leaves_out(matcher: Matcher) -> None:
    """ "i don't want to die" was "i don't want to" with a word added: a No to the coach's
    offer (intents.fuzzy: words of death and of the emergencies are never added, dropped or
    swapped)."""
    assert matcher.understand("i don't want to").intent == "No"
    for said in ["i don't want to die", "i don't wanna die"]:
        match = matcher.understand(said)
        assert match.intent in ("Scared", "Unknown") and match.concern == EMERGENCY_CONCERN, match


@pytest.mark.parametrize("said", ["i'm scared", "i'm frightened to death lying here"])
def test_fear_without_dying_carries_none(matcher: Matcher, said: str) -> None:
    assert (matcher.understand(said).intent, matcher.understand(said).concern) == ("Scared", "")


@pytest.mark.parametrize("said", ["the plant is losing leaves, I think it's dying"])
def test_a_plant_dying_is_no_fear(matcher: Matcher, said: str) -> None:
    assert matcher.understand(said).intent != "Scared"


@pytest.mark.parametrize(
    "said", ["i want to die", "i'm going to die", "i think i'm going to die", "i'm gonna die"]
)
def test_wanting_or_sure_to_die_is_still_the_emergency(matcher: Matcher, said: str) -> None:
    """The new lines of fear (intents/templates) are the net's examples of no sign: none may
    say "die", or "i'm going to die" stops being the emergency it was."""
    assert matcher.understand(said).intent == "Emergency"


def test_the_coach_answers_fear_of_dying_with_where_to_turn_first(talk: Conversation) -> None:
    assert "I'm here" in told_to_call_if_an_emergency(talk, "i think i'm dying", "Scared")
    calm = says(talk.say("i'm scared", "Scared"))
    assert "emergency" not in calm[0].text and "numbness" in calm[0].text
