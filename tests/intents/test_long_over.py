"""A warning sign of one's own told as long over ("I lost control of my bladder once, years
back, nothing since") is no sign now, for the lexicon and the safety net alike; one that came
back, one said as now beside the story, and a history that is the sign (cancer) still are.
Through the whole matcher, and `long_over` alone. Round 36's dev half escalated six such stories
of its seven false alarms."""

from __future__ import annotations

import pytest

from intents.long_over import long_over
from intents.matcher import Matcher

OVER = [
    ("my bladder went funny years ago but it's been fine since", "Unknown"),
    ("I lost control of my bladder once, years back, nothing since", "Unknown"),
    ("I had numbness in my leg years ago but it got fixed", "Unknown"),
    ("when I was pregnant my leg went numb but that's over now", "Unknown"),
    ("i had sciatica years ago, it's fine now", "Unknown"),
    ("years ago my leg went all fizzy but it went away", "Unknown"),
    ("I had pins and needles as a kid, never came back. can I use heat?", "HeatQuestion"),
    ("my leg went numb years ago but it's fine now and my back is in spasm", "SpasmStarted"),
]


@pytest.mark.parametrize(("text", "intent"), OVER)
def test_a_sign_told_as_long_over_is_not_escalated(
    matcher: Matcher, text: str, intent: str
) -> None:
    assert matcher.understand(text).intent == intent


STILL_SIGNS = [
    ("i had sciatica years ago and it's come back", "RedFlag"),
    ("my leg went numb years ago and was fine until this morning", "RedFlag"),
    ("i had numbness years ago, it's gone, it's numb again", "RedFlag"),
    ("my leg went numb years ago, it went away, but now my foot is tingling", "RedFlag"),
    ("my leg has been numb since yesterday, I had an op years ago and it got fixed", "RedFlag"),
    ("i fell off a ladder years ago, all healed, but i fell again today", "RedFlag"),
    ("I had a tumour removed years ago, fine since", "RedFlag"),
    (
        "years ago i lost control of my bladder, it went away, and last night it happened again",
        "Emergency",
    ),  # fmt: skip
    ("when i was a kid i had numb legs, it went away, but i can't feel my legs now", "Emergency"),
    ("i had a stroke years ago, i'm fine now, but my face is drooping", "Emergency"),
    ("i had chest pain years ago, it passed, and now i've got chest pain", "Emergency"),
    ("my leg went numb years ago but it's fine now, i can't pee since this morning", "Emergency"),
]


@pytest.mark.parametrize(("text", "intent"), STILL_SIGNS)
def test_a_sign_that_came_back_or_is_said_as_now_still_escalates(
    matcher: Matcher, text: str, intent: str
) -> None:
    assert matcher.understand(text).intent == intent


def test_the_whole_sentence_is_kept_when_a_later_clause_is_the_sign(matcher: Matcher) -> None:
    text = "i fell off a ladder years ago, all healed, but i fell again today"
    assert matcher.match(text) is not None
    assert matcher.understand(text).text == text


@pytest.mark.parametrize(
    ("text", "family", "rest"),
    [
        ("my leg went numb years ago, it went away, but now my foot is tingling", "numbness",
         ", but now my foot is tingling"),
        ("I had a tumour years ago, long gone", "cancer", None),  # the history is the sign
        ("my leg went numb two days ago but it's fine now", "numbness", None),  # not long past
        ("i had numbness years ago, it's been sorted since", "numbness", ""),
    ],
)  # fmt: skip
def test_long_over_returns_where_the_story_ends(text: str, family: str, rest: str | None) -> None:
    cut = long_over(text, family)
    assert (None if cut is None else text[cut:]) == rest
