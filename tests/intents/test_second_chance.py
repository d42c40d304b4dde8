"""A sentence nothing read whole: read from its clauses, or as said for the person on the floor
(intents/clauses.py, intents/said_for_someone.py), through the real matcher."""

from __future__ import annotations

import pytest

from intents.clauses import clauses
from intents.matcher import load_matcher
from intents.said_for_someone import first_person, for_the_patient


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("louder, he's hard of hearing", "Louder"),
        ("my hand's warmed up a bit now so let's resume the ice", "ResumeTimer"),
        ("I don't want to be dramatic but that's actually quite painful", "ItHurts"),
        ("can he have a hot shower for it", "HeatQuestion"),
        ("thanks, he's a bit more comfortable now", "Thanks"),
        # escalations: the whole sentence, said for the person on the floor
        ("my wife can't catch her breath, she's gasping", "Emergency"),
        ("I think my husband's having a heart attack", "Emergency"),
        ("she says her left foot has gone numb", "RedFlag"),
        ("she's twenty weeks pregnant and her back's gone into spasm", "RedFlag"),
        ("he says he wants to die, he keeps saying it", "Emergency"),  # "i want", not "i wants"
        # dialect (intents/symptoms.py DIALECT, "me"/"ma" before a body word as "my")
        ("I cannae get ma breath, pal.", "Emergency"),
        ("ring the ambo for me, mate, quick", "Emergency"),
        ("me leg's gone numb", "RedFlag"),
        # an answer given last, after its reason (intents/clauses.py concluded_answer)
        ("my knees are already up so yes please", "Yes"),
        ("the ice is still in the freezer so nope", "No"),
        # thanks and fear said last still mean it (intents/clauses.py CLOSING)
        ("the ice worked better than I expected, so thank you", "Thanks"),
        ("the last time this happened I was off work for a month, so I'm really worried", "Scared"),
        ("my daughter tripped during her netball match and smacked her head", "Emergency"),
        ("she slipped on the soap and bashed her head on the bath", "Emergency"),
        # said by whoever is with the one on the floor: "he"/"she" is them
        ("she's expecting twins and it's her first", "RedFlag"),
        ("he has had bowel cancer, years back", "RedFlag"),
        ("my husband's on the floor and he says his toes are tingling", "RedFlag"),
        # watching the news is no programme the sign happens in (said_for_someone._ON_SCREEN)
        ("my wife was watching the news and now she can't breathe", "Emergency"),
        ("my grandmother can't breathe", "Emergency"),  # a grandmother is someone else too
        ("my grandfather's back locked up and his legs are numb", "RedFlag"),
        # signs denied beside a question: the question, not a "no" to an offer
        ("No weakness, no pins and needles. Can I put heat on it?", "HeatQuestion"),
        ("No numbness, no tingling. Just the ache. What's the best way to lie?", "RestPosition"),
        ("No tingling, no, it's only stiff.", "No"),  # an answer to the coach's question
        # a story of someone else's, then how things are now (warning_match.NOW)
        ("my dad had a stroke years ago and now he can't breathe", "Emergency"),
        ("my mum had a stroke years back, and now she can't lift her arm", "RedFlag"),
        ("my husband's chest pain was only heartburn but now he can't breathe", "Emergency"),
        ("my neighbour had a heart attack last year and now my chest is tight", "Emergency"),
        ("my wife has chest pain, she's ok though", "Emergency"),  # now, not a story
        # each sentence read whole before its clauses (intents/clauses.py sentences)
        ("Start the ice. No tingling in my feet, just the back.", "StartIce"),
        ("Yes please. No numbness, before you ask.", "Yes"),
    ],
)
def test_understood_from_a_part_or_said_for_someone(text: str, intent: str) -> None:
    assert load_matcher().understand(text).intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "no, don't cancel the timer",  # told not to: never acted on by a guess
        "do not stop the timer",
        "don't start the ice",
        "my legs are tired from the hike, that's all",  # a closing courtesy is no goodbye
        "we held them to a nil nil draw, not bad",
        "hold... the phone... someone's calling",  # no split at a full stop
        "the umpire stopped play because of the heat",  # a short part is not read alone
        "my grandbaby fell off the swing but she's alright",  # no answer said for someone
    ],
)
def test_parts_that_are_no_request(text: str) -> None:
    assert load_matcher().understand(text).intent in ("Unknown", "Unsure")


@pytest.mark.parametrize(
    "text",
    [
        "no numbness, no tingling, just the usual ache",
        "my grandad had a stroke years ago",
        "my sister is pregnant with her third",
        "the cat fell off the windowsill and landed on her feet as usual",
        "my son fell off the climbing frame last summer, only a grazed knee",
        "in the movie the main character can't feel his legs after the crash",
        "my mate ended up with a trapped nerve after his fall",
        "my niece is pregnant again",
        "my uncle had lung cancer years ago",
        "he tripped over the kerb but he's fine",
        "back in the day my dad had pins and needles in his legs",
        "every time my brother plays rugby he gets pins and needles",
        "my sister was in a car crash last year, she's fine now",
        # where it happened is a programme (said_for_someone._ON_SCREEN)
        "in the korean drama the grandmother collapses and can't breathe",
        "on the news a woman had a stroke on the train, she's ok now",
        # someone else's sign told of as over (said_for_someone.told_as_over)
        "my brother's chest pain turned out to be just indigestion, he's grand",
        "my neighbour had a heart attack last year and he's back at work now",
        "my grandad had a stroke years ago and now he's fine",
        "your mum's chest pain turned out to be heartburn, she's fine",
        "my neighbour had chest pain last year, she's doing well now",
        "in the novela the husband collapses with a heart attack",
    ],
)
def test_no_alarm_for_someone_elses_story(text: str) -> None:
    assert load_matcher().understand(text).intent not in ("RedFlag", "Emergency")


@pytest.mark.parametrize(
    "text",
    [
        "my daughter's lying here with her neck in spasm and she has tingling in her fingers",
        "she says it's like an electric shock down her leg every time she coughs",
        "my husband came off his bike on sunday and now his back is locked",
    ],
)
def test_the_one_on_the_floor_spoken_for(text: str) -> None:
    """Round 13-18's relays: "his back in spasm" is no story ("back in the day" is), "every
    time she coughs" is how it is now, and a crash that ends in the spasm now is its history."""
    assert load_matcher().understand(text).intent == "RedFlag"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("you lie on the loo and you can't feel the seat at all", "Emergency"),
        ("you start to think they'd all be better off without you", "Emergency"),
        ("you try to stand on your legs and they just won't", "Emergency"),
        ("you go to the shops and forget your keys", "Unknown"),
        ("you sit on the sofa and you can't see the telly", "Unknown"),
    ],
)
def test_an_emergency_told_of_oneself_as_you(text: str, intent: str) -> None:
    """Round 17's persona tells of themselves as "you" doing something: an emergency said so is
    the speaker's (intents.said_for_someone.told_as_you); "if" or "when" tells what happens."""
    assert load_matcher().understand(text).intent == intent


def test_clauses_split_at_punctuation_and_joining_words() -> None:
    assert clauses("sorry, could you speak up so I can hear") == [
        "could you speak up",
        "i can hear",
    ]
    assert clauses("set a timer for ten minutes") == []
    assert clauses("an hour and a half") == []  # "and" joins a number, not a clause


def test_first_person_spellings() -> None:
    assert first_person("she says her left foot has gone numb") == [
        "my left foot has gone numb",
        "me left foot has gone numb",
    ]
    assert first_person("my husband's back has just gone, he's lying on the floor") == [
        "my back has just gone, i'm lying on the floor"
    ]
    assert first_person("set a timer for ten minutes") == []
    assert for_the_patient("my dad had a stroke years ago") == []
