"""A second chance for a sentence nothing understood as a whole: its clauses. Pure.

A person in pain wraps a request in context or courtesy: "my hand's warmed up a bit now so
let's resume the ice", "louder, he's hard of hearing", "I don't want to be dramatic but that's
actually quite painful". The matcher tries the parts only after the whole sentence came out
Unknown (and after the same said for oneself, intents.said_for_someone), so nothing it
understood before changes; a warning sign is decided on the whole sentence before any of this
(the caller ignores escalations read from a part: "no numbness, tingling, nothing" must not
become "numbness").

`clauses(text)`: the parts between punctuation and the words that join a reason or a request
("so", "because", "but"). `pick(found)`: what the parts say together, or None when they
disagree.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from functools import cache
from itertools import product

from intents.action_words import negated_command
from intents.normalize import normalize
from intents.said_for_someone import ANSWERS, for_the_patient
from intents.symptoms import lexicon
from intents.types import UNSURE, Match

log = logging.getLogger(__name__)

SPLIT = re.compile(
    r"\s*[,;:!?]+\s*|\s+(?:so|because|cos|cause|but|since|anyway)\s+"
    r"|\s+(?=(?:as|like) (?:it says|the \w+ says|written|directed|prescribed)\b)"
)
"""Where a clause ends: punctuation, or a word that starts a reason, a request or a contrast,
or "as it says on the box" after a dose ("I took two Advil like the bottle says"). Not a full
stop: "hold... the phone... someone's calling" is no request to hold."""
SENTENCE_END = re.compile(r"(?<=[a-z0-9])\.\s+(?=[a-z])")
"""A full stop between two sentences (not an ellipsis): "start the hold. no pain in my legs"."""

SOCIAL = frozenset({"Thanks", "Yes", "No", "Scared", "Goodbye"})
"""Intents a courtesy, an answer or a feeling is read as: beside a request, the request is what
to act on ("thanks, now set a timer for ten minutes"). Read from the first part only: at the
end they close a story ("my legs are tired from the hike, that's all", "..., not bad", "...,
now it is fine")."""
CLOSING = frozenset({"Thanks", "Scared"})
"""... except thanks and fear, which mean the same said last: "you've helped me a lot till
then, thanks", "last time I was off work for three weeks, so I'm really worried"."""


@cache
def negations() -> frozenset[str]:
    """Words that make a clause read only as No: "no, don't cancel the timer" must not cancel
    it, and a part lifted out of a sentence loses what a negation elsewhere governed. The
    safety lexicon's negators, and the refusals that negate a request rather than a sign."""
    return frozenset(lexicon().sets["negator"]) | {"won't", "wouldn't", "shouldn't"}


_FILLER_WORDS = "sorry okay ok so right well alright mate please um uh oh oi look listen hey"
FILLERS = frozenset(_FILLER_WORDS.split())
"""A clause of these words alone says nothing ("sorry, ..." is no request to repeat, "okay so
..." no yes)."""


@dataclass(frozen=True)
class SecondChance:
    """How sure a reading must be to count when it comes from a part or another spelling."""

    part: float = 0.8
    """A part's reading by the statistical layer must be this sure (a template sentence counts
    always) ..."""
    part_words: int = 4
    """... and the part at least this many words: read alone, a short part is too easily taken
    for a request ("... because of the heat", "so hot", "hold the line")."""
    spelling: float = 0.85
    """The whole sentence said for oneself (intents.said_for_someone) must be read this surely.

    Chosen on 2,553 out-of-domain sentences nothing read whole (the dev half, the not-for-us
    examples, rounds 7 and 8's harmless talk; the model trained without them) and 160 in-domain
    ones (phrasings round 7, round 8's harmless in-domain): with no limits 44 out-of-domain
    taken, 85 in-domain right, 4 wrong; these 13, 72, 2."""

    def takes(self, found: Match) -> bool:
        words = len(found.text.split())
        return found.confidence >= 1.0 or (
            found.confidence >= self.part and words >= self.part_words
        )


def second_chance(
    text: str,
    read_whole: Callable[[str], Match | None],
    limits: SecondChance,
    escalations: Collection[str],
    aside: Callable[[str], bool] = lambda part: False,
) -> Match | None:
    """Nothing understood the whole sentence (`read_whole`): the same said for oneself
    (intents.said_for_someone), then its clauses. Never one of `escalations`: warning signs
    are read on the whole sentence. Never a yes or no beside a part said to someone else in
    the room (`aside`: "sure, pass the salt", "no, the plant's dead"): it would take an
    offer."""
    spellings = for_the_patient(text)
    for spelling in spellings:
        found = read_whole(spelling)
        if (
            found is not None
            and found.intent not in (*escalations, *ANSWERS)
            and found.confidence >= limits.spelling
        ):
            return replace(found, text=text)
    answer = concluded_answer(text)
    found = read_whole(answer) if answer else None
    if found is not None and found.intent in ANSWERS and found.confidence >= 1.0:
        return replace(found, text=text)
    for spelling, split in product((text, *spellings), (sentences, clauses)):
        said = split(spelling)
        parts = [read_whole(part) for part in said]
        usable = [
            m if m is not None and m.intent not in (*escalations, UNSURE)
            and (not negated(m.text) or (m.intent == "No" and m.confidence == 1.0))
            and limits.takes(m) and not (i < len(parts) - 1 and _opens_a_question(m, text))
            else None
            for i, m in enumerate(parts)
        ]  # fmt: skip
        picked = pick(usable)
        if (
            picked is not None
            and picked.intent in ANSWERS
            and any(m is None and aside(said[i]) for i, m in enumerate(parts))
        ):
            return None
        if picked is not None and _denies_a_sign(picked) and None in usable:
            rest = _beside_the_denials(said, usable)
            found = read_whole(rest)  # "no numbness, no tingling. just pain. best position?"
            ok = found is not None and found.intent not in (*escalations, *ANSWERS, UNSURE)
            if ok and found is not None:
                return replace(found, text=text)
            if _ASKED.search(rest):
                return None  # a question not understood: "no numbness. do i need a doc?"
        if picked is not None:
            log.debug("%r understood from a part: %r", text, picked.text)
            return replace(_with_what_follows(picked, said, usable, read_whole), text=text)
    return None


def _with_what_follows(
    picked: Match,
    said: list[str],
    read: list[Match | None],
    read_whole: Callable[[str], Match | None],
) -> Match:
    """A timer action read from a part, with the slots of the parts after it that nothing
    understood alone ("..., but start the stretch, four holds": four holds), when read together
    they say the same action and every slot it had."""
    at = next((i for i, m in enumerate(read) if m is picked), None)
    if picked.intent not in ACTIONS or at is None:
        return picked
    end = at + 1
    while end < len(read) and read[end] is None:
        end += 1
    again = read_whole(" ".join(said[at:end])) if end > at + 1 else None
    if again is None or again.intent != picked.intent:
        return picked
    return again if picked.slots.items() <= again.slots.items() else picked


_QUESTION_OPENED = frozenset(["what", "so", "and", "then", "okay", "ok", "well", "but", "now"])


def _opens_a_question(found: Match, text: str) -> bool:
    """A "what" that a later part goes on with ("so what, in plain words, is a spasm"): the
    start of a question, not a request to hear the last reply again ("what? again" is one)."""
    said = set(re.findall(r"[a-z']+", found.text.lower()))
    asked = re.search(r"\bwhat\s*[?!.]", text.lower()) is not None
    return found.intent == "Repeat" and not asked and "what" in said and said <= _QUESTION_OPENED


_ASKED = re.compile(r"\?|(?:^|\. )(?:what|how|should|can|could|do|does|is|are|when|which|why)\b")


def _beside_the_denials(said: list[str], read: list[Match | None]) -> str:
    """The sentences of the clauses not understood (`read` None) that deny nothing."""
    pieces = [p for part, m in zip(said, read, strict=True) if m is None
              for p in re.split(r"(?<=[.?!])\s+", part)]  # fmt: skip
    return ". ".join(p for p in pieces if p.split()[:1] not in (["no"], ["not"], ["nothing"]))


def _denies_a_sign(found: Match) -> bool:
    """A "no" read from a sign denied ("no numbness"), not a bare answer: beside a question it
    answers none of the coach's offers."""
    said = found.text.split()
    return found.intent == "No" and len(said) > 1 and said[1] in lexicon().sets["listed"]


_CONCLUDED = re.compile(
    r"\bso,?\s+((?:yes|yeah|yep|sure|no|nope|nah)(?:[\s,]+(?:please|thanks|thank you|go on|"
    r"not now|not at the moment|not right now|not yet|let's do (?:it|that)))*)[\s.!]*$"
)
"""An answer given last, after its reason: "I've got the ice right here, so yeah go on", "I
tried that yesterday and it didn't do much, so no thanks"."""


def concluded_answer(text: str) -> str | None:
    """The answer a sentence concludes with after "so", or None."""
    found = _CONCLUDED.search(text.lower())
    return found.group(1) if found else None


def sentences(text: str) -> list[str]:
    """The sentences of `text` that say something (none when it is one), each read whole
    before its clauses are: "yes, go on. no chest pain, before you ask" is a yes, not "go on"."""
    return _said(SENTENCE_END.split(text.lower()))


def clauses(text: str) -> list[str]:
    """The parts of `text` that say something (none when it is one clause)."""
    return _said(SPLIT.split(text.lower()))


def _said(pieces: list[str]) -> list[str]:
    parts = [p.strip() for p in pieces if p and p.strip()]
    if len(parts) < 2:
        return []
    return [p for p in parts if not set(re.findall(r"[a-z']+", p)) <= FILLERS]


def negated(clause: str) -> bool:
    return any(w in negations() for w in re.findall(r"[a-z']+", clause))


def pick(found: list[Match | None]) -> Match | None:
    """One reading of what the parts (in order; None: not understood) say: all that were
    understood agree, or one request stands beside a courtesy or feeling said first; None when
    requests disagree."""
    last = len(found) - 1
    kept = [
        m
        for i, m in enumerate(found)
        if m is not None and (i == 0 or m.intent not in SOCIAL or i == last and m.intent in CLOSING)
    ]
    distinct = {(m.intent, tuple(sorted(m.slots.items()))): m for m in kept}
    if len(distinct) == 1:
        return next(iter(distinct.values()))
    requests = [m for m in distinct.values() if m.intent not in SOCIAL]
    if len(requests) == 1:
        return requests[0]
    return None


ACTIONS = frozenset(
    {"StartIce", "StartStretch", "StartTimer", "CancelTimer"}
    | {"PauseTimer", "ResumeTimer", "AddTime", "RemoveTime"}
)
_DO_NOT = re.compile(
    r"\b(?:don't|dont|do not|never)\s+(?:\w+\s+)?(?:cancel|stop|start|pause|resume|add|remove|take|"
    r"set|delete|end|kill|reset|restart|continue|begin|put|extend|shorten|turn|switch|run)"
)


def told_not_to(intent: str, text: str) -> bool:
    """A timer action in a sentence that says not to do something ("don't cancel the timer",
    "do not stop the timer"), or a command whose own verb is denied ("don't stop", "I can't
    stop shaking": `negated_command`): the statistical layer sees the words, not what the
    negation governs, so only a template sentence may act on it."""
    if intent in ACTIONS and _DO_NOT.search(text.lower()) is not None:
        return True
    return intent in (*ACTIONS, "Stop") and negated_command(normalize(text).tokens, intent)
