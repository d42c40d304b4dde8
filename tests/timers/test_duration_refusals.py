"""Bad timer requests end to end: typed text → the real matcher → the coach with its real
timer desk and episode store (voice.app.wiring.build_coach) on a FakeClock. Out-of-range
durations must reach the desk with the right slots so that it refuses them aloud with the
allowed range, and nothing starts or changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from coach_harness import Conversation, says

from intents.matcher import load_matcher
from voice.events import Event, TimerEvent

TIME_RANGE = "I can time from five seconds to two hours."
AMOUNT_RANGE = "I can add or take off between five seconds and two hours."
HOLD_RANGE = "I can count a hold from two seconds to one minute."


@pytest.fixture
def talk(tmp_path: Path) -> Iterator[Conversation]:
    conversation = Conversation(tmp_path / "state", understand=load_matcher().understand)
    yield conversation
    conversation.close()


def spoken(events: list[Event]) -> str:
    return " ".join(say.text for say in says(events))


def timer_events(events: list[Event]) -> list[tuple[str, str]]:
    return [(e.kind, e.timer) for e in events if isinstance(e, TimerEvent)]


ZERO = f"Zero seconds is too short. {TIME_RANGE}"
NINE_HUNDRED_HOURS = f"Nine hundred hours is too long. {TIME_RANGE}"
MINUS_FIVE = f"Minus five minutes is too short. {TIME_RANGE}"


@pytest.mark.parametrize(
    ("text", "intent", "duration", "reply"),
    [
        ("set a timer for zero seconds", "StartTimer", 0, ZERO),
        ("set a timer for 0 seconds", "StartTimer", 0, ZERO),
        ("set a timer for zero minutes", "StartTimer", 0, ZERO),
        ("set a timer for 900 hours", "StartTimer", 3_240_000, NINE_HUNDRED_HOURS),
        ("set a timer for minus five minutes", "StartTimer", -300, MINUS_FIVE),
        ("ice for 900 hours", "StartIce", 3_240_000, NINE_HUNDRED_HOURS),
        ("ice for 0 minutes", "StartIce", 0, ZERO),
        ("hold for 900 hours", "StartStretch", 3_240_000, HOLD_RANGE),
    ],
)
def test_an_out_of_range_start_is_refused_with_the_range(
    talk: Conversation, text: str, intent: str, duration: int, reply: str
) -> None:
    events = talk.say(text, intent, {"duration": duration})
    assert spoken(events) == reply
    assert timer_events(events) == []
    assert talk.desk.active() == []


@pytest.mark.parametrize("text", ["add minus five minutes", "add -5 minutes", "add minus a minute"])
def test_add_minus_is_refused_and_adds_nothing(talk: Conversation, text: str) -> None:
    talk.say("set a timer for ten minutes", "StartTimer", {"duration": 600})
    talk.advance(60)
    events = talk.say(text, "AddTime")
    assert spoken(events) == f"{AMOUNT_RANGE} For example, say add one minute."
    assert timer_events(events) == []
    status = talk.say("how much time is left", "TimerStatus")
    assert "nine minutes" in spoken(status).lower()


def test_add_minus_with_nothing_running_starts_nothing(talk: Conversation) -> None:
    # The desk answers "nothing is running" before it looks at the amount (voice/timers/desk.py).
    events = talk.say("add minus five minutes", "AddTime", {"duration": -300})
    assert says(events) and timer_events(events) == []
    assert talk.desk.active() == []


def test_take_off_nine_hundred_hours_is_refused(talk: Conversation) -> None:
    talk.say("start a five minute timer", "StartTimer", {"duration": 300})
    events = talk.say("take 900 hours off", "RemoveTime", {"duration": 3_240_000})
    assert spoken(events) == f"{AMOUNT_RANGE} For example, say add one minute."
    assert timer_events(events) == []


def test_pause_with_nothing_running_says_so(talk: Conversation) -> None:
    events = talk.say("pause the timer", "PauseTimer", {"timer": "timer"})
    assert spoken(events) == "Nothing is running, so there's nothing to pause."
    assert timer_events(events) == []
    assert talk.desk.active() == []


def test_hang_on_with_nothing_running_is_waited_for(talk: Conversation) -> None:
    """ "hang on, the doorbell" (a person busy with something else) pauses a running timer;
    with nothing running there was nothing to say about timers."""
    events = talk.say("hang on, the doorbell", "PauseTimer")
    assert spoken(events) == "Okay, I'll wait. I'm here when you're ready."
    assert timer_events(events) == [] and talk.desk.active() == []


def test_an_allowed_duration_in_hours_starts(talk: Conversation) -> None:
    events = talk.say("set a timer for an hour and a half", "StartTimer", {"duration": 5400})
    assert timer_events(events)[0] == ("started", "timer")
    talk.advance(60)
    status = talk.say("how much time is left", "TimerStatus")
    assert spoken(status) == "About an hour and a half left on the timer."
