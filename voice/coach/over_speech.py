"""What a request heard while the coach is speaking does: a pure rule on the understood match.

- Cut the speech at once: an emergency or a warning sign (whatever `safety.escalation` makes an
  escalation, e.g. an overdose of painkillers too), "it hurts", and "stop". The person must not
  wait for the end of a sentence to be answered about their safety or their pain.
- After the sentence: every other request is answered as soon as the sentence being spoken
  ends (the rest of the interrupted reply is dropped, as a person who is interrupted stops at
  the end of their sentence; "say that again" brings it back).
- Ignore: "Unknown". Over the coach's voice, words that are not a request of ours are much
  more likely its own voice half-cancelled than a person; "sorry, I didn't catch that" would
  only interrupt it.
"""

from __future__ import annotations

from enum import Enum

from intents.types import Match
from voice.coach.safety import escalation

CUTTING = frozenset({"Stop", "ItHurts"})
"""Intents that cut the coach's speech at once besides the escalations."""


class OverSpeech(Enum):
    CUT_NOW = "cut now"
    AFTER_SENTENCE = "after the sentence"
    IGNORE = "ignore"


def over_speech(match: Match) -> OverSpeech:
    """When a request heard over the coach's voice is acted on (see the module rules)."""
    if match.intent in ("Emergency", "RedFlag"):
        return OverSpeech.CUT_NOW
    if match.intent == "PainRelief" and escalation(match) is not None:  # an overdose
        return OverSpeech.CUT_NOW
    if match.intent in CUTTING:
        return OverSpeech.CUT_NOW
    if match.intent == "Unknown":
        return OverSpeech.IGNORE
    return OverSpeech.AFTER_SENTENCE
