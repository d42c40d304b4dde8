"""A question asked after what led to it: the last chance for a sentence nothing understood,
whole or in its clauses. Pure.

A person in pain tells before they ask: "it's a sharp stabbing pain across the low back when
I roll. should I just keep still?", "i can move my arms and legs normally only the neck cannot
turn what is the best position to sleep", "it's been four days still locked can i have the
electric blanket on it now". Said as a recognizer writes it there is no punctuation to split
at, and with it the story is often read as a request of its own ("a sharp pain when I roll":
it hurts) that disagrees with the question (intents.clauses gives up on parts that disagree).
What they want from the coach is the answer to the question: `asked_last(text, read)` reads
the words from a question's opening word to the end, alone, and takes them when they are a
question the coach answers, read surely (intents.clauses.SecondChance.takes). Never a warning
sign (those are read on the whole sentence first), never an action, an answer or a courtesy:
a story before them may change what they mean ("i was told to stop the timer at ten"). Not for
a recognizer's loose string of our words (the matcher's `generalise` off): its tail is often a
sentence of ours the grammar ended on ("the roast needs another hour" heard as "the low need
another how about aleve").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from intents.clauses import SecondChance
from intents.normalize import word_set
from intents.symptoms import lexicon
from intents.types import Match

QUESTIONS = frozenset(
    {"ExplainSpasm", "RestPosition", "IceHowLong", "HeatQuestion", "PainRelief", "NextStep",
     "MoveQuestion", "Knot", "Prevention", "AskProfessional", "HowLongLast", "TimerStatus"}
)  # fmt: skip
"""What a question asked last may be read as: questions the coach answers."""
OPENING = re.compile(
    r"\b(?:what|how|when|which|why|should (?:i|it|we)|shall i|can (?:i|it|we)|could (?:i|it)"
    r"|is (?:it|that|this|there)|are (?:there|they)|do (?:i|you)|does (?:it|this|that)"
    r"|will (?:it|this|i)|would (?:it|you)|am i|any point)\b"
)
"""Words a question opens with."""
RELATIVE = word_set(
    """with of about for from in on to at by like know knows knew see mean means that's is was
    exactly just that"""
)
"""Words before a question word that make it no question ("with what looks like a spasm",
"that's what i did", "i know what you mean")."""
MIN_BEFORE = 3
"""Words told before the question, at least: fewer are the question's own ("so how long")."""


def asked_last(
    text: str, read: Callable[[str], Match | None], limits: SecondChance
) -> Match | None:
    """The question asked at the end of `text` after at least MIN_BEFORE words, read alone
    (`read`: the matcher on a whole sentence), or None. Not after words of someone else or
    of a programme (`told_by_others`: "the news said how to prevent heart attacks")."""
    said = text.lower()
    for opening in OPENING.finditer(said):
        before = re.findall(r"[a-z0-9']+", said[: opening.start()])
        if len(before) < MIN_BEFORE or before[-1] in RELATIVE:
            continue
        if told_by_others(before):
            return None
        found = read(said[opening.start() :])
        if found is not None and found.intent in QUESTIONS and limits.takes(found):
            return replace(found, text=text)
        return None  # the first question only: a later opening is inside it ("how ... when")
    return None


SAYING = word_set(
    """said says say saying asked asks ask asking told tells explained explains wants wanted
    wondered wonders wondering reckons reckoned thinks"""
)
"""After someone else: what follows is what they asked or said ("my wife asked me how...")."""


def told_by_others(words: list[str]) -> bool:
    """A programme named (the safety lexicon's classes: "the news said how to prevent heart
    attacks"), or someone else saying or asking: what follows may be theirs, not the
    speaker's question. Someone else in the story alone is not ("my friend had the same, but
    mine's nothing like that, how long should i ice")."""
    sets = lexicon().sets
    if any(word in sets["media"] | sets["told"] | sets["viewing"] for word in words):
        return True
    return any(
        word.removesuffix("'s") in sets["other_person"] and SAYING.intersection(words[i : i + 3])
        for i, word in enumerate(words)
    )
