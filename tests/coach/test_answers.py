"""The coach's answers (issue 16): the warning signs said once per episode, asking about a
professional, pain relief led by the label, moving after icing, short answers the second time,
thanks, fear, how long it lasts, and the knees-to-chin hold's safety (never for a neck)."""

from __future__ import annotations

import pytest
from coach_harness import Conversation, first_sentence, says

from intents.replies import Replies
from voice.events import Say, TimerEvent

HINT = "If you notice numbness, tingling or weakness, tell me."


def reply(conv: Conversation, text: str, intent: str, **slots: object) -> Say:
    spoken = says(conv.say(text, intent, dict(slots)))
    assert spoken, f"{text}: nothing said"
    return spoken[0]


@pytest.mark.parametrize("area", ["back", "neck"])
def test_the_warning_signs_are_said_once_per_episode(conv: Conversation, area: str) -> None:
    first = reply(conv, f"my {area} locked up", "SpasmStarted", area=area)
    assert HINT in first.text
    assert first.text.index(HINT) < first.text.index("?"), "before the offer's question"
    conv.say("no", "No")
    assert HINT not in reply(conv, "it locked up again", "SpasmStarted", area=area).text


def test_asking_about_a_professional_gets_the_warning_signs(conv: Conversation) -> None:
    said = reply(conv, "should i see a doctor", "AskProfessional")
    assert said.key == "AskProfessional"
    for words in [
        "numbness, tingling or weakness",
        "as soon as you can",
        "emergency services",
        "bladder or bowels",
        "between your legs",
        "a few days, see a professional",
    ]:
        assert words in said.text, words
    assert conv.coach.pending_offer is None


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("how many can i take", {"asks_dose": True}),
        ("how often can i take ibuprofen", {"asks_dose": "true"}),
        ("can i take two aspirin", {"asks_dose": True, "count": 2}),
        ("i took 2 advil", {"count": 2}),
        ("i took four", {"count": "4"}),
    ],
)
def test_a_dose_question_leads_with_the_label(
    conv: Conversation, text: str, slots: dict[str, object]
) -> None:
    said = reply(conv, text, "PainRelief", **slots)
    assert first_sentence(said.text) == "Follow the dose on the label."
    assert len(said.text.split()) <= 25
    assert conv.coach.pending_offer is None


def test_pain_relief_says_the_label_first_names_acetaminophen_then_shortens(
    conv: Conversation,
) -> None:
    said = reply(conv, "what can i take for the pain", "PainRelief")
    assert first_sentence(said.text) == "Follow the label."
    assert "Acetaminophen, also called paracetamol or Tylenol" in said.text
    again = reply(conv, "is tylenol ok", "PainRelief")
    assert again.key == "PainRelief.short" and first_sentence(again.text) == "Follow the label."
    assert len(again.text.split()) < len(said.text.split()) / 2


@pytest.mark.parametrize(("intent", "text"), [("IceHowLong", "how do i ice it"),
                                              ("ExplainSpasm", "why does it lock up")])  # fmt: skip
def test_a_long_answer_is_short_the_second_time_in_an_episode(
    conv: Conversation, intent: str, text: str
) -> None:
    conv.say("my back locked up", "SpasmStarted", {"area": "back"})
    long = reply(conv, text, intent)
    short = reply(conv, text, intent)
    assert (long.key, short.key) == (intent, f"{intent}.short")
    assert len(short.text.split()) < len(long.text.split()) * 2 / 3
    conv.clock.advance(8 * 24 * 3600)
    conv.say("my back locked up", "SpasmStarted", {"area": "back"})  # a new episode
    assert reply(conv, text, intent).key == intent


def test_moving_before_and_after_icing(conv: Conversation) -> None:
    conv.say("my back locked up", "SpasmStarted", {"area": "back"})
    before = reply(conv, "should i keep moving", "MoveQuestion")
    assert before.key == "MoveQuestion.before_ice" and before.text.startswith("Rest lying down")
    assert conv.coach.pending_offer == "ice"
    conv.say("yes", "Yes")
    conv.advance(600)
    conv.say("okay", "Yes")
    after = reply(conv, "can i walk around", "MoveQuestion")
    assert after.key == "MoveQuestion.after_ice"
    assert "slow and gentle movement helps" in after.text and "Don't stretch hard" in after.text


def test_thanks_fear_and_how_long(conv: Conversation) -> None:
    assert reply(conv, "thank you", "Thanks").text == "You're welcome. Go gently."
    scared = reply(conv, "i'm scared", "Scared")
    assert scared.text == f"That's understandable. I'm here, and we'll take it slowly. {HINT}"
    assert reply(conv, "how long will this last", "HowLongLast").text == (
        "I can't tell you that. If it isn't easing in a few days, see a professional."
    )


def test_the_stretch_offer_says_how_to_stop_before_its_question(conv: Conversation) -> None:
    said = reply(conv, "my back locked up", "SpasmStarted", area="back").text
    offers = Replies.load().variants("Offer.stretch")
    assert said.endswith(offers[0])
    for offer in offers:  # both wordings
        assert "as far as is comfortable" in offer
        assert "say it hurts" in offer and offer.endswith("knees-to-chin hold?")


def test_an_asked_for_stretch_is_introduced_with_how_to_stop(conv: Conversation) -> None:
    events = conv.say("count me through the stretch", "StartStretch")
    spoken = says(events)
    assert spoken[0].key == "Stretch.safety"
    assert spoken[0].text == "Go only as far as is comfortable. Say it hurts, and I'll stop."
    assert spoken[1].key.startswith("Timers.stretch.intro")
    assert conv.desk.active() == ["stretch"]


def test_no_knees_to_chin_for_a_neck(conv: Conversation) -> None:
    first = reply(conv, "my neck seized", "SpasmStarted", area="neck")
    assert "knees" not in first.text and conv.coach.pending_offer == "ice"
    events = conv.say("count me through the stretch", "StartStretch")
    assert [s.key for s in says(events)] == ["Stretch.neck"]
    assert not [e for e in events if isinstance(e, TimerEvent)]
    text = says(events)[0].text
    assert "rest lying down" in text and "ice massage" in text and "slowly and gently" in text
    assert conv.desk.active() == []
    conv.say("yes", "Yes")  # the ice offer that followed
    assert conv.desk.active() == ["ice"]


def test_a_yes_to_a_stretch_offered_before_the_neck_was_said_starts_nothing(
    conv: Conversation,
) -> None:
    conv.say("i need to lie down", "RestPosition")
    assert conv.coach.pending_offer == "stretch"
    conv.say("it started an hour ago", "Onset", {"onset": "1 hours"})
    conv.say("my neck seized", "SpasmStarted", {"area": "neck"})
    assert conv.coach.pending_offer == "ice"  # the neck's reply offered ice instead
    conv.say("can i use heat", "HeatQuestion")
    conv.coach._offers.make("stretch", conv.clock.now())  # a stale stretch offer, forced
    assert [s.key for s in says(conv.say("yes", "Yes"))] == ["Stretch.neck"]
    assert conv.desk.active() == []


def test_a_dose_question_about_paracetamol_or_tylenol_names_acetaminophen(
    conv: Conversation,
) -> None:
    said = reply(conv, "how much paracetamol can i take", "PainRelief", asks_dose=True)
    assert first_sentence(said.text) == "Follow the dose on the label."
    assert said.text.endswith("Paracetamol and Tylenol are both acetaminophen.")
    took = reply(conv, "i took two tylenol", "PainRelief", count=2)
    assert "acetaminophen" in took.text
