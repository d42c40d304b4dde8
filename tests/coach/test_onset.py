"""When it started (issue 16): the onset becomes the episode's start, the heat question asks for
it when it is not known, and the 72-hour rule holds on day 8 as on day 4. Time is the fake
clock's; the local time zone is pinned to UTC where a day boundary matters."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from coach_harness import Conversation, says

from voice.clock import FakeClock
from voice.coach.episode import EPISODE_SPAN
from voice.coach.offers import OFFER_TTL
from voice.coach.onset import parse_onset

HOUR, DAY = 3600.0, 24 * 3600.0
T0 = 1_800_000_000.0  # Friday 2027-01-15 08:00 UTC


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def conv(tmp_path: Path, utc: None) -> Iterator[Conversation]:
    c = Conversation(tmp_path, clock=FakeClock(wall=T0))
    yield c
    c.close()


def heat(conv: Conversation) -> str:
    reply = says(conv.say("can i use heat", "HeatQuestion"))[0]
    return f"{reply.key}: {reply.text}"


@pytest.mark.parametrize(
    ("value", "started", "spoken", "exact"),
    [
        ("now", T0, "just now", True),
        ("26 hours", T0 - 26 * HOUR, "twenty-six hours ago", True),
        ("twenty six hours", T0 - 26 * HOUR, "twenty-six hours ago", True),
        ("1 hours", T0 - HOUR, "an hour ago", True),
        ("a day ago", T0 - DAY, "a day ago", True),
        ("4 days", T0 - 4 * DAY, "four days ago", True),
        ("2 weeks", T0 - 14 * DAY, "two weeks ago", True),
        ("30 minutes", T0 - 1800, "thirty minutes ago", True),
        ("today", T0, "today", False),  # 08:00: the latest plausible time is now
        ("this morning", T0, "this morning", False),
        ("last night", T0 - 8 * HOUR, "last night", False),  # midnight
        ("yesterday", T0 - 8 * HOUR, "yesterday", False),  # the end of yesterday
        ("wednesday", T0 - 8 * HOUR - DAY, "on Wednesday", False),  # the end of Wednesday
        ("on Friday", T0, "on Friday", False),  # today
        ("saturday", T0 - 8 * HOUR - 5 * DAY, "on Saturday", False),
        ("last week", T0 - 7 * DAY, "last week", False),
    ],
)
def test_parse_onset(utc: None, value: str, started: float, spoken: str, exact: bool) -> None:
    onset = parse_onset(value, T0)
    assert onset is not None
    assert (onset.started, onset.spoken, onset.exact) == (started, spoken, exact)


@pytest.mark.parametrize("value", ["", "soon", "days", "many days", "3 fortnights", "later"])
def test_parse_onset_refuses_what_it_does_not_know(value: str) -> None:
    assert parse_onset(value, T0) is None


@pytest.mark.parametrize(
    ("onset", "key", "words"),
    [
        ("now", "too_soon", ["It started less than an hour ago", "about three days from now"]),
        ("26 hours", "too_soon", ["about a day and two hours ago", "twenty-two hours from now"]),
        ("71 hours", "too_soon", ["two days and twenty-three hours ago", "about an hour from"]),
        ("73 hours", "ok", ["about three days and an hour ago", "heat is fine now"]),
        ("4 days", "ok", ["It started about four days ago", "heat is fine now"]),
        ("8 days", "ok", ["It started about eight days ago", "heat is fine now"]),
    ],
)
def test_the_heat_rule_from_the_onset_said(
    conv: Conversation, onset: str, key: str, words: list[str]
) -> None:
    """Each through the question that asks for it: spasm, heat? when? then the answer."""
    conv.say("my back locked up", "SpasmStarted", {"area": "back"})
    assert heat(conv) == (
        "HeatQuestion.ask: Not yet, as far as I know. Use cold for now. Heat is only for a "
        "spasm that's still there after seventy-two hours. That's about three days from now at "
        "the most. When did it start?"
    )
    answer = says(conv.say(f"it started {onset} ago", "Onset", {"onset": onset}))
    assert [s.key for s in answer] == [f"HeatQuestion.{key}"]
    for word in words:
        assert word in answer[0].text
    assert "less than an hour" not in answer[0].text or onset == "now"
    assert heat(conv).startswith(f"HeatQuestion.{key}")  # and when asked again


def test_unknown_onset_asks_and_never_says_less_than_an_hour(conv: Conversation) -> None:
    conv.say("my back locked up", "SpasmStarted", {"area": "back"})
    for _ in range(2):
        assert heat(conv).startswith("HeatQuestion.ask")
    assert conv.coach.pending_offer is None  # the open question is "when", not a yes/no
    conv.clock.advance(2 * HOUR)  # reported two hours ago: at least that long
    assert "It started about two hours ago" in heat(conv)


def test_the_answer_after_the_question_times_out_is_only_remembered(
    conv: Conversation,
) -> None:
    conv.say("my back locked up", "SpasmStarted", {"area": "back"})
    heat(conv)
    conv.clock.advance(OFFER_TTL + 1)
    answer = says(conv.say("it started yesterday", "Onset", {"onset": "yesterday"}))[0]
    assert answer.text == "Okay. I'll remember it started yesterday."
    assert "It started yesterday" in heat(conv)


def test_a_spasm_said_with_its_start(conv: Conversation) -> None:
    events = conv.say("my back locked up yesterday", "SpasmStarted", {"onset": "yesterday"})
    assert says(events)[0].key == "SpasmStarted"
    episode = conv.store.current_episode(conv.clock.wall)
    assert episode is not None and episode.started == T0 - 8 * HOUR
    assert heat(conv) == (
        "HeatQuestion.too_soon: Not yet. It started yesterday. Use cold for now. Heat is only "
        "for a spasm that's still there after seventy-two hours. That's about three days from "
        "now. Would you like me to time an ice massage?"
    )
    conv.clock.advance(DAY)  # the next day "yesterday" is no longer true: a span
    assert "It started about a day and eight hours ago" in heat(conv)


def test_an_onset_moves_the_current_episodes_start(conv: Conversation) -> None:
    conv.say("my back locked up", "SpasmStarted", {"area": "back"})
    conv.clock.advance(2 * HOUR)
    conv.say("it started four days ago", "Onset", {"onset": "4 days"})
    episodes = conv.store.episodes()
    assert len(episodes) == 1 and episodes[0].started == conv.clock.wall - 4 * DAY
    assert episodes[0].onset == "4 days"


def test_an_onset_before_the_spasm_opens_the_episode(conv: Conversation) -> None:
    said = says(conv.say("it started on wednesday", "Onset", {"onset": "wednesday"}))[0]
    assert said.text == "Okay. I'll remember it started on Wednesday."
    first = says(conv.say("my back locked up", "SpasmStarted", {"area": "back"}))[0]
    assert first.key == "SpasmStarted" and "tell me" in first.text  # still the first reply
    assert len(conv.store.episodes()) == 1
    assert "It started on Wednesday" in heat(conv)


def test_an_onset_not_understood_is_asked_again(conv: Conversation) -> None:
    events = conv.say("it started at some point", "Onset", {"onset": "sometime"})
    assert says(events)[0].key == "Onset.unclear"
    assert conv.store.episodes() == []
    answer = says(conv.say("two days ago", "Onset", {"onset": "2 days"}))[0]
    assert answer.key == "Onset"


def test_day_8_is_answered_like_day_4(tmp_path: Path, utc: None) -> None:
    """The store forgets nothing the heat rule needs: the last episode's start, whatever its
    age. A new spasm after the episode's week starts a new episode, whose start is asked."""
    conv = Conversation(tmp_path, clock=FakeClock(wall=T0))
    conv.say("my back locked up", "SpasmStarted", {"area": "back"})
    conv.clock.advance(4 * DAY)
    assert "It started about four days ago" in heat(conv)
    conv.clock.advance(4 * DAY)
    assert conv.store.current_episode(conv.clock.wall) is None
    assert heat(conv).startswith("HeatQuestion.ok: It started about eight days ago")
    conv.clock.advance(EPISODE_SPAN)
    assert "It started more than two weeks ago" in heat(conv)
    conv.say("it locked up again", "SpasmStarted", {"area": "back"})
    assert len(conv.store.episodes()) == 2
    assert heat(conv).startswith("HeatQuestion.ask")
    conv.close()


def test_no_episode_at_all_is_told_cold_first(conv: Conversation) -> None:
    """Nothing reported: the general answer (tests/conversations/heat_rule.yaml)."""
    assert heat(conv).startswith("HeatQuestion.no_episode: Use cold first.")


def test_an_unclear_answer_to_the_heat_question_keeps_it_open(conv: Conversation) -> None:
    conv.say("my back locked up", "SpasmStarted", {"area": "back"})
    heat(conv)
    assert says(conv.say("a while", "Onset", {"onset": "a while"}))[0].key == "Onset.unclear"
    answer = says(conv.say("two days ago", "Onset", {"onset": "2 days"}))[0]
    assert answer.key == "HeatQuestion.too_soon" and "about two days ago" in answer.text
