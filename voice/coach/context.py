"""What an utterance means in the moment: the same words ask for different things while an
offer is open or a stretch is running. Pure: the understood match and the state in, the match
the coach acts on out."""

from __future__ import annotations

from collections.abc import Sequence

from intents.types import Match

STRETCH = "stretch"
ICE = "ice"


def in_context(match: Match, offer_open: bool, active: Sequence[str]) -> Match:
    """- "go on", "carry on" (ResumeTimer) while an offer is open and no timer runs: Yes.
    - "my back!" (SpasmStarted) while the knees-to-chin hold runs: it hurts, so the hold
      stops (the seed: if it hurts, stop and try something else).
    - "how long on the ice" (TimerStatus of the ice) while no ice timer runs: how long to ice
      (IceHowLong), not "no timer is running"."""
    if match.intent == "ResumeTimer" and offer_open and not active and not match.slots:
        return Match(match.text, "Yes", {}, match.confidence)
    if match.intent == "SpasmStarted" and any(STRETCH in name for name in active):
        return Match(match.text, "ItHurts", {}, match.confidence)
    ice_status = match.intent == "TimerStatus" and dict(match.slots) == {"timer": ICE}
    if ice_status and not any(ICE in name for name in active):
        return Match(match.text, "IceHowLong", {}, match.confidence)
    return match
