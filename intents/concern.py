"""A sentence not understood that may still be an emergency: safety-netting when unsure.

The lexicon (intents.symptoms) and the safety net (intents.safety_net) escalate only what they
are sure of, so an emergency said in words neither knows comes back Unknown, and the coach
would say "Sorry, I didn't catch that". At first contact with the dev halves of blind rounds
39 and 40 (bench/fresh_rounds), 32 of 310 emergencies were Unknown: "feels like somebody is
squeezing my heart in his fist", "emptied the pill bottle, I'm afraid", "the lung feel no
space". Such a sentence is marked with `EMERGENCY_CONCERN` when it holds a word of the
emergencies (`URGENT_WORDS`, `URGENT_STARTS`) or the net's model gives it some chance of one
(`URGENT_NET`), and the coach answers "If this is an emergency, call emergency services now"
before asking again: 27 of those 32 would have heard it. Words said of a film, a show or the
news (the lexicon's `media` set) are not marked. It changes no intent and starts no action:
at worst talk not meant for the coach hears a conditional sentence instead of "didn't catch
that" (105 of 1,528 harmless sentences of every round that were Unknown, most of them written
to share the emergencies' words). Pure."""

from __future__ import annotations

from collections.abc import Sequence

from intents.classifier import IntentModel
from intents.normalize import word_set
from intents.safety_net import sign_probabilities, unnegated
from intents.symptoms import lexicon
from intents.types import EMERGENCY_CONCERN

URGENT_NET = 0.3
"""The net's model (intents.trained_models) finds an emergency this likely in the words no
negation governs. The safety net itself escalates only at 0.85; on the 1,528 harmless Unknown
sentences 0.3 marked 28, and 14 of the 32 Unknown emergencies."""

URGENT_WORDS = word_set(
    """
    lung lungs heart chest sternum cardiac coronary pill pills tablets dose dosed insulin
    tramadol codeine opioid opioids swallowed emptied alive urine pee bladder bowel bowels
    ambulance paramedic paramedics blacked faint fainted collapsed unconscious stroke limbs
    anaphylaxis anaphylactic
    brethe breth
    """
)
"""Words of the emergencies (chest and heart, breathing, overdose, suicidal words, bladder and
bowels, an ambulance, fainting, stroke, the legs) that the sentences around them may hide.
Negated words count too: "i haven't passed urine the whole day"."""

URGENT_STARTS = (
    "breath",
    "breat",
    "wheez",
    "suffoc",
    "gasp",
    "overdos",
    "oxycod",
    "suicid",
    "slur",
)
"""Beginnings of such words, however they end ("breathin", "overdosed", "suffocating")."""


DYING = word_set("die dying")
"""Fear of dying ("am i dying", "i'm scared i'm going to die"; not "scared to death", "died of
fright"): understood as fear, and told first where to turn if it is an emergency."""


def fear_concern(tokens: Sequence[str]) -> str:
    """`EMERGENCY_CONCERN` for fear that speaks of dying, else ""."""
    if set(tokens) & DYING and not set(tokens) & lexicon().sets["media"]:
        return EMERGENCY_CONCERN
    return ""


def concern(signs: IntentModel, tokens: Sequence[str]) -> str:
    """`EMERGENCY_CONCERN` if these normalized words may say an emergency, else ""."""
    sets = lexicon().sets
    if not tokens or set(tokens) & sets["media"]:
        return ""
    if any(t in URGENT_WORDS or t.startswith(URGENT_STARTS) for t in tokens):
        return EMERGENCY_CONCERN
    _, emergency = sign_probabilities(signs, unnegated(tokens, sets["negator"]))
    return EMERGENCY_CONCERN if emergency >= URGENT_NET else ""
