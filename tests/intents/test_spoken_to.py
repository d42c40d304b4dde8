"""Talk to someone else in the room, told by who is spoken to, is not for the coach; talk of
them, or them talking, is (intents/spoken_to.py), through the whole matcher."""

from __future__ import annotations

import pytest

from intents.matcher import Matcher

TO_OTHERS = [
    "Stop it, both of you, no more screen time left today.",
    "Sorry guys, stop, start again from the top",
    "stop it the pair of you i'm on the phone",  # as a recognizer writes it
    "Nobody hit their head, the trampoline's fine, carry on, kids.",
    "Can you hear me okay, Mr Jones? The line's breaking up",
    "Sorry Mrs Okafor, could you speak up a little?",
]


@pytest.mark.parametrize("text", TO_OTHERS)
def test_said_to_someone_else(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent == "Unknown"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("mum wants the timer paused", "PauseTimer"),  # mum is the one asking, relayed
        ("dad wants you to speak louder", "Louder"),
        ("pause the timer, mum's at the door", "PauseTimer"),
        ("stop the timer, the kids are loud", "CancelTimer"),
        ("the kids are asleep, softer please", "Softer"),
        ("thanks love", "Thanks"),  # endearments are said to assistants too
        ("stop", "Stop"),
    ],
)
def test_talk_of_others_is_still_for_the_coach(matcher: Matcher, text: str, intent: str) -> None:
    assert matcher.understand(text).intent == intent


@pytest.mark.parametrize(
    "text", ["kids, call an ambulance, i can't breathe", "mum, my legs have gone numb"]
)
def test_a_sign_said_to_someone_else_still_escalates(matcher: Matcher, text: str) -> None:
    assert matcher.understand(text).intent in ("Emergency", "RedFlag")
