"""The coach: scripted conversations (tests/conversations/*.yaml) and the rules behind them."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from coach_harness import CONVERSATIONS, Conversation, load_understand, run_file, says

from intents.errors import TemplateError
from intents.replies import Replies
from intents.types import UNSURE, Match
from voice.app.settings import Settings
from voice.app.wiring import build_coach
from voice.clock import FakeClock
from voice.coach.attention import CONVERSATION_WINDOW, Attention
from voice.coach.coach import REPLY_KEYS, Coach
from voice.coach.episode import ICE, PAIN_RELIEF, RED_FLAG, STRETCH, EpisodeStore
from voice.coach.heat_rule import heat_advice, spoken_span
from voice.coach.offers import OFFER_TTL
from voice.events import (
    AdjustVoice,
    EndSession,
    Ignored,
    Priority,
    Problem,
    StopSpeech,
    TimerEvent,
)
from voice.timers.desk import TimerDesk

FILES = sorted(CONVERSATIONS.glob("*.yaml"))
MATCHER_ONLY = ("unsure_asks",)
"""Conversations whose turns need the matcher's own Match (an Unsure carries the two meanings
it was unsure between, which a file's intent and slots do not give)."""


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_conversation(path: Path, tmp_path: Path) -> None:
    """The coach's decisions, each turn's Match built from the file's intent and slots."""
    if path.stem in MATCHER_ONLY:
        pytest.skip("runs through the matcher only (test_conversation_through_the_matcher)")
    conv = Conversation(tmp_path)
    try:
        run_file(path, conv)
    finally:
        conv.close()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_conversation_through_the_matcher(path: Path, tmp_path: Path) -> None:
    """The same conversations as typed text through the real matcher (intents.matcher)."""
    understand = load_understand()
    if understand is None:
        pytest.skip("intents.matcher is not in the tree yet")
    conv = Conversation(tmp_path, understand=understand)
    try:
        run_file(path, conv)
    finally:
        conv.close()


def test_greeting_then_what_the_desk_recovered(tmp_path: Path) -> None:
    first = Conversation(tmp_path)
    first.say("start the ice for five minutes", "StartIce", {"duration": 300})
    first.close()
    clock = FakeClock(mono=5.0, wall=first.clock.wall + 60)  # a restart: new monotonic origin
    again = Conversation(tmp_path, clock=clock)
    assert [s.text for s in says(again.started)] == [
        "I'm here. Tell me what happened, or say help.",
        "I'm back. Your ice timer has four minutes left.",
    ]
    assert again.desk.active() == ["ice"]
    again.close()


def test_every_reply_the_coach_uses_exists_and_offers_are_questions() -> None:
    replies = Replies.load()
    assert all(key in replies for key in REPLY_KEYS)
    for kind in ("ice", "stretch"):
        for _ in range(4):
            assert replies.get(f"Offer.{kind}", ice="ten minutes").endswith("?")


def test_a_missing_reply_fails_at_load_time(tmp_path: Path) -> None:
    with EpisodeStore(tmp_path) as store, pytest.raises(TemplateError, match="Knot"):
        replies = Replies({"Greeting": ("Hi.",)})
        Coach(replies, store, TimerDesk(replies, store))


def test_red_flag_stops_speech_first_then_speaks_at_safety_priority(conv: Conversation) -> None:
    conv.say("start the ice", "StartIce")
    conv.say("start the stretch", "StartStretch")
    conv.advance(12)
    events = conv.say("my hands are tingling", "RedFlag", {"symptom": "tingling"})
    assert isinstance(events[0], StopSpeech)
    assert not [e for e in events[1:] if isinstance(e, StopSpeech)]  # nothing cuts the message
    cancelled = {e.timer for e in events if isinstance(e, TimerEvent) and e.kind == "cancelled"}
    assert cancelled == {"ice", "stretch"} and conv.desk.active() == []
    spoken = says(events)
    assert len(spoken) == 1 and spoken[0].priority == Priority.SAFETY
    assert "disc or nerve" in spoken[0].text
    assert conv.store.activities(RED_FLAG)[0].detail["symptom"] == "tingling"
    assert conv.coach.next_deadline() is None  # no countdown number after the safety message


def test_bladder_or_bowel_from_an_older_matcher_is_an_emergency(conv: Conversation) -> None:
    for text, symptom in [("i can't control my bladder", "bladder"), ("my bowels", "bowel")]:
        events = conv.say(text, "RedFlag", {"symptom": symptom})
        assert says(events)[0].key == "Emergency.bladder_bowel"
        assert says(events)[0].text.startswith("Call emergency services now.")


def test_timer_intents_go_to_the_desk_and_starts_are_remembered(conv: Conversation) -> None:
    conv.say("ice for five minutes", "StartIce", {"duration": 300})
    status = says(conv.say("how long is left", "TimerStatus"))[0]
    assert status.key.startswith("Timers.status") and "five minutes" in status.text.lower()
    assert says(conv.say("pause it", "PauseTimer"))[0].key == "Timers.paused"
    assert says(conv.say("add a minute", "AddTime", {"duration": 60}))[0].key == "Timers.added"
    assert says(conv.say("cancel it", "CancelTimer"))[0].key == "Timers.cancelled"
    conv.say("count me through it", "StartStretch", {"duration": 15, "reps": 2})
    assert [a.detail["seconds"] for a in conv.store.activities(ICE)] == [300]
    stretch = conv.store.activities(STRETCH)[0].detail
    assert (stretch["hold"], stretch["reps"]) == (15, 2)


def test_yes_while_a_finish_repeats_acknowledges_and_keeps_the_offer(conv: Conversation) -> None:
    conv.say("start a timer for a minute", "StartTimer", {"duration": 60})
    conv.say("how do i ice it", "IceHowLong")
    assert conv.coach.pending_offer == "ice"
    conv.advance(60)
    events = conv.say("okay", "Yes")
    assert [e.kind for e in events if isinstance(e, TimerEvent)] == ["acknowledged"]
    assert conv.desk.active() == [] and conv.coach.pending_offer == "ice"
    conv.say("yes", "Yes")
    assert conv.desk.active() == ["ice"]


def test_stop_while_a_finish_repeats_cuts_speech_and_acknowledges(conv: Conversation) -> None:
    conv.say("start a timer for a minute", "StartTimer", {"duration": 60})
    finished = conv.advance(60)
    assert "finished" in [e.kind for e in finished if isinstance(e, TimerEvent)]
    events = conv.say("stop", "Stop")
    assert isinstance(events[0], StopSpeech)
    assert [e.kind for e in events if isinstance(e, TimerEvent)] == ["acknowledged"]
    assert not says(conv.advance(120))  # no more "time's up"


def test_stop_ends_a_stretch_but_not_the_ice(conv: Conversation) -> None:
    conv.say("start the ice", "StartIce")
    conv.say("start the stretch", "StartStretch")
    events = conv.say("stop", "Stop")
    assert conv.desk.active() == ["ice"]
    assert [s.text for s in says(events)] == [
        "Okay, I've stopped the stretch.",
        "The ice timer is still running; say cancel the ice timer to end it.",
    ]


def test_stop_during_the_ice_says_what_still_runs(conv: Conversation) -> None:
    # Before: "stop" while the ice ran cut speech and said nothing; the timer ran on unseen.
    conv.say("start the ice", "StartIce")
    events = conv.say("stop", "Stop")
    assert isinstance(events[0], StopSpeech) and conv.desk.active() == ["ice"]
    assert [s.text for s in says(events)] == [
        "I've stopped talking. The ice timer is still running; say cancel the ice timer to end it."
    ]
    conv.say("start a timer for five minutes", "StartTimer", {"duration": 300})
    assert [s.key for s in says(conv.say("stop", "Stop"))] == ["Timers.still_running_many"]
    conv.say("pause the timer", "PauseTimer", {"timer": "timer"})
    assert [s.key for s in says(conv.say("stop", "Stop"))] == ["Timers.still_running"]
    conv.say("cancel all timers", "CancelTimer", {"all": True})
    assert not says(conv.say("stop", "Stop"))  # nothing runs: quiet is the whole answer


def test_cancel_the_timer_ends_the_ice_when_only_the_ice_is_there(conv: Conversation) -> None:
    # Before: "cancel the timer" (slot timer=timer) while only a paused ice timer existed
    # answered "There's no timer running right now".
    conv.say("start the ice", "StartIce")
    conv.say("pause the ice", "PauseTimer", {"timer": "ice"})
    events = conv.say("cancel the timer", "CancelTimer", {"timer": "timer"})
    assert [s.text for s in says(events)] == ["Okay, I've stopped the ice timer."]
    assert conv.desk.active() == []
    conv.say("start a timer for five minutes", "StartTimer", {"duration": 300})
    conv.say("start the ice", "StartIce")
    events = conv.say("pause the timer", "PauseTimer", {"timer": "timer"})
    assert says(events)[0].text.startswith("Paused the timer")  # the plain timer, by name


def test_an_offer_expires(conv: Conversation) -> None:
    """Past its time an offer is closed, and the coach has been quiet since: a "yes" now is not
    an answer to it (most likely a TV), so nothing starts and nothing is said."""
    conv.say("my back locked up", "SpasmStarted", {"area": "back"})
    conv.clock.advance(OFFER_TTL + 1)
    events = conv.say("yes", "Yes")
    assert events == [Ignored("Yes", "nothing was asked", "yes")]
    assert conv.desk.active() == []


def test_a_stray_yes_soon_after_the_coach_spoke_is_answered(conv: Conversation) -> None:
    conv.say("what can i take for the pain", "PainRelief")  # a reply with no offer in it
    conv.clock.advance(CONVERSATION_WINDOW - 5)
    assert [s.key for s in says(conv.say("yes", "Yes"))] == ["Yes.none"]
    assert [s.key for s in says(conv.say("no", "No"))] == ["No.none"]


@pytest.mark.parametrize(
    ("text", "intent"),
    [("go", "Yes"), ("no", "No"), ("cancel that", "CancelTimer"), ("pause it", "PauseTimer"),
     ("add a minute", "AddTime"), ("shorter", "RemoveTime"), ("keep going", "ResumeTimer")],
)  # fmt: skip
def test_out_of_context_commands_in_a_quiet_room_are_ignored(
    conv: Conversation, text: str, intent: str
) -> None:
    conv.clock.advance(CONVERSATION_WINDOW + 1)  # the greeting is long past
    events = conv.say(text, intent)
    assert [type(e) for e in events] == [Ignored]
    assert events[0].intent == intent  # type: ignore[attr-defined]
    assert conv.desk.active() == []


def test_a_question_about_timer_changes_alone_waits_for_a_timer(conv: Conversation) -> None:
    """A which-did-you-mean question whose every meaning is a stray timer change (voice.coach.
    attention) is not asked of a quiet room with no timer ("Do you want to pause the timer?"
    from a television's words); one that may also mean something else still is."""
    pause = Match("pause it", "PauseTimer", {}, 0.8)
    cancel = Match("stop it", "CancelTimer", {}, 0.6)
    heat = Match("heat it", "HeatQuestion", {}, 0.8)
    conv.clock.advance(CONVERSATION_WINDOW + 1)  # the greeting is long past
    events = conv.coach.handle(Match("x", UNSURE, {}, 0.8, (pause, cancel)), conv.clock.now())
    assert [type(e) for e in events] == [Ignored]
    events = conv.coach.handle(Match("x", UNSURE, {}, 0.8, (pause, heat)), conv.clock.now())
    assert [s.key for s in says(events)] == ["Clarify.first"]


def test_typed_lines_are_never_ignored(tmp_path: Path) -> None:
    """Text mode's coach: no TV types, so a stray yes is answered however long it was quiet."""
    parts = build_coach(Settings(tmp_path), attention=Attention(window=math.inf))
    clock = FakeClock()
    parts.coach.start(clock.now())
    clock.advance(3600)
    events = parts.coach.handle(Match("yes", "Yes", {}, 1.0), clock.now())
    assert [s.key for s in says(events)] == ["Yes.none"]
    parts.close()


def test_in_context_commands_in_a_quiet_room_still_act(conv: Conversation) -> None:
    """A timer command while a timer runs, and a yes to an open offer, are acted on however
    long the coach has been quiet; so are questions and symptoms."""
    conv.say("start the ice", "StartIce")
    conv.clock.advance(CONVERSATION_WINDOW + 1)
    conv.coach.tick(conv.clock.now())
    conv.clock.advance(CONVERSATION_WINDOW + 1)
    assert says(conv.say("pause it", "PauseTimer"))
    conv.say("cancel that", "CancelTimer")
    conv.clock.advance(OFFER_TTL - 1)
    assert says(conv.say("how long do i ice it", "IceHowLong"))  # offers the ice again
    assert conv.coach.pending_offer == ICE
    conv.clock.advance(OFFER_TTL - 10)  # the offer is still open, the coach long quiet
    conv.say("yes", "Yes")
    assert conv.desk.active() == ["ice"]


def test_declining_the_stretch_offers_ice_then_rest(conv: Conversation) -> None:
    conv.say("my back locked up", "SpasmStarted", {"area": "back"})
    assert conv.coach.pending_offer == "stretch"
    assert "ice" in says(conv.say("no", "No"))[0].text
    assert conv.coach.pending_offer == "ice"
    assert says(conv.say("no thanks", "No"))[0].key == "No.rest"
    assert conv.coach.pending_offer is None


def test_voice_changes_are_remembered_across_sessions(tmp_path: Path) -> None:
    conv = Conversation(tmp_path)
    events = conv.say("slower please", "Slower")
    assert events[0] == AdjustVoice(rate_factor=0.85)
    louder = conv.say("louder", "Louder")[0]
    assert isinstance(louder, AdjustVoice) and louder.volume_delta == pytest.approx(0.2)
    conv.close()
    again = Conversation(tmp_path)
    first = again.started[0]
    assert isinstance(first, AdjustVoice)
    assert first.rate_factor == pytest.approx(0.85) and first.volume_delta == pytest.approx(0.2)
    again.close()


def test_voice_changes_have_limits(conv: Conversation) -> None:
    keys = [says(conv.say("slower", "Slower"))[0].key for _ in range(8)]
    assert keys[0] == "Slower" and keys[-1] == "Slower.limit"
    keys = [says(conv.say("quieter", "Softer"))[0].key for _ in range(6)]
    assert keys[:4] == ["Softer"] * 4 and keys[-1] == "Softer.limit"
    assert conv.store.get_setting("voice_volume") == pytest.approx(-0.8)


def test_pain_relief_mentions_are_remembered(conv: Conversation) -> None:
    conv.say("is tylenol ok", "PainRelief")
    assert conv.store.activities(PAIN_RELIEF)[0].detail["text"] == "is tylenol ok"


def test_a_failing_store_is_reported_not_fatal(conv: Conversation) -> None:
    conv.store.close()
    events = conv.say("my back locked up", "SpasmStarted", {"area": "back"})
    assert isinstance(events[0], Problem) and "episode.db" in events[0].message
    assert says(events)[0].key == "SpasmStarted"
    assert says(conv.say("can i use heat", "HeatQuestion"))[0].key == "HeatQuestion.no_episode"


def test_unknown_intent_names_are_answered_as_unknown(conv: Conversation) -> None:
    events = conv.coach.handle(Match("xyz", "SomethingNew", {}, 0.5), conv.clock.now())
    assert says(events)[0].key == "Unknown"


def test_goodbye_ends_the_session(conv: Conversation) -> None:
    events = conv.say("goodbye", "Goodbye")
    assert isinstance(events[-1], EndSession) and events[-1].reason == "goodbye"


@pytest.mark.parametrize(
    ("hours", "spoken"),
    [
        (0.2, "less than an hour"),
        (1, "about an hour"),
        (5, "about five hours"),
        (24, "about a day"),
        (27, "about a day and three hours"),
        (53, "about two days and five hours"),
        (72, "about three days"),
    ],
)
def test_spoken_span(hours: float, spoken: str) -> None:
    assert spoken_span(hours * 3600) == spoken


def test_heat_rule_edges() -> None:
    assert heat_advice(None, 0).situation == "no_episode"
    assert heat_advice(0, 72 * 3600 - 1).situation == "too_soon"
    assert heat_advice(0, 72 * 3600).situation == "ok"
    assert heat_advice(100, 50).left == "about three days"  # clock went backwards: no crash


def test_a_leg_that_fell_asleep_is_not_an_emergency(conv: Conversation) -> None:
    events = conv.say("my leg fell asleep and it's numb", "RedFlag", {"symptom": "numbness"})
    assert says(events)[0].key == "RedFlag"


def test_a_fall_alone_means_get_it_checked_not_emergency(conv: Conversation) -> None:
    events = conv.say("i fell down the stairs", "RedFlag", {"symptom": "fall"})
    assert says(events)[0].key == "RedFlag.fall"
    events = conv.say("i fell and now i can't move my legs", "RedFlag", {"symptom": "fall"})
    assert says(events)[0].key == "RedFlag.emergency"


def test_every_phrase_help_offers_is_understood() -> None:
    understand = load_understand()
    if understand is None:
        pytest.skip("intents.matcher is not in the tree yet")
    help_text = Replies.load().get("Help")
    phrases = help_text.split(":", 1)[1].replace(" Or ", " ").split(".")
    phrases = [p.strip() for p in phrases if p.strip()]
    assert len(phrases) >= 8
    for phrase in phrases:
        assert understand(phrase.lower()).intent != "Unknown", phrase


def test_how_long_on_the_ice_is_guidance_until_the_ice_timer_runs(conv: Conversation) -> None:
    """The words "how long on the ice" read as the ice timer's status; with no ice timer they
    ask how long to ice (voice.coach.context), not "no timer is running"."""
    before = says(conv.say("how long on the ice", "TimerStatus", {"timer": "ice"}))
    assert [s.key for s in before] == ["IceHowLong"]
    conv.say("yes", "Yes")
    assert conv.desk.active() == ["ice"]
    during = says(conv.say("how long on the ice", "TimerStatus", {"timer": "ice"}))
    assert [s.key for s in during] == ["Timers.status.left"]


def test_how_long_on_the_ice_asked_about_is_decided_by_the_ice_timer(tmp_path: Path) -> None:
    """Through the matcher, which is unsure between the two meanings: no question asked."""
    conv = Conversation(tmp_path, understand=load_understand())
    try:
        unsure = conv.say("how long on the ice", "Unsure")
        assert [s.key for s in says(unsure)] == ["IceHowLong"]
        conv.say("yes", "Yes")
        assert conv.desk.active() == ["ice"]
        during = says(conv.say("how long on the ice", "Unsure"))
        assert [s.key for s in during] == ["Timers.status.left"]
    finally:
        conv.close()


def test_okay_thanks_with_nothing_asked_is_thanks_and_with_an_offer_is_yes(tmp_path: Path) -> None:
    """Through the matcher, "okay thanks" is an answer (Yes): to an offer it takes it; after
    advice with nothing asked it gets thanks back, not "What would you like to do?"."""
    conv = Conversation(tmp_path, understand=load_understand())
    try:
        conv.say("what can i take for the pain", "PainRelief")  # a reply with no offer in it
        assert [s.key for s in says(conv.say("okay thanks", "Yes"))] == ["Thanks"]
        assert conv.desk.active() == []
        conv.say("how long do i ice it", "IceHowLong")  # offers the ice
        conv.say("okay thanks", "Yes")
        assert conv.desk.active() == ["ice"]
    finally:
        conv.close()
