"""What blind round 38's dev half taught, generally, through the whole matcher: a timer's own
name said without "the" or "timer" ("add half an hour to laundry", "how much time left for
pelmeni", "continue timer of molokhia", "is the bleach nearly done"); a passive "called" names
no timer ("I've been called back in"); a verb that names the very timer action the model leans
to lowers the bar it must clear ("delete the minute and a half one"); a vehicle braking hard
and the speaker thrown about, or hitting the dashboard, is an accident to get checked; someone
spoken to at the end ("thanks hun") and a place ("at the gate") are not what was asked about."""

from __future__ import annotations

import pytest

from intents.matcher import Matcher
from intents.slot_words import parse_timer_name

NAMED = [
    ("add half an hour to laundry", "AddTime", {"duration": 1800, "timer": "laundry"}),
    ("take off half an hour from laundry", "RemoveTime", {"duration": 1800, "timer": "laundry"}),
    ("how much time left for pelmeni", "TimerStatus", {"timer": "pelmeni"}),
    ("is the bleach nearly done", "TimerStatus", {"timer": "bleach"}),
    ("how long's the toner got left", "TimerStatus", {"timer": "toner"}),
    ("continue timer of molokhia", "ResumeTimer", {"timer": "molokhia"}),
    ("Cancel my break timer, I've been called back in", "CancelTimer", {"timer": "break"}),
    ("delete the minute and a half one", "CancelTimer", {"duration": 90}),
]


@pytest.mark.parametrize(("text", "intent", "slots"), NAMED)
def test_a_timer_named_in_passing(matcher: Matcher, text: str, intent: str, slots: dict) -> None:
    found = matcher.understand(text)
    assert (found.intent, found.slots) == (intent, slots)


@pytest.mark.parametrize(
    "text",
    [
        "how long to go",  # "to" before a verb names nothing
        "add 5 minutes for me",
        "add five minutes to it",
        "set a timer for five minutes",  # an amount is no name
        "timer for half an hour",
        "pause the timer for now",
    ],
)
def test_no_name_where_none_was_said(text: str) -> None:
    assert parse_timer_name(text) in (None, "timer")


@pytest.mark.parametrize(
    "text",
    [
        "the trotro braked hard and I was thrown forward, I didn't knock my head",
        "the taxi stopped suddenly and i got jolted forward",
        "i hit the dashboard when we stopped",
    ],
)
def test_thrown_about_in_a_vehicle_is_checked(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent == "RedFlag"


@pytest.mark.parametrize("text", ["he slammed on the brakes", "i braked and stopped in time"])
def test_braking_alone_is_no_accident(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent not in ("RedFlag", "Emergency")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("thanks hun", "Thanks"),
        ("thank you sweetheart", "Thanks"),
        ("can i use heat, sir", "HeatQuestion"),
        ("call an ambulance, mate", "Emergency"),  # the whole sentence is read first
        ("is that the man", "Unknown"),  # "man" is someone spoken to only after a comma
    ],
)
def test_someone_spoken_to_at_the_end(matcher: Matcher, text: str, intent: str) -> None:
    assert matcher.understand(text).intent == intent


def test_a_place_is_no_timer_name(matcher: Matcher) -> None:
    found = matcher.understand("hold on hold on pause, somebody is at the gate")
    assert (found.intent, found.slots) == ("PauseTimer", {})
    assert matcher.understand("how long left on the roast").slots == {"timer": "roast"}


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("We knocked two minutes off our parkrun time, get in!", "Unknown"),
        ("he shaved a second off the world record", "Unknown"),
        ("take two minutes off my ice time", "RemoveTime"),  # the coach's timer, named
        ("add five minutes to the roast", "AddTime"),
    ],
)
def test_a_time_run_is_no_timer(matcher: Matcher, text: str, intent: str) -> None:
    assert matcher.understand(text).intent == intent
