"""Blind round 44 (the messy, long turns of a person in pain; bench/fresh_rounds/, dev half
only): what its misses taught, said here in other words than the rows. A question asked after
a story is what is wanted (intents.asked_last); someone else's sign the speaker then disowns is
theirs (intents.warning_match `_theirs_not_mine`), a fever said to be gone is over
(intents/symptoms.yaml `resolved`), a numb iced spot after a turn is the ice's; a start "back
up" resumes or asks; exclamations and swearing around a request are left out
(intents.courtesy). First contact: right 87.8%, wrong actions 6.1% of the dev half's 262
requests, false alarms 3.8% of 292."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from intents.matcher import Matcher
from intents.warning_match import ESCALATIONS, warning_match

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from blind_scoring import requests_scored, signs_caught  # noqa: E402

ROUNDS = Path(__file__).resolve().parents[2] / "bench" / "fresh_rounds"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("my arms and legs are fine it's just the neck that won't turn what position should i "
         "sleep in", "RestPosition"),
        ("it's four days now still locked solid can i have the electric blanket on it",
         "HeatQuestion"),
        ("no shooting pain just a deep throb in the middle is it worth putting ice on",
         "IceHowLong"),
        ("it's a dull ache right in the middle nothing shooting is it worth icing", "IceHowLong"),
    ],
)  # fmt: skip
def test_a_question_asked_after_a_story_is_what_is_wanted(
    matcher: Matcher, text: str, intent: str
) -> None:
    assert matcher.understand(text).intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "the radio said how to prevent a heart attack",  # a programme's words
        "my brother asked me how long it takes to heal",  # someone else's question
        "she pulled up with what looks like a hamstring",  # "what" no question
    ],
)
def test_a_question_told_of_is_not_asked(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent in ("Unknown", "Unsure")


@pytest.mark.parametrize(
    "text",
    [
        "my husband had a fever yesterday but i don't so i reckon it's a normal spasm, how long "
        "should i ice",
        "my sister gets pins and needles but i don't, how long do i ice it",
        "my father has numbness in his legs from diabetes but for me it's only the back spasm, "
        "how long will it take",
        "my mum had numb legs from her disc but me no, just the back, when will it get better",
        "last month i had a fever but it's gone now, can i use heat",
    ],
)
def test_a_sign_of_someone_elses_or_over_is_not_the_speakers(matcher: Matcher, text: str) -> None:
    """The safety lexicon claims none of them (the safety net, its own model, still reads
    the fourth as a sign: a false alarm it may raise, on the safe side)."""
    assert warning_match(text) is None
    if "mum" not in text:
        assert matcher.understand(text).intent not in ESCALATIONS


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("my wife had a fever but i don't, and my foot has gone numb", "RedFlag"),
        ("my friend had pins and needles but now i've got them too", "RedFlag"),
        ("my wife had tingling but i only have it in my toes", "RedFlag"),
        ("i crashed the car, someone hit me, but my head is fine", "RedFlag"),
        ("my husband can't breathe but i'm fine", "Emergency"),  # someone in the room
        ("i had a fever and it's gone up", "RedFlag"),
        ("i have a fever and it's gone so high", "RedFlag"),
        ("my leg went numb but it's gone now", "RedFlag"),  # numbness counts when over
        ("the ice is done, but now my fingers feel dead", "RedFlag"),  # a limb named
    ],
)
def test_a_sign_of_the_speakers_still_escalates(matcher: Matcher, text: str, intent: str) -> None:
    assert matcher.understand(text).intent == intent


def test_the_iced_spot_gone_numb_after_a_turn_is_the_ices(matcher: Matcher) -> None:
    assert matcher.understand("ice done now and it's numb, what do i do next").intent == (
        "NextStep"
    )


def test_a_start_back_up_resumes_or_asks(matcher: Matcher) -> None:
    """The model alone was sure of a new stretch for the first (the one left off lost)."""
    got = matcher.understand("alright go ahead and start the stretch back up")
    assert (got.intent, got.slots) == ("ResumeTimer", {"timer": "stretch"})
    assert matcher.understand("put the timer back on").intent == "ResumeTimer"
    assert matcher.understand("start the stretch").intent == "StartStretch"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("bloody hell, reached for the kettle and my flipping back just locked", "SpasmStarted"),
        ("argh, how long's left on it", "TimerStatus"),
    ],
)
def test_exclamations_around_a_request_are_left_out(
    matcher: Matcher, text: str, intent: str
) -> None:
    assert matcher.understand(text).intent == intent


def test_dev_half_floor(matcher: Matcher) -> None:
    """Requests of the dev half: right and wrong actions at the measured values."""
    scores = requests_scored(matcher.understand, ROUNDS / "mixed_round44_dev.yaml")
    assert scores.count("right") / len(scores) >= 0.92
    assert scores.count("wrong") <= 8  # of 262 (3.1%)
    signs, emergencies = signs_caught(matcher.understand, ROUNDS / "mixed_round44_dev.yaml")
    assert signs >= 35 / 36
    assert emergencies == 1.0


def test_no_question_is_read_from_a_recognizers_loose_string(matcher: Matcher) -> None:
    """Spoken (bench voice, 10 dB), "the roast needs another hour at least" came out of the
    grammar as a loose string ending on a sentence of ours; read from its tail, it was a
    question about painkillers. Typed, the question after a story still counts."""
    heard = "the low need another how about aleve"
    assert matcher.understand(heard, generalise=False).intent == "Unknown"
    assert matcher.understand(heard).intent == "PainRelief"


@pytest.mark.parametrize("text", ["the pasta timer", "that timer", "the bloody timer"])
def test_a_timer_named_alone_is_no_command(matcher: Matcher, text: str) -> None:
    """Found beside the round: "the bloody timer" cancelled a timer named "bloody". Named
    alone, a timer is the answer to the desk's "which one?" (read there from the words), never
    a command by itself (intents.fragments `names_a_timer_only`)."""
    assert matcher.understand(text).intent == "Unknown"
    assert matcher.understand(f"cancel {text}").intent == "CancelTimer"
