"""The safety net: a warning sign the safety lexicon (intents.symptoms) missed, escalated when
the statistical layer's model is sure of it. Pure."""

from __future__ import annotations

import logging
import re

from intents.classifier import IntentModel
from intents.dialect import BODY
from intents.normalize import Normalized, word_set
from intents.symptoms import lexicon
from intents.types import Match

log = logging.getLogger(__name__)

RED_FLAG = "RedFlag"
EMERGENCY = "Emergency"
SAFETY_NET = 0.8
"""How sure the model must be (RedFlag + Emergency) to escalate what the lexicon missed; 1.0 is
off (`safety_net`). On fresh sentences the lexicon had not seen (a third of a second
helper-written round) it raised red flags caught 124 -> 140 of 150 and emergencies 60 -> 61 of
67, for 3 more false alarms of 84 harmless sentences there and 4 of 102 on the blind dev set:
a missed warning sign is the worse defect."""

REASSURED = frozenset({"fine", "kidding", "joking"})
"""Words that say nothing is wrong: the safety net (the model's guess) does not escalate a
sentence with one (the lexicon still reads the signs said in it)."""


NAMING_ONLY = word_set("my the a an is are am was were it it's i i'm me his her")
"""Words that, with body parts alone, claim nothing: the model is sure of "my leg" and "my
leg is" (1.00), the first final of "my leg ... is fine now" cut at a pause."""

AS_DIRECTED = re.compile(
    r"\b(?:as|like|what) (?:it says|(?:the|my) (?:label|packet|pack|box|bottle|leaflet) says"
    r"|(?:it's|it is) written|written|directed|prescribed|the doctor said)\b"
    r"|\bwithin (?:the |my )?(?:limit|dose|label|maximum|max)\b"
)
"""A dose said to follow the label ("I took two paracetamol as it says on the packet"): the
opposite of an overdose, so the safety net (the model's guess) does not escalate it; the
lexicon still reads an overdose said in words ("the whole packet")."""


def safety_net(model: IntentModel, text: str, said: Normalized, probability: float) -> Match | None:
    """A warning sign the lexicon missed but the model is sure of (its RedFlag and
    Emergency classes learnt from the example warning signs): escalated, with no symptom
    named, unless a negation, someone else, a film, show or the news, or a vehicle is in the
    sentence (the model does not see what a negation governs, nor "my car battery is
    dead"; the lexicon does), or it is a red flag asked about (the lexicon's `unclaimed`: "what
    if my hand goes tingly, should i worry"; an emergency is escalated all the same)."""
    if probability >= 1.0:
        return None
    words = set(said.tokens)
    sets = lexicon().sets
    if words & (sets["negator"] | sets["media"] | sets["other_subject"] | sets["vehicle"]):
        return None
    if not words - NAMING_ONLY - sets["limb"] - BODY:  # "my leg", "my leg is": no claim
        return None
    if words & REASSURED:  # "yeah go on, my chest is fine, i was just sighing"
        return None
    if AS_DIRECTED.search(text.lower()):
        return None
    probs = dict(zip(model.labels, model.probabilities(said.tokens), strict=True))
    red, emergency = probs.get(RED_FLAG, 0.0), probs.get(EMERGENCY, 0.0)
    if red + emergency < probability:
        return None
    intent = EMERGENCY if emergency > red else RED_FLAG
    if intent == RED_FLAG and lexicon().claims_nothing(text):  # a question, no sign
        return None
    log.info("safety net: %r taken as %s (%.2f)", text, intent, red + emergency)
    return Match(text=text, intent=intent, slots={}, confidence=float(red + emergency))
