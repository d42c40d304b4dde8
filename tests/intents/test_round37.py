"""Blind round 37 (warning signs and emergencies said in other words, harmless look-alikes; dev
half only, bench/fresh_rounds/), said otherwise than its sentences: a jump said as "I'd sooner",
"won't be around after tonight", the rest of a bottle emptied, fire running down a limb, knocked
off a bike, landing flat on one's backside, pain called nocturnal, a history of cancer written
"PMH"; someone spoken to ("mate") taken for someone else; sayings and stories that only sound
alarming. Through the whole matcher."""

from __future__ import annotations

import pytest

from intents.matcher import Matcher

EMERGENCIES = [
    "honestly I'd rather throw myself off the bridge than live like this",
    "I won't be around much longer, I've said my goodbyes",
    "she emptied the rest of the codeine, maybe twenty",
    "my legs won't move pal, they were fine an hour ago",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergencies_said_in_other_words(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent == "Emergency"


SIGNS = [
    "it's like lightning shooting down my arm",
    "I got knocked off my scooter on the way home",
    "slipped in the yard and landed flat on my backside",
    "I went down on the stairs at work this morning",
    "the pain is nocturnal, it's worst at night",
    "pmh of lymphoma, in remission",
]


@pytest.mark.parametrize("text", SIGNS)
def test_warning_signs_said_in_other_words(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent == "RedFlag"


CALM = [
    ("my boss will have a heart attack when I tell him I'm off sick", "Unknown"),
    ("I need to get this off my chest, I'm fed up with the neighbours", "Unknown"),
    ("my mum had a stroke at seventy two, I'm frightened", "Scared"),
    ("my uncle had a stroke, he is fine now, could you repeat that", "Repeat"),
    (
        "I did have numb fingers once but that was sorted in 2015, can I take ibuprofen",
        "PainRelief",
    ),  # fmt: skip
]


@pytest.mark.parametrize(("text", "intent"), CALM)
def test_sayings_and_stories_stay_calm(matcher: Matcher, text: str, intent: str) -> None:
    assert matcher.understand(text).intent == intent


STILL = [
    ("I think I'm going to have a heart attack", "Emergency"),
    ("my uncle had a stroke, he is fine now but he can't breathe", "Emergency"),
    ("my uncle had a stroke, he is fine now but he can't lift his arm", "RedFlag"),
    ("I went down on the ice pack and my leg is numb", "RedFlag"),
]


@pytest.mark.parametrize(("text", "intent"), STILL)
def test_signs_beside_them_still_escalate(matcher: Matcher, text: str, intent: str) -> None:
    assert matcher.understand(text).intent == intent
