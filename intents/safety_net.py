"""The safety net: a warning sign the safety lexicon (intents.symptoms) missed, escalated when
the safety net's own model (intents.trained_models) is sure of it and the intent model does not
read an ordinary request in it. Pure."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence, Set
from dataclasses import replace

from intents.classifier import UNKNOWN, IntentModel
from intents.dialect import BODY
from intents.long_over import long_over
from intents.normalize import NUMBER, Normalized, normalize, word_set
from intents.said_for_someone import any_sign_for_the_patient
from intents.sign_wording import plainly
from intents.symptoms import lexicon, spot_warning
from intents.types import Match

log = logging.getLogger(__name__)

RED_FLAG = "RedFlag"
EMERGENCY = "Emergency"
SAFETY_NET = 0.85
"""How sure the safety net's model must be (RedFlag + Emergency) to escalate what the lexicon
missed; 1.0 is off (`safety_net`). Chosen with the model trained on the warning-sign rounds
(bench/results/sign_model.md): at 0.8 one harmless sentence of the blind dev half escalated
("phone call's over, continue", as an emergency); 0.8, 0.85 and 0.9 caught as many signs of
the held-out round 21."""

ORDINARY = 0.5
"""The intent model reads an ordinary request (not Unknown, not an escalation) this likely: the
net leaves the sentence to it ("took my two ibuprofen" is PainRelief, not an overdose). The
net's model has one class for everything that is no sign, so it cannot weigh one request."""

TOLD_WITH_SIGNS = frozenset({"Onset", "SpasmStarted", "Scared", "ItHurts"})
"""Reports an emergency is told with: read in a sentence, they keep no emergency back ("I've not
been able to go for a wee since this morning" is no Onset; bench/round_training.py). A red flag
they do keep back: "since yesterday morning, after my night duty" is an Onset, "knee to chin
make it worse" ItHurts (both false alarms without it, on the fresh rounds' dev halves)."""
TOLD_WITH_RED_FLAGS = frozenset({"SpasmStarted"})
"""The report a red flag is told with: "I kinda ate it on my skateboard and now my back's
wrecked" is a fall, not only the spasm (round 16's, lost to SpasmStarted by an intent model
that learnt the fresh rounds' dev halves: bench/results/round_training.md)."""

CHECKED_FINE = re.compile(
    r"\bi can (?:still )?(?:feel|move|wiggle|lift|raise|curl|point|stand on|walk on) my\b"
    r"|\b(?:is|are|s|re|feels?|seems?) (?:ok|okay|alright|all right|fine|normal|strong)\b"
)
"""A check that came out well ("I can feel my toes", "grip's ok, it's just my neck", "I squeezed
my hands and they're strong"): said with a sign's words, it claims none; the net does not
escalate it (a sign said beside it is still the lexicon's to read)."""

SURER = 0.95
"""How sure the net must be of a sentence it reads only under a condition: said for the person
on the floor (`SOMEONE_ELSE`), or of a vehicle and the speaker's body (`VEHICLE`). Left one
round out over the fourteen warning-sign rounds, sentences said for someone gave 140 of 475
signs and 8 of 852 false alarms at 0.85, 135 and 2 at 0.95 (bench/results/sign_model.md)."""

UNREAD = ("media",)
"""The lexicon's word sets whose words keep the net out of a sentence (`safety_net`)."""

SOMEONE_ELSE = "other_subject"
"""The lexicon's word set of other people: the net reads such a sentence only as the person on
the floor would say it, when someone with them may be speaking for them
(`intents.said_for_someone.any_sign_for_the_patient`: "he says his left foot's gone numb" is
read as "my left foot's gone numb"; "my son had pins and needles last year" is not read), or
with whoever it is said to left out (`intents.sign_wording.plainly`: "mum, my legs just went")."""

VEHICLE = "vehicle"
"""The lexicon's word set of vehicles: the net reads such a sentence only when the speaker's
own body is in it (`_own_body`: "some bloke drove into my car at the lights, my back went this
morning"), never "my car battery is dead"."""

SPEAKER = word_set("i i'm i've i'd me my myself")
"""Words of the speaker, for `_own_body`."""

NEGATION_SCOPE = 5
"""Words after a negator that it governs, for the net (`unnegated`). The net once left every
sentence with a negator to the lexicon, and missed signs said beside one ("my leg, it don't
want to hold me when i try to stand", "the front of my thigh is like paper, i feel almost
nothing"); reading the whole sentence, its model was sure of "i'm not short of breath" and "my
face isn't drooping" (0.99: it does not see what a negation governs). It now reads the words
no negation governs (bench/results/sign_model.md)."""

PHONE = frozenset({"call", "calls", "calling", "ring", "ringing", "phone", "phoning", "ambulance"})
"""Words of asking for help by phone: the lexicon's ambulance family reads those requests. The
net's model learnt them as emergencies so well that "not now, i've got a call coming in" was one
(0.96): it escalates an emergency only when the rest of the sentence says one without them."""

REASSURED = frozenset({"fine", "kidding", "joking"})
"""Words that say nothing is wrong: the safety net (the model's guess) does not escalate a
sentence with one (the lexicon still reads the signs said in it)."""


NAMING_ONLY = word_set("my the a an is are am was were it it's i i'm me his her there there's")
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


CALL_OVER = re.compile(
    r"\bcall(?: s| is| has| was)? (?:over|done|finished|ended)\b|\boff the phone\b"
)
"""A phone call said to be over ("phone call's over, continue"): the opposite of asking for one;
the net's model, taught "call 999" and "phone an ambulance", was sure of it as an emergency at
0.85 once rounds 21 and 22 were learnt. An ambulance asked for in words is the lexicon's."""


SAYINGS = re.compile(
    r"\boff (?:my|your|his|her|me) chest\b|\b(?:fell|fall|falling) for (?!about\b)"
)
"""Sayings with a sign's words ("I need to get something off my chest", "I fell for the missus
at a ceili"): the net's model was sure of them as signs (0.99); a sign said beside one is still
the lexicon's to read."""


HOT_WEATHER = re.compile(
    r"\b(?:scorcher|heatwave|heat wave"
    r"|(?:hot|boiling|roasting|baking|sweltering|scorching) (?:day|today|out|outside|weather)"
    r"|(?:day|weather|it) is (?:so |very |really |literally )?(?:sweltering|scorching))\b"
)
"""Hot weather ("it's a scorcher today, I'm sweating but I haven't got a temperature"): sweating
said with it is the day's, not a fever's, so the net (the model's guess) does not escalate a red
flag there (round 45's dev half: 3 such false alarms); a fever said in words is the lexicon's."""


def safety_net(
    signs: IntentModel,
    intents: IntentModel,
    text: str,
    said: Normalized,
    probability: float,
    ordinary: float = ORDINARY,
) -> Match | None:
    """A warning sign the lexicon missed but the net's model (`signs`) is sure of (its RedFlag
    and Emergency classes): escalated, with no symptom named, unless the intent model reads an
    ordinary request in it (`ORDINARY`), a check came out well (`CHECKED_FINE`), a film, show
    or the news is in the sentence (`UNREAD`), or it is a red flag asked about (the lexicon's
    `unclaimed`: "what if my hand goes tingly, should i worry"; an emergency is escalated all
    the same, unless a negation was left out of it). The model reads only the words no
    negation governs (`unnegated`). It does not see whose sign it is, nor "my car battery is
    dead": a sentence naming someone else is read, surer (`SURER`), as said for the person on
    the floor (`SOMEONE_ELSE`), and one with a vehicle only with the speaker's own body in it
    (`VEHICLE`). A sign told as long over (intents.long_over) is not read, only what follows."""
    if probability >= 1.0:
        return None
    named = spot_warning(text)
    over = long_over(text, named.family if named is not None else "")
    if over is not None:  # "numb years ago, fine since": only what is said after counts
        rest = text[over:]
        later = normalize(rest)
        if later.empty:
            return None
        caught = safety_net(signs, intents, rest, later.without_leading(), probability, ordinary)
        return None if caught is None else replace(caught, text=text)
    sets = lexicon().sets
    heard = set(said.tokens)
    if any(heard & sets[name] for name in UNREAD):
        return None
    if heard & sets[VEHICLE] and not _own_body(heard):
        return None
    surer = max(probability, SURER)
    if not heard & sets[SOMEONE_ELSE]:
        sure = surer if heard & sets[VEHICLE] else probability
        return _read(signs, intents, text, said, sure, ordinary)
    for spelling in (plainly(text), *any_sign_for_the_patient(text)):
        as_said = normalize(spelling).without_leading()
        if set(as_said.tokens) & sets[SOMEONE_ELSE]:
            continue  # still someone else's ("my son's leg" when "he" was swapped)
        caught = _read(signs, intents, spelling, as_said, surer, ordinary)
        if caught is not None:
            return replace(caught, text=text)
    return None


def _own_body(heard: Set[str]) -> bool:
    """The speaker and a part of the body are both spoken of."""
    return bool(heard & SPEAKER and heard & (BODY | lexicon().sets["limb"]))


def _read(
    signs: IntentModel,
    intents: IntentModel,
    text: str,
    said: Normalized,
    probability: float,
    ordinary: float,
) -> Match | None:
    """The net's reading of the words as they stand, once it is settled whose they are."""
    sets = lexicon().sets
    tokens = unnegated(said.tokens, sets["negator"])
    words = set(tokens)
    claims = words - NAMING_ONLY - sets["limb"] - sets["saddle_core"] - BODY
    if not claims:  # "my leg", "my leg is", "there's ... groin" (a negation left out): no claim
        return None
    if words <= {NUMBER}:  # "10-4" (CB radio for yes); "911" said alone is the lexicon's
        return None
    if words & REASSURED:  # "yeah go on, my chest is fine, i was just sighing"
        return None
    lowered = text.lower().replace("\u2019", "'").replace("'", " ")
    if (
        AS_DIRECTED.search(text.lower())
        or CHECKED_FINE.search(lowered)
        or CALL_OVER.search(lowered)
        or SAYINGS.search(lowered)
    ):
        return None
    red, emergency = sign_probabilities(signs, tokens)
    if red + emergency < probability:
        return None
    intent = EMERGENCY if emergency > red else RED_FLAG
    label, likely = _ordinary(intents, said)
    if likely >= ordinary and label not in (
        TOLD_WITH_SIGNS if intent == EMERGENCY else TOLD_WITH_RED_FLAGS
    ):
        return None  # an ordinary request, not a report the sign is told with
    if intent == RED_FLAG and HOT_WEATHER.search(lowered):
        return None
    unphoned = [t for t in tokens if t not in PHONE]  # still sure without the phone words?
    if (
        intent == EMERGENCY
        and words & PHONE
        and sum(sign_probabilities(signs, unphoned)) < probability
    ):
        return None
    negated = len(tokens) < len(said.tokens)  # "i can't say i have any numbness, no"
    if (intent == RED_FLAG or negated) and lexicon().claims_nothing(text):  # a question, no sign
        return None
    log.info("safety net: %r taken as %s (%.2f)", text, intent, red + emergency)
    return Match(text=text, intent=intent, slots={}, confidence=float(red + emergency))


def _ordinary(intents: IntentModel, said: Normalized) -> tuple[str, float]:
    """The likeliest ordinary request (no sign, not Unknown) the intent model finds, and how
    likely."""
    probs = zip(intents.labels, intents.probabilities(said.tokens), strict=True)
    return max(
        ((label, float(p)) for label, p in probs if label not in (RED_FLAG, EMERGENCY, UNKNOWN)),
        key=lambda pair: pair[1],
        default=("", 0.0),
    )


def unnegated(tokens: Sequence[str], negators: Set[str]) -> list[str]:
    """The words no negation governs: each negator and the `NEGATION_SCOPE` words after it
    left out ("i'm not short of breath" is "i'm"; "my leg, it don't want to hold me when i try
    to stand" is "my leg it i try to stand")."""
    kept, left_out = [], 0
    for token in tokens:
        left_out = NEGATION_SCOPE + 1 if token in negators else left_out
        if left_out:
            left_out -= 1
        else:
            kept.append(token)
    return kept


def sign_probabilities(signs: IntentModel, tokens: Sequence[str]) -> tuple[float, float]:
    """How likely the net's model finds these words a red flag, and an emergency."""
    probs = dict(zip(signs.labels, signs.probabilities(tokens), strict=True))
    return float(probs.get(RED_FLAG, 0.0)), float(probs.get(EMERGENCY, 0.0))
