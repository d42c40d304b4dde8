"""A request wrapped in courtesy, said plainly. Pure.

A polite person on the floor asks "would you mind adding two minutes to the ice", "I'd be
grateful if you spoke more slowly", "I was wondering whether I ought to keep still". The
templates and the statistical layer know the plain request ("add two minutes to the ice",
"speak more slowly", "should I keep still"); the wrapper hides it (round 11's polite persona:
Unknown or unsure). `plainly(text)` gives the request without its wrapper, or None when there
is none. The matcher reads it only when the whole sentence was not understood, and never takes
a warning sign from it (those are read on the whole sentence first).
"""

from __future__ import annotations

import re

_LEAD = r"^(?:.*?[,.;!?]\s*)?(?:(?:oh|so|sorry|excuse me|please|okay|ok|um|er)\s+)*"
"""What may come before the wrapper: an earlier clause, a filler."""
_GERUND = re.compile(
    _LEAD + r"(?:would|do|will) you (?:mind|object to)(?: terribly| awfully| very much| at all)?"
    r"(?: just)? (\w+ing)\b(.*)$"
)
_IF_YOU = re.compile(
    _LEAD + r"(?:i'd|i would|i will|i'll|i shall|we'd)(?: really| be| truly)*"
    r"(?: ever so| very| most| so| really| awfully| terribly)? (?:grateful|thankful|obliged|glad"
    r"|happy|pleased) if you(?: could| would| might| can| will)?(?: just| please)? (\w+)\b(.*)$"
)
_WONDER = re.compile(
    _LEAD + r"(?:i (?:was|am|'m)|i'm) (?:wondering|hoping) (?:if|whether) "
    r"(?:(you) (?:could|would|might|can|will)|(i) (?:could|should|ought to|might|can|may|must"
    r"|need to|have to)) (.*)$"
)
_MIGHT_I_ASK = re.compile(
    _LEAD + r"(?:might|may|could|can) i (?:ask|enquire|inquire)(?: you)?"
    r"(?: (?:if|whether) (i|you) (?:ought to|should|could|might|can|may|must|need to))? (.*)$"
)
_ASIDE = re.compile(
    r"\b(?:if (?:it's|it is) not too much (?:trouble|bother)"
    r"|if (?:it's|it is) no (?:trouble|bother)"
    r"|if you (?:don't|do not) mind"
    r"|if that's (?:ok|okay|alright|all right)"
    r"|if you (?:could|would|can|will|please)"
    r"|if you'd be so kind|if i may|please|kindly)\b,?\s*"
)
_ADDRESS = re.compile(
    r"(?:\s+(?:hun|hon|sweetheart|sweetie|darling|babe|mate|pal|bro|buddy|dude)"
    r"|,\s*(?:love|dear|duck|pet|chuck|sir|ma'am|madam|boss|man|my friend|my dear|honey))"
    r"[\s.!?]*$"
)
"""Someone spoken to at the end, as to a person ("thank you sweetheart", "ok, bit softer, love");
the plainer words ("love", "man") only after a comma ("i'd love", "the man")."""
_EXCLAIMED = re.compile(
    r"\b(?:e[yh] up|oh (?:my )?(?:god|gosh|lord|dear|hell|man|boy)|(?:well|bloody|what the) hell"
    r"|(?:lord|lawd|god) have mercy|o+h+ o+h+|o{2,}h*|ow+(?: ow+)*|a+r+g+h+|u+g+h+|jeez|crikey"
    r"|blimey|dammit|damn it|damn|dang|darn|bloody|flipping|flaming|frigging|freaking|effing"
    r"|och|ach)\b[,!.]*"
)
"""Exclamations and swearing around a request ("well hell, bent over and my dang back just
seized up on me", "ow ow ok start the ice"): said without them when the whole is not read."""
_PAST = {
    "spoke": "speak", "said": "say", "told": "tell", "gave": "give", "put": "put", "set": "set",
    "went": "go", "took": "take", "read": "read", "began": "begin", "let": "let", "ran": "run",
}  # fmt: skip
_NEEDS_E = frozenset(
    [
        "mak",
        "tak",
        "giv",
        "paus",
        "resum",
        "remov",
        "continu",
        "us",
        "sav",
        "leav",
        "rais",
        "writ",
        "reduc",
        "increas",
        "decreas",
        "releas",
        "clos",
        "chang",
        "shar",
        "serv",
        "driv",
        "receiv",
        "declin",
        "describ",
    ]
)
"""Stems that end in a silent e once "-ing" or "-ed" is gone ("pausing" -> "pause")."""


def plainly(text: str) -> str | None:
    """`text` without its courtesy wrapper ("would you mind stopping there" -> "stop there"),
    or None when it has none."""
    said = " ".join(text.lower().replace("\u2019", "'").split())
    if found := _GERUND.match(said):
        return _join(_base(found.group(1), "ing"), found.group(2))
    if found := _IF_YOU.match(said):
        verb = found.group(1)
        verb = _PAST.get(verb) or (_base(verb, "ed") if verb.endswith("ed") else verb)
        return _join(verb, found.group(2))
    if found := _WONDER.match(said):
        return _join("could you" if found.group(1) else "should i", found.group(3))
    if found := _MIGHT_I_ASK.match(said):
        who = {"i": "should i", "you": "could you"}.get(found.group(1) or "", "")
        return _join(who, found.group(2))
    plain = _EXCLAIMED.sub("", _ADDRESS.sub("", _ASIDE.sub("", said)))
    plain = " ".join(plain.split()).strip(" ,.!")
    return plain if plain and plain != said.strip(" ,.!") else None


def _base(word: str, ending: str) -> str:
    """The verb of "adding" or "paused": "add", "pause"; "stopping" -> "stop"."""
    stem = word[: -len(ending)]
    if stem in ("cancell", "travell"):
        return stem[:-1]
    short = stem[:-1]
    if len(short) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz" and short[-2] in "aeiou":
        return short  # stopping, putting, setting (not adding, calling, pressing, buzzing)
    return stem + "e" if stem in _NEEDS_E else stem


def _join(*parts: str) -> str:
    return " ".join(p.strip(" ,") for p in parts if p.strip(" ,"))
