"""The answer to "Which one: the pasta timer or the ten-minute pasta timer?". Pure.

The desk asks which when a command could mean two timers; what is said next may answer it, in
the few words people use for that: the length ("the ten minute one"), the name ("the pasta
timer"), the order ("the first one", "the new one"), the time left ("the shorter one"), or
"both". The answer completes the command that was asked about (a pause stays a pause, even if
the words alone would read as a cancel); words that pick nothing leave the question and are
understood as usual.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from intents.action_words import said_verb, says_stop
from intents.duration_tokens import tokenize
from intents.durations import scan
from intents.normalize import normalize, word_set
from intents.types import Match
from voice.timers.plain_names import of_length
from voice.timers.timer_intents import COMMAND_INTENTS

QUESTION_TTL = 60.0
"""Seconds a which-timer question stays open."""

EVERY = word_set("both all each")
FIRST = word_set("first older oldest original earlier earliest")
LAST = word_set("new newer newest latest later recent")
LONGER = word_set("longer longest long bigger big")
SHORTER = word_set("shorter shortest short smaller small quick quicker")
ONE = word_set("one ones timer timers")
"""After a word that picks (`_picking`): "the new one", "the first timer", or nothing after it
("the second"); not "i'm new to this", "first aid", "how long is left", "that's all"."""
AFTER_EVERY = ONE | word_set("of them please")


@dataclass(frozen=True)
class WhichQuestion:
    """A command the desk asked about instead of guessing, and the timers it could mean."""

    command: Match
    options: tuple[str, ...]  # timer names, oldest first
    asked_at: float

    def open(self, mono: float) -> bool:
        return mono - self.asked_at <= QUESTION_TTL


def picked(
    text: str, options: Sequence[str], lengths: Mapping[str, float], left: Mapping[str, float]
) -> list[str]:
    """The options the words pick, oldest first; [] when they pick none (or several without
    saying "both"). `lengths`: each option's length in seconds; `left`: its time left."""
    tokens = tokenize(text)
    for duration in scan(tokens)[0]:
        by_length = of_length(options, lengths, duration.seconds)
        if len(by_length) == 1:
            return by_length
    named = [name for name in options if set(_words(name)) <= set(tokens)]
    if named:
        most = max(len(_words(name)) for name in named)
        longest = [name for name in named if len(_words(name)) == most]
        if len(longest) == 1:
            return longest
    said = _picking(tokens)
    if said & EVERY:
        return list(options)
    if said & (LONGER | SHORTER) and all(name in left for name in options):
        ordered = sorted(options, key=lambda name: left[name])
        return [ordered[-1] if said & LONGER else ordered[0]]
    if said & FIRST:
        return [options[0]]
    if "second" in said:
        return [options[1]]
    if said & LAST:
        return [options[-1]]
    return []


def _picking(tokens: tuple[str, ...]) -> set[str]:
    """The words that pick by order, time left or all: those followed by "one", "timer" or
    nothing ("the new one", "the second"); "both", "all" and "each" before "of them", "timers",
    "please" ("all of them"; "both" alone too, not "that's all")."""
    after = [*tokens[1:], ""]
    return {
        word
        for word, then in zip(tokens, after, strict=True)
        if (
            (then in AFTER_EVERY or (word == "both" and not then))
            if word in EVERY
            else (then in ONE or not then)
        )
    }


KEEPS_QUESTION = frozenset({"Repeat", "Slower", "Louder", "Softer", "AreYouThere"})
"""Said between the question and its answer ("say that again"), they leave it open."""

ANSWERING = frozenset({"Unknown", "Unsure", "Yes", "No", *COMMAND_INTENTS})
"""What the words may have been read as and still answer the question ("yes, the first one",
"the ten minute pasta timer" read alone as a cancel); anything else ("how long do I ice it")
is a new request."""


def answered(
    question: WhichQuestion,
    match: Match,
    lengths: Mapping[str, float],
    left: Mapping[str, float],
) -> list[str]:
    """The running timers `match`'s words pick as the answer to `question`; [] when they are
    no answer: another kind of request, or a verb for another action ("cancel the pasta timer"
    asked about a pause is a new command, not the answer)."""
    if match.intent not in ANSWERING:
        return []
    other = match.intent in COMMAND_INTENTS and match.intent != question.command.intent
    if other and match.confidence >= 1.0:  # a template's own sentence: "how long is left"
        return []
    tokens = normalize(match.text).tokens
    verb = said_verb(tokens) or ("CancelTimer" if says_stop(tokens) else None)
    if verb is not None and verb != question.command.intent:
        return []
    options = [name for name in question.options if name in lengths]
    return picked(match.text, options, lengths, left) if len(options) > 1 else []


def _words(name: str) -> list[str]:
    """The words a timer's name is said with: "ten-minute pasta" -> ten, minute, pasta."""
    return name.replace("-", " ").split()
