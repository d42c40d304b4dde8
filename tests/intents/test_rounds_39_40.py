"""Blind rounds 39 and 40 (emergencies in the speaker's own words, bench/fresh_rounds/; dev
halves only): overdose without the usual verbs (too much insulin, a tub emptied into oneself,
"ingested", "over dosed", opioids with drink), suicidal plans, legs that will not answer, a heart
squeezed or skipping with a cold sweat, the lungs that will not fill, a bladder that has passed
nothing all day, an ambulance sent for or summoned; said here in other words than the rows.
Two rules: someone spoken to first with no comma, as a recognizer writes it, is no one else; a
lone "nothing" before the speaker's own words denies nothing after it. Through the whole
matcher, and the dev halves' floors (first contact: emergency-first 86.7% and 75.6%)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from intents.matcher import Matcher

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from blind_scoring import ESCALATE, signs_caught  # noqa: E402

ROUNDS = Path(__file__).resolve().parents[2] / "bench" / "fresh_rounds"

EMERGENCIES = [
    "I took way too much of my insulin, about double",
    "poured the whole bottle of paracetamol down my throat",
    "i over dosed on the codeine i think",
    "I swallowed a load of tramadol with vodka",
    "bro i necked the lot of my mums sleeping pills",
    "I've made up my mind to end my life tonight",
    "honestly I'd prefer never to wake up again",
    "I'm done with living, the pills are lined up",
    "I keep thinking about jumping from the balcony",
    "both my legs have gone useless, I can't bend or kick either",
    "I tried to lift my legs and nothing, my legs won't move at all",
    "it feels like someone is crushing my heart",
    "my heart's racing and skipping and everything went black for a second",
    "there's a band across the front of my ribs, tight, and I'm sweating",
    "my lungs won't fill up properly",
    "my inhaler isn't helping and I can hardly get air",
    "I haven't passed any urine all day",
    "could you send for an ambulance please",
    "summon the paramedics now",
    "I went head first into the wall and I feel strange",
    "mum i can't breathe",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergencies_said_in_other_words(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent == "Emergency"


CALM = [
    ("do i need to call an ambulance for a back spasm or is that overkill", "AskProfessional"),
    ("Thank you, I was about to ring an ambulance over nothing.", "Thanks"),
    ("Cancel every one of them, all of them, they're confusing me", "CancelTimer"),
    ("is tylenol or advil better, i dont wanna take too many pills", "PainRelief"),
    ("can I take a double dose of ibuprofen?", "PainRelief"),
    ("it started two days ago after a long night shift on the cardiac ward", "Onset"),
    ("no tingling nothing, my back just locked up", "SpasmStarted"),
]


@pytest.mark.parametrize(("text", "intent"), CALM)
def test_look_alikes_stay_calm(matcher: Matcher, text: str, intent: str) -> None:
    assert matcher.understand(text).intent == intent


NO_ALARM = [
    "drinking through a straw is easier lying down",
    "I haven't had water all day",
    "I feel I'm drowning in paperwork",
    "in front of the telly, tight hamstrings, middle of the night",
    "I've got my pills laid out for the week",
    "the belt around my ribs is tight",
    "I finished the whole box of tissues",
    "I've done the whole lot of holds",
    "I pulled the ice pack off myself",
    "I've decided to finish things for today",
]
"""Sayings the wider readings above must not take for a sign."""


@pytest.mark.parametrize("text", NO_ALARM)
def test_no_alarm_from_the_wider_readings(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent not in ESCALATE


STILL = [
    ("I take too many pill, maybe twenty tablet", "Emergency"),
    ("nothing, my foot is numb", "RedFlag"),
    ("mum my foot has gone numb", "RedFlag"),
    ("I was in a crash, didn't hit my head", "RedFlag"),
    ("people keep saying I have got so thin and I am not even trying", "RedFlag"),
    ("i got knocked down and hit the floor hard", "RedFlag"),
    ("my grip is weak, I keep dropping cups", "RedFlag"),
]


@pytest.mark.parametrize(("text", "intent"), STILL)
def test_signs_beside_them_keep_their_tier(matcher: Matcher, text: str, intent: str) -> None:
    assert matcher.understand(text).intent == intent


@pytest.mark.parametrize(
    ("name", "caught", "first"),
    [("emergencies_round39_dev.yaml", 0.99, 0.99), ("emergencies_round40_dev.yaml", 0.99, 0.98)],
)
def test_dev_half_floors(matcher: Matcher, name: str, caught: float, first: float) -> None:
    signs, emergencies = signs_caught(matcher.understand, ROUNDS / name)
    assert signs >= caught
    assert emergencies >= first
