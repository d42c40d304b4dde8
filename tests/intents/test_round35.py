"""Blind round 35 (care questions said with history, conversation, signs; dev half only,
bench/fresh_rounds/), said otherwise than its sentences: an overdose counted roughly, a fall in
an idiom without "I", a sign said after a denial or a question about another sign, talk on the
phone beside a "yeah", a "so what, ..." that opens a question, someone else's disc. Through the
whole matcher."""

from __future__ import annotations

import pytest

from intents.matcher import Matcher
from intents.symptoms import spot_warning

ROUGH_OVERDOSES = [
    "I've taken roughly twenty ibuprofen in the last hour",
    "I took approximately 15 paracetamol",
    "I've had upwards of a dozen painkillers today",
    "I've taken something like thirty tablets",
    "took probably eight or nine aspirin",
]


@pytest.mark.parametrize("text", ROUGH_OVERDOSES)
def test_an_overdose_counted_roughly_is_an_emergency(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent == "Emergency"


@pytest.mark.parametrize(
    "text", ["took two ibuprofen about an hour ago", "I took maybe two paracetamol this morning"]
)
def test_a_dose_said_roughly_is_no_overdose(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent not in ("Emergency", "RedFlag")


@pytest.mark.parametrize(
    "text",
    [
        "went arse over tit on the stairs",
        "went head over heels down the garden steps this morning",
        "Went base over apex on the patio, that's how it started",
    ],
)
def test_a_fall_said_in_an_idiom_without_i_is_a_warning_sign(text: str) -> None:
    found = spot_warning(text)
    assert found is not None and found.family == "fall"


SIGN_AFTER_A_DENIAL = [
    ("I don't think it's a slipped disc but my leg is numb", "numbness"),
    ("I don't think it's sciatica, my foot is tingling", "tingling"),
    ("what does tingling mean, my hand is tingling", "tingling"),
]


@pytest.mark.parametrize(("text", "family"), SIGN_AFTER_A_DENIAL)
def test_a_sign_said_after_a_denial_of_another_is_claimed(text: str, family: str) -> None:
    """Before, a sentence that opened with a denial or a question about a sign claimed nothing
    whatever its later clauses said: "I don't think it's sciatica, my foot is tingling" was
    Unknown (a warning sign missed)."""
    found = spot_warning(text)
    assert found is not None and found.family == family


@pytest.mark.parametrize(
    "text",
    [
        "I can't say I have any numbness, tingling or weakness",
        "I can't say I have any numbness, or tingling, or weakness",
        "if my foot goes numb, should I worry",
        "A colleague of mine had a ruptured disc, unrelated; in my case, is walking okay?",
    ],
)
def test_a_list_denied_or_someone_elses_sign_is_not_claimed(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent not in ("Emergency", "RedFlag")


@pytest.mark.parametrize(
    "text",
    [
        "Yeah, I'm fine, I'll call you back later",
        "Yeah, I'm f-fine, it's just my b-back, I'll c-call you back later, bye Nan",
        "yep, talk to you later",
        "yeah, love you too, bye",
    ],
)
def test_a_yes_said_on_the_phone_takes_no_offer(matcher: Matcher, text: str) -> None:
    """Read as a yes, it would take whatever the coach had just offered (start the ice)."""
    assert matcher.understand(text).intent not in ("Yes", "No")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("yes please, start the ice", "StartIce"),
        ("What? Again. Ice machine crashed in the kitchen.", "Repeat"),
        ("sorry, what?", "Repeat"),
    ],
)
def test_answers_and_repeats_still_count(matcher: Matcher, text: str, intent: str) -> None:
    assert matcher.understand(text).intent == intent


def test_a_what_that_opens_a_question_asks_for_no_repeat(matcher: Matcher) -> None:
    said = "To be clear, my MRI was normal; so what, in layman's terms, is a spasm?"
    assert matcher.understand(said).intent != "Repeat"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("What's brought this on then? I've done nowt out of the ordinary", "ExplainSpasm"),
        ("Do I need A and E or can I finish service lying down?", "AskProfessional"),
        ("Is the application of a heating pad contraindicated at this stage?", "HeatQuestion"),
        ("I should note that the last movement has significantly increased the pain", "ItHurts"),
    ],
)
def test_care_questions_in_another_register(matcher: Matcher, text: str, intent: str) -> None:
    assert matcher.understand(text).intent == intent
