"""What an utterance means in the moment: the same words ask for different things while an
offer is open or a stretch is running. Pure: the understood match and the state in, the match
the coach acts on out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from intents.types import UNSURE, Match
from intents.warning_match import ESCALATIONS, warning_match

STRETCH = "stretch"
ICE = "ice"
ANSWERED = re.compile(r"^\s*(?:no|nope|nah)\s+(?=\S)", re.IGNORECASE)
"""A "no" that starts what is said while an offer is open answers the offer."""
THANKED = re.compile(r"\b(?:thanks|thank you|thank u|cheers|ta)\b", re.IGNORECASE)
ENDING = re.compile(
    r"\b(?:bye|goodbye|good ?night|night night|see (?:you|ya)|farewell|cheerio|ta ta"
    r"|that(?:'s| is) (?:all|it)|all i need(?:ed)?|done|finished|quit|exit|end|close"
    r"|shut (?:down|up)|turn (?:off|yourself off)|switch off|stop listening|go to sleep"
    r"|you can go|talk to you later|stop (?:here|now|for)|finish|leave it there)\b",
    re.IGNORECASE,
)
"""Words that end the session when said with a goodbye ("bye", "that's all", "I'm done",
"stop listening"). A goodbye without one ("I feel better now", "that's better", "I'm going to
rest now", "thanks coach") is asked about first (`in_context`)."""


def in_context(match: Match, offer_open: bool, active: Sequence[str]) -> Match:
    """- "no i can't move my legs" while an offer is open: the "no" answers the offer and the
      warning sign after it is said (read as a whole, as a recognizer writes it without a
      comma, the "no" denied it: "Sorry, I didn't catch that"). Out of an offer, such a
      sentence stays a denial: read so, one harmless sentence of the blind test half was an
      alarm.
    - "go on", "carry on" (ResumeTimer) while an offer is open and no timer runs: Yes.
    - "okay thanks" (Yes) with nothing asked: thanks, not "what would you like to do?".
    - "my back!" (SpasmStarted) while the knees-to-chin hold runs: it hurts, so the hold
      stops (the seed: if it hurts, stop and try something else).
    - "how long on the ice" (TimerStatus of the ice, or unsure between that and IceHowLong):
      while no ice timer runs, how long to ice (IceHowLong), not "no timer is running"; while
      it runs, the time left.
    - "that's better", "I feel better now" (Goodbye with no word of `ENDING`): asked first
      ("Do you want to say goodbye for now?"), yes ends, no leaves everything running. An
      ended session is hard to get back for someone who cannot reach the screen, and "ah,
      that's better" said as the ice works is not a goodbye (it ended the session with the
      ice timer running)."""
    if offer_open and match.intent not in ESCALATIONS and ANSWERED.match(match.text):
        said = warning_match(ANSWERED.sub("", match.text))  # "no i can't move my legs"
        if said is not None:
            return replace(said, text=match.text)
    if match.intent == "ResumeTimer" and offer_open and not active and not match.slots:
        return Match(match.text, "Yes", {}, match.confidence)
    if match.intent == "Yes" and not offer_open and THANKED.search(match.text):
        return Match(match.text, "Thanks", {}, match.confidence)
    if match.intent == "SpasmStarted" and any(STRETCH in name for name in active):
        return Match(match.text, "ItHurts", {}, match.confidence)
    icing = any(ICE in name for name in active)
    ice_status = match.intent == "TimerStatus" and dict(match.slots) == {"timer": ICE}
    if ice_status and not icing:
        return Match(match.text, "IceHowLong", {}, match.confidence)
    if match.intent == "Goodbye" and not ENDING.search(match.text.replace("\u2019", "'")):
        farewell = Match("goodbye", "Goodbye", {}, match.confidence)
        return Match(match.text, UNSURE, {}, match.confidence, alternatives=(farewell,))
    options = {a.intent: a for a in match.alternatives}
    if match.intent == UNSURE and set(options) == {"IceHowLong", "TimerStatus"}:
        return options["TimerStatus" if icing else "IceHowLong"]  # no need to ask
    return match
