"""The safety tiers (issue 16): emergencies and red flags are said action first, whole and short;
the episode stays flagged afterwards; the next start reminds once. The Matches are made by hand
(the matcher's Emergency intent and new symptom values are someone else's work)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from coach_harness import Conversation, first_sentence, says

from intents.replies import Replies
from voice.clock import FakeClock
from voice.coach.coach import SAFETY_REPLIES
from voice.coach.episode import PAIN_RELIEF, RED_FLAG
from voice.coach.safety import EMERGENCY_SYMPTOMS, RED_FLAG_SYMPTOMS, escalation
from voice.events import Priority, Say, StopSpeech, TimerEvent

CALL = "Call emergency services now."
CHECK = (
    "Please get this checked by a doctor or other qualified medical professional "
    "as soon as you can."
)
DAY = 24 * 3600.0


def words(text: str) -> int:
    return len(text.split())


def safety_say(events: list[Any]) -> Say:
    spoken = says(events)
    assert len(spoken) == 1, spoken
    assert spoken[0].priority == Priority.SAFETY
    return spoken[0]


def escalated(events: list[Any], action: str, limit: int) -> Say:
    """The one thing said, after cutting speech: `action` first, at most one sentence of why,
    under `limit` words."""
    assert isinstance(events[0], StopSpeech)
    say = safety_say(events)
    assert first_sentence(say.text) == action
    assert words(say.text) < limit, say.text
    assert len(re.findall(r"[.?!](\s|$)", say.text)) <= 2, "at most one sentence of why"
    return say


@pytest.mark.parametrize("symptom", [*EMERGENCY_SYMPTOMS, ""])
def test_every_emergency_is_call_now_first_and_under_25_words(
    conv: Conversation, symptom: str
) -> None:
    conv.say("start the ice", "StartIce")
    conv.say("count me through the stretch", "StartStretch")
    slots = {"symptom": symptom} if symptom else {}
    events = conv.say("emergency words", "Emergency", slots)
    escalated(events, CALL, 25)
    assert conv.desk.active() == [] and conv.coach.pending_offer is None
    cancelled = {e.timer for e in events if isinstance(e, TimerEvent) and e.kind == "cancelled"}
    assert cancelled == {"ice", "stretch"}
    flag = conv.store.activities(RED_FLAG)[-1].detail
    assert (flag["tier"], flag["symptom"]) == ("emergency", symptom)


def test_suicidal_words_get_emergency_services_or_a_crisis_line(conv: Conversation) -> None:
    say = safety_say(conv.say("i want to end it all", "Emergency", {"symptom": "suicide"}))
    assert (
        say.text
        == "Call emergency services now. Or call a crisis line, and tell them how you're feeling."
    )


def test_asking_for_an_ambulance_is_told_the_coach_cannot_call(conv: Conversation) -> None:
    say = safety_say(conv.say("call an ambulance", "Emergency", {"symptom": "ambulance"}))
    assert say.text == "Call emergency services now. I can't make the call for you."


@pytest.mark.parametrize("symptom", [*RED_FLAG_SYMPTOMS, "shooting", ""])
def test_every_red_flag_is_get_checked_first_and_under_40_words(
    conv: Conversation, symptom: str
) -> None:
    slots = {"symptom": symptom} if symptom else {}
    escalated(conv.say("red flag words", "RedFlag", slots), CHECK, 40)
    assert conv.store.activities(RED_FLAG)[-1].detail["tier"] == "professional"


def test_the_seeds_warning_signs_say_why_and_when_to_call(conv: Conversation) -> None:
    say = safety_say(conv.say("my leg is numb", "RedFlag", {"symptom": "numbness"}))
    assert say.text == (
        f"{CHECK} It can mean a disc or nerve problem, and if it gets worse, call emergency "
        "services."
    )


def test_every_safety_reply_is_an_escalation_said_whole() -> None:
    replies = Replies.load()
    for key in SAFETY_REPLIES:
        (text,) = replies.variants(key)  # one fixed wording, said first and whole
        assert first_sentence(text) in (CALL, CHECK), key
        assert words(text) < (25 if first_sentence(text) == CALL else 40), key


def test_a_fall_with_weak_legs_from_an_older_matcher_stays_an_emergency() -> None:
    from intents.types import Match

    match = Match("my legs feel weak i fell down the stairs", "RedFlag", {"symptom": "fall"})
    assert escalation(match) is not None and escalation(match).tier == "emergency"  # type: ignore[union-attr]
    wet = Match("i wet myself", "RedFlag", {})
    assert escalation(wet).key == "Emergency.bladder_bowel"  # type: ignore[union-attr]
    assert escalation(Match("what can i take", "PainRelief", {"count": 4})) is None


def test_more_tablets_than_a_label_allows_is_the_overdose_emergency(conv: Conversation) -> None:
    events = conv.say("i took 10 advil", "PainRelief", {"count": 10})
    say = safety_say(events)
    assert say.key == "Emergency.overdose" and first_sentence(say.text) == CALL
    assert words(say.text) < 25
    assert conv.store.activities(PAIN_RELIEF)[0].detail["count"] == 10
    assert conv.store.activities(RED_FLAG)[0].detail["symptom"] == "overdose"


@pytest.mark.parametrize("intent", ["Emergency", "RedFlag"])
def test_an_escalation_with_a_spasm_records_the_spasm(conv: Conversation, intent: str) -> None:
    slots = {"symptom": "saddle" if intent == "Emergency" else "numbness", "area": "neck"}
    conv.say("my neck locked up and ...", intent, slots)
    episode = conv.store.current_episode(conv.clock.wall)
    assert episode is not None and episode.area == "neck"
    assert conv.store.activities(RED_FLAG)[0].episode_id == episode.id
    again = says(conv.say("my neck locked up", "SpasmStarted", {"area": "neck"}))[0]
    assert "tell me" not in again.text  # not a first reply: the escalation came first


def test_an_escalation_with_a_spasm_and_its_start_records_both(conv: Conversation) -> None:
    slots = {"symptom": "tingling", "area": "back", "onset": "2 days"}
    conv.say("my back locked up two days ago and my toes tingle", "RedFlag", slots)
    episode = conv.store.current_episode(conv.clock.wall)
    assert episode is not None and episode.started == conv.clock.wall - 2 * DAY


def test_while_flagged_what_now_repeats_the_escalation_and_nothing_is_offered(
    conv: Conversation,
) -> None:
    conv.say("my back locked up", "SpasmStarted", {"area": "back"})
    assert conv.coach.pending_offer == "stretch"
    conv.say("my foot is tingling", "RedFlag", {"symptom": "tingling"})
    assert conv.coach.pending_offer is None
    now = says(conv.say("what now", "NextStep"))[0]
    assert first_sentence(now.text) == CHECK and "ice" not in now.text.lower()
    replies = Replies.load()
    offers = [text for kind in ("ice", "stretch") for text in replies.variants(f"Offer.{kind}")]
    for text, intent in [
        ("how do i ice it", "IceHowLong"),
        ("can i use heat", "HeatQuestion"),
        ("my back locked up", "SpasmStarted"),
        ("should i lie down", "RestPosition"),
        ("ow it hurts", "ItHurts"),
        ("should i keep moving", "MoveQuestion"),
    ]:
        reply = says(conv.say(text, intent, {"area": "back"} if intent == "SpasmStarted" else {}))
        assert conv.coach.pending_offer is None, text
        assert not [o for o in offers if o in reply[0].text], f"{text}: {reply[0].text}"
    assert says(conv.say("yes", "Yes"))[0].key == "Yes.none"
    assert conv.desk.active() == []
    conv.say("start the ice", "StartIce")  # asked for after hearing it: done
    assert conv.desk.active() == ["ice"]


def test_while_flagged_by_an_emergency_what_now_says_call_now(conv: Conversation) -> None:
    conv.say("i have chest pain", "Emergency", {"symptom": "chest"})
    assert says(conv.say("what should i do", "NextStep"))[0].text.startswith(CALL)
    asked = says(conv.say("should i go to hospital", "AskProfessional"))[0]
    assert first_sentence(asked.text) == CALL
    scared = says(conv.say("i'm scared", "Scared"))[0].text
    assert CALL in scared


def test_a_repeat_after_the_flag_does_not_reopen_the_old_offer(conv: Conversation) -> None:
    conv.say("how do i ice it", "IceHowLong")
    assert conv.coach.pending_offer == "ice"
    conv.say("my leg is numb", "RedFlag", {"symptom": "numbness"})
    assert says(conv.say("say that again", "Repeat"))[0].key == "RedFlag"
    conv.say("yes", "Yes")
    assert conv.desk.active() == []


def test_the_flag_and_one_reminder_survive_a_restart(tmp_path: Path) -> None:
    first = Conversation(tmp_path)
    first.say("my back locked up", "SpasmStarted", {"area": "back"})
    first.say("my leg is numb", "RedFlag", {"symptom": "numbness"})
    first.close()
    clock = FakeClock(mono=5.0, wall=first.clock.wall + 3600)
    again = Conversation(tmp_path, clock=clock)
    assert [s.text for s in says(again.started)] == [
        "I'm here. Tell me what happened, or say help.",
        "Last time you mentioned numbness. If you haven't had it checked, please do.",
    ]
    assert first_sentence(says(again.say("what now", "NextStep"))[0].text) == CHECK
    says(again.say("my back locked up", "SpasmStarted"))
    assert again.coach.pending_offer is None
    again.close()
    third = Conversation(tmp_path, clock=FakeClock(mono=5.0, wall=clock.wall + 60))
    assert [s.key for s in says(third.started)] == ["Greeting"]  # reminded once
    third.close()


@pytest.mark.parametrize(
    ("symptom", "spoken"),
    [
        ("chest", "Last time you mentioned chest pain. If you haven't had it checked"),
        ("suicide", "Last time, you told me you were struggling."),
        ("weight_loss", "Last time you mentioned weight loss."),
    ],
)
def test_the_reminder_names_the_symptom(tmp_path: Path, symptom: str, spoken: str) -> None:
    intent = "Emergency" if symptom in EMERGENCY_SYMPTOMS else "RedFlag"
    first = Conversation(tmp_path)
    first.say("...", intent, {"symptom": symptom})
    first.close()
    again = Conversation(tmp_path, clock=FakeClock(mono=5.0, wall=first.clock.wall + 60))
    assert spoken in says(again.started)[1].text
    again.close()


def test_a_red_flag_long_past_no_longer_holds_back_offers(tmp_path: Path) -> None:
    first = Conversation(tmp_path)
    first.say("my back locked up", "SpasmStarted", {"area": "back"})
    first.say("my leg is numb", "RedFlag", {"symptom": "numbness"})
    first.close()
    later = Conversation(tmp_path, clock=FakeClock(mono=5.0, wall=first.clock.wall + 9 * DAY))
    reply = says(later.say("my back locked up", "SpasmStarted", {"area": "back"}))[0]
    assert later.coach.pending_offer == "stretch", reply.text
    later.close()
