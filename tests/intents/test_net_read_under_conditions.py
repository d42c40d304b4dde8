"""The safety net reads, surer, sentences it once left to the lexicon (intents.safety_net): one
said for the person on the floor, as that person would say it (SOMEONE_ELSE: "he says his left
hand has gone all fuzzy" is read as "my left hand has gone all fuzzy"), and one of a vehicle
with the speaker's own body in it (VEHICLE: "a van clipped me on my bike yesterday and now my
back has gone into spasm"). Stories, animals, the speaker's own set against another's, someone
back to their life, and a vehicle without the speaker's body stay unread. Real models;
sentences written for this test."""

from __future__ import annotations

import pytest

from intents.matcher import load_matcher
from intents.normalize import normalize
from intents.safety_net import SAFETY_NET, safety_net

SAID_FOR_THEM = [
    ("he says his left hand has gone all fuzzy and dead", "RedFlag"),
    ("my wife says she can't feel her foot properly since her back went", "RedFlag"),
    ("he reckons his leg's gone to jelly and won't take his weight", "RedFlag"),
    ("she's saying the pain goes all the way down her leg like a hot wire", "RedFlag"),
    ("she says her chest is really tight and she can't get a breath", "Emergency"),
    ("mum, my legs have stopped working, I can't shift them", "Emergency"),
    ("dad, I've wet the bed and I never even felt it", "Emergency"),
]
WITH_A_VEHICLE = [
    ("some idiot rear-ended my car this morning and my neck's been locked ever since", "RedFlag"),
    ("a van clipped me on my bike yesterday and now my back has gone into spasm", "RedFlag"),
    ("I rolled the tractor, hit my head on the roof and I keep being sick", "Emergency"),
]
SOMEONE_ELSES = [
    "my brother had pins and needles in his arm years ago",
    "my dog's back legs are weak",
    "my husband's leg went numb last week, mine's just a spasm",
    "my husband has sciatica down his leg, is mine the same thing or just a spasm?",
    "my son has a temperature",
    "she's back at work after months of back pain",
    "she's back on court after months of back pain",
    "my car battery is dead",
    "my car's back door is stuck again",
    "I hurt my back lifting the shopping out of the car",
    "can I drive my car with a bad back",
]


def _net(text: str) -> str | None:
    statistical = load_matcher().statistical
    assert statistical is not None
    said = normalize(text).without_leading()
    caught = safety_net(statistical.signs, statistical.model, text, said, SAFETY_NET)
    return None if caught is None else caught.intent


@pytest.mark.parametrize(("text", "tier"), SAID_FOR_THEM + WITH_A_VEHICLE)
def test_a_sign_said_for_them_or_with_a_vehicle_is_read(text: str, tier: str) -> None:
    assert _net(text) == tier


@pytest.mark.parametrize("text", SOMEONE_ELSES)
def test_someone_elses_sign_a_story_or_a_vehicle_alone_is_not_read(text: str) -> None:
    assert _net(text) is None
