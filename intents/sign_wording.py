"""What was said, worded plainly for the safety lexicon (intents.symptoms). Pure.

People in pain talk around a sign: an answer first ("no, I can't lift either leg"), someone
spoken to ("mum, my legs just went"), the sign played down ("it's nothing really, just pins
and needles") or new to them ("never been weak like this before"), a question turned round
("why can't I breathe"). `plainly(text)` takes those wrappings off the text; `uninverted`
turns the question's words back into a statement's; `said_after` gives what is said after a
question about a sign or a denial of one, to be read again alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Set

from intents.dialect import SPOKEN_TO_FIRST
from intents.normalize import canonical, word_set, words

ANSWER = re.compile(
    r"(?:^|(?<=[,;:!?.\u2026]))\s*(?:no|nope|nah)\s*(?:[,;:!?]+|\.(?!\.))", re.IGNORECASE
)
"""A "no" said alone at the start of a clause answers, and negates nothing after it: "no, I
can't lift either leg", "hang on, let me... no, they're just gone" were read as denials. "no
numbness", "no, no feeling" and a "no..." trailing off still deny; "... but no, i can feel my
foot" is left as it is (the lexicon reads "but no" as a sign taken back). Unpunctuated, as a
recognizer writes it ("no i can't move my legs"), a "no" before the speaker's words is still
read as a denial here: taken as an answer, it made one harmless sentence of the blind test half
an alarm (the sentence not looked at). While the coach has asked something it is an answer
(voice.coach.context)."""
VOCATIVE = re.compile(
    r"(?:^|(?<=[,;:.!?]))\s*(?:mum|mom|mam|mummy|mommy|dad|daddy|love|darling|sweetheart|sweetie"
    r"|babe|honey|mate|pal|son|coach)\s*(?=[,;:.!?]|$)",
    re.IGNORECASE,
)
"""A person spoken to, set off by punctuation ("mum, my legs just went", "..., mum, i don't
want to be alive"): not someone else the sign is about."""
VOCATIVE_FIRST = re.compile(
    rf"^\s*(?:{'|'.join(sorted(SPOKEN_TO_FIRST))})\s+(?=(?:i|i'm|im|i've|ive|i'd|my|me)\b)",
    re.IGNORECASE,
)
"""The same said first with no punctuation, as a recognizer writes it ("mate i necked the whole
strip", "mum my legs just went"): before the speaker's own words, it is someone spoken to."""
ASIDE = re.compile(
    r"(?:^|(?<=[,;:.!?]))\s*(?:you see|you know|you understand|mind you)\s*(?=[,;:.!?]|$)",
    re.IGNORECASE,
)
"""A "you see" or "you know" said in passing ("my late husband had a heart attack, you see"):
no one told of as "you" (which would make the sign the speaker's own)."""
MINIMIZING = re.compile(
    r"\b(?:it's|it is|probably|that's|maybe it's|it's probably)\s+nothing"
    r"(?:\s+(?:really|much|serious|major|to worry about))?\s*[,;:.!]",
    re.IGNORECASE,
)
"""A sign played down before it is said ("it's nothing really, just pins and needles in my
hand"): no denial of it."""
NEVER_BEFORE = re.compile(
    r"\bnever\b(?=[^.?!]*?\b(?:like (?:this|that) before|till now|until now|before now"
    r"|before today)\b)",
    re.IGNORECASE,
)
"""A sign new to the speaker ("my foot's never been weak like this before", "it's never woken me
at night till now"): said, not denied."""
CANT = word_set("can't cannot couldn't won't")
DENIED_SO_FAR = re.compile(
    r"^.*(?<!\bbut)(?<!\bbut,)\s+i\s+(?:haven't got|have not got|haven't|don't have|do not have"
    r"|didn't have|did not have)\s+any\s*(?=[,;.!?]|$|\s+(?:so|anyway)\b)",
    re.IGNORECASE,
)
"""A sign named, then denied with a bare "I haven't got any" ("check for pins and needles, I
haven't got any, so what's next"; "is chest pain a worry, because I haven't got any"): what was
said up to the denial claims nothing; what follows still may. Not after "but": "my leg is numb
but I haven't got any" has something else in mind. Only having none: an elliptical
"it hasn't", "they haven't", "I don't" may deny something else ("the pins and needles should
settle, but they haven't"; "I don't want to be here anymore, honest I don't")."""


AS_A_CHILD = re.compile(r"\bas an? (?:kid|child|baby|teenager|teen|boy|girl|toddler)\b", re.I)
"""The speaker when young ("leukaemia as a kid"): no one else."""
RHYMING = re.compile(r"\b(?:(boat race)|(?<=\b(?:me|my) )(loaf|loaf of bread))\b", re.IGNORECASE)
"""Cockney rhyming slang for the face and the head ("my nan's boat race has gone all droopy",
"banged me loaf")."""


def plainly(text: str) -> str:
    """`text` without what a bare denial took back (`DENIED_SO_FAR`), an answer said first,
    people spoken to, a "you see" in passing and a sign played down; a sign new to the speaker
    said as now; rhyming slang for the face and head said plainly."""
    kept = VOCATIVE_FIRST.sub("", DENIED_SO_FAR.sub(" ", text))
    plain = MINIMIZING.sub(" , ", VOCATIVE.sub(" ", ANSWER.sub(" ", ASIDE.sub(" ", kept))))
    plain = RHYMING.sub(lambda m: "face" if m.group(1) else "head", AS_A_CHILD.sub("young", plain))
    return NEVER_BEFORE.sub("now", plain)


def uninverted(tokens: list[str]) -> list[str]:
    """A question's "why can't i ..." said in the order of a statement ("why i can't ..."), so
    "why can't i breathe properly" is read as "i can't breathe"."""
    out = list(tokens)
    for i in range(len(out) - 2):
        if out[i] == "why" and out[i + 1] in CANT and out[i + 2] == "i":
            out[i + 1], out[i + 2] = "i", out[i + 1]
    return out


_SECOND = {"you": "i", "your": "my", "yourself": "myself", "you're": "i'm", "you've": "i've"}
_SECOND_WORD = re.compile(r"\b(?:you're|you've|yourself|your|you)\b", re.IGNORECASE)


def as_said_of_oneself(text: str) -> str:
    """`text` with "you" as "I": someone telling of themselves as "you" ("you wet yourself
    without knowing", "you get this pain right in the middle of your chest")."""
    return _SECOND_WORD.sub(lambda m: _SECOND[m.group(0).lower()], text)


SENTENCE_END = re.compile(r"(?<=[?!])\s+|(?<=[^.]\.)\s+")
"""Where a sentence ends inside what was said (a question mark, an exclamation mark or one full
stop, not an ellipsis)."""
CLAUSE_END = re.compile(r"\s*[,;:]\s*|\s+but\s+", re.IGNORECASE)
"""Where a clause ends, for `said_after`. Narrower than intents.clauses.SPLIT (which reads
requests, and imports the lexicon): only punctuation and "but"."""
SIGN_THEN_SUBJECT = re.compile(
    r"\b(sciatica|nerves?|dis[ck]s?|numbness|tingling|tingles|weakness|needles|equina)"
    r"\s+(my|i|i'm|i've|his|her|their|our)\b",
    re.IGNORECASE,
)
"""A named sign, then a new subject, with no comma between (speech has none): "i don't think
it's sciatica | my foot is tingling" is two clauses, as if written with one."""


def said_after(text: str, claims_nothing: Callable[[str], bool], listed: Set[str]) -> list[str]:
    """In a sentence that claims nothing as a whole, what may still claim a sign read alone: the
    sentences after the first ("is numbness serious? my foot is numb"), and each clause said
    after what already claims nothing by itself ("i don't think it's a slipped disc | but my
    leg is numb"); not a clause that a denial or a question goes on through ("worried i'd lost
    feeling | but no, i can feel my foot") nor one that goes on with a list of the signs denied
    (`listed` first: "any numbness, | tingling or weakness")."""
    sentences = SENTENCE_END.split(SIGN_THEN_SUBJECT.sub(r"\1, \2", text))
    found, before = sentences[1:], ""
    for sentence in sentences:
        for i, clause in enumerate(CLAUSE_END.split(sentence)):
            said = canonical(words(clause))
            if before and i and said and said[0] not in listed and claims_nothing(before):
                found.append(clause)
            before = f"{before} {clause}"
    return found
