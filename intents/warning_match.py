"""A warning sign said anywhere, as the matcher's Match: Emergency or RedFlag by the safety
lexicon's tier (intents.symptoms), said by the speaker, for the person on the floor
(intents.said_for_someone) or of oneself as "you", stumbled over or not (intents.stumbles).
Pure."""

from __future__ import annotations

import re
from dataclasses import replace

from intents.guessed_slots import words_slots
from intents.ice_talk import iced
from intents.long_over import long_over
from intents.said_for_someone import (
    STORY,
    counts_for_the_patient,
    first_person,
    told_as_over,
    told_as_you,
)
from intents.slot_words import parse_area
from intents.stumbles import unstuttered
from intents.symptom_rules import Warning
from intents.symptoms import lexicon, spot_warning
from intents.types import Match, SlotValue

RED_FLAG = "RedFlag"
EMERGENCY = "Emergency"
EMERGENCY_TIER = "emergency"
ESCALATIONS = (RED_FLAG, EMERGENCY)
"""Escalations come from the safety lexicon (intents.symptoms), a template sentence, or the
safety net (intents.safety_net); never from the statistical layer's ordinary guess or the
tolerant fallback (those were false alarms on the blind dev set every time: "no chest pain")."""


NOW = re.compile(
    r"\b(?:(?:and|but|so) )?(?:now|right now|today|tonight|this morning|since then)\b|\bbut\b"
    r"|(?<=anymore )|(?<=any more )|(?<=no no )(?<!no no no )(?!no\b)|(?<=i mean )|(?<=no wait )"
)
"""Where a story may turn to how things are now ("my dad had a stroke years ago and now he
can't breathe", "I fell off a ladder years ago, all healed, but I fell again today", "it's not
the back anymore, it's a band crushing round my sternum", "call the one two zero no no the nine
one one"): what follows is read again on its
own. After a red flag, only an emergency said there counts (the knees to the chest said first
kept the band round the sternum from being chest pain: pulled to the chest is no chest pain).
A sign the ice massage gives, with the ice talked of before the turn, is the ice's ("ice
finished now and it's numb, what next?")."""


def warning_match(text: str) -> Match | None:
    """A warning sign said anywhere (intents.symptoms), as Emergency or RedFlag by its tier.
    A back or neck spasm said with it is kept (`area`, and `onset` if said) so the coach
    records the spasm too. A story of someone else's ("years ago", "he's fine now") claims
    nothing, but what is said after it as now is read again on its own."""
    found = _spotted(text)
    plain = unstuttered(text) if found is None or found.tier != EMERGENCY_TIER else None
    if plain:  # "i hit my, my head", "my, my legs"; "n n no numbness no t tingling" is none
        found = _spotted(plain)
    if found is None or found.tier != EMERGENCY_TIER:  # an emergency said after a turn wins
        later = (warning_match(text[m.start() :]) for m in NOW.finditer(text) if m.start())
        turned = next(
            (
                m
                for m in later
                if m is not None
                and (found is None or m.intent == EMERGENCY)
                and not _the_ices(text, m)
            ),
            None,
        )
        if turned is not None:
            return replace(turned, text=text)
    if found is None:
        return None
    intent = EMERGENCY if found.tier == EMERGENCY_TIER else RED_FLAG
    slots: dict[str, SlotValue] = {"symptom": found.family}
    area = parse_area(text)
    if area is not None:
        slots["area"] = area
        slots.update(words_slots("SpasmStarted", text) or {})
    return Match(text=text, intent=intent, slots=slots, confidence=1.0)


def _the_ices(text: str, later: Match) -> bool:
    """A sign read after a turn that the ice massage gives, with no limb named there and the
    ice talked of in the whole (intents.ice_talk `iced`): the iced spot's ("ice finished now
    and it's numb"), not "..., but first my thumb and finger feel kind of dead"."""
    limbs = lexicon().sets["limb"]
    named = limbs.intersection(re.findall(r"[a-z']+", later.text.lower()))
    return not named and iced(lexicon(), text, str(later.slots["symptom"]))


def _spotted(text: str) -> Warning | None:
    """The warning sign `text` claims for the person on the floor, or None."""
    found = spot_warning(text)
    for spelling in first_person(text) if found is None else ():
        found = spot_warning(spelling)  # said for the person on the floor
        if found is not None and counts_for_the_patient(text, found.family):
            break
        found = None
    as_you = told_as_you(text) if found is None else None
    if as_you is not None:  # "you sit on the toilet and you can't feel the seat": an emergency
        found = spot_warning(as_you)
        found = found if found is not None and found.tier == EMERGENCY_TIER else None
    if found is None:
        return None
    over = told_as_over(text)
    if over is None:
        over = _not_mine(text)
    if over is None and found.tier != EMERGENCY_TIER:
        over = _theirs_not_mine(text)
    if over is None:
        over = long_over(text, found.family)  # "numb years ago, fine since"
    # someone else's, or long over: only what is said after it counts
    return found if over is None else _spotted(text[over:])


NOT_MINE = re.compile(r"\bnot (?:mine|me)\b(?! (?:being|making|exaggerating|joking|lying))")


WAS_THEIRS = re.compile(r"\b(?:was|were) (?:my|our|his|her|their|the) [a-z]+'s\b")


def _not_mine(text: str) -> int | None:
    """Where a sign said as someone else's is disowned ("the heart attack was my brother's,
    not mine", "my uncle had a stroke years ago, not me"): what follows it is read again on
    its own ("..., not me, but now I can't breathe"). None if not disowned or no one else was
    named before it, in a story of the past: someone else's now ("my wife's got chest pain, not
    me") may be an emergency in the room."""
    told, _, end = _around(NOT_MINE, text)
    sets = lexicon().sets
    others = sets["other_subject"] | sets["other_person"]
    named = any(word.removesuffix("'s") in others for word in re.findall(r"[a-z']+", told))
    past = STORY.search(told) or WAS_THEIRS.search(told)  # not "my wife's got chest pain, not me"
    return end if end and named and past else None


def _around(pattern: re.Pattern[str], text: str) -> tuple[str, str, int]:
    """`text` (lower case) before and after the first match of `pattern`, and where it ends
    (0: no match)."""
    said = text.lower()
    found = pattern.search(said)
    return (said[: found.start()], said[found.end() :], found.end()) if found else ("", "", 0)


BUT = re.compile(r"\bbut\b")
SPEAKER = frozenset({"i", "i'm", "i've", "me", "mine", "mine's", "my"})
NOT_ME = frozenset({"only", "fine", "alright", "okay", "ok", "nothing"})
"""After someone else's sign and "but": the speaker has only something else, or is fine."""
METOO = frozenset({"too", "also", "same", "either", "as well"})
HAVING = frozenset({"have", "got", "get", "getting", "feel", "feeling"})
"""... or has it as well ("but i've got it too", "but i only have it in my foot")."""


def _theirs_not_mine(text: str) -> int | None:
    """Where a professional sign told of someone else is disowned after "but": the speaker
    denies it, is fine, or has only something else ("my husband had a fever yesterday but i
    don't", "my father has numbness in his legs because of diabetes, but for me it is only
    the back"); what follows is read again on its own ("..., but i don't, my foot is numb").
    None if the words before it are not all of someone else (the speaker only as their owner:
    "my husband"; "i had a car accident, somebody hit me, but my head is fine" is the
    speaker's), or the speaker has it too ("but i've got it too", "but i only have it in my
    foot"). Not for an emergency: one for someone in the room is called for all the same."""
    before, rest, end = _around(BUT, text)
    after = set(re.findall(r"[a-z']+", rest))
    denied = after & lexicon().sets["negator"]
    has_it = not denied and after & HAVING and after & {"it", "one", "them", "that"}
    mine = bool(after & SPEAKER) and bool(denied or after & NOT_ME)
    if not end or not mine or after & METOO or has_it:
        return None
    return end if lexicon().about_someone_else(before) else None
