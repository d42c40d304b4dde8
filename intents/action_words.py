"""What the words say about a timer action, beside what the statistical layer guesses: the one
action a verb names ("delete" cancels), a word that says stop, which way an amount of time goes
("take two off"), and a command's own verb negated ("don't stop"). Pure; the statistical layer
and the matcher read them to ask instead of acting on the wrong action.
"""

from __future__ import annotations

from intents.normalize import NUMBER

TIMER_ACTIONS = frozenset(
    {"StartTimer", "StartIce", "StartStretch", "AddTime", "RemoveTime", "CancelTimer",
     "PauseTimer", "ResumeTimer"}
)  # fmt: skip
VERBS = {
    **dict.fromkeys(("cancel", "delete", "kill", "clear"), "CancelTimer"),
    **dict.fromkeys(("pause", "freeze"), "PauseTimer"),
    **dict.fromkeys(("resume", "unpause", "continue"), "ResumeTimer"),
    **dict.fromkeys(("add", "extend", "increase", "lengthen"), "AddTime"),
    **dict.fromkeys(("remove", "shorten", "decrease", "reduce", "subtract"), "RemoveTime"),
}
"""Words that name one timer action and no other."""


STARTS = frozenset({"StartTimer", "StartIce", "StartStretch"})
STOPPING = frozenset({"stop", "end", "off", "abort", "scrap", "ditch", "finish", "quit"})
"""Words that say a timer stops: a guess that would start one on them asks instead."""
STARTS_OFF = frozenset({"kick", "kicks", "kicking", "set", "sets", "setting"})
"""Before "off", a start: "kick off the ice massage, eight minutes"."""


def says_stop(tokens: tuple[str, ...]) -> bool:
    return any(
        t in STOPPING and not (t == "off" and i and tokens[i - 1] in STARTS_OFF)
        for i, t in enumerate(tokens)
    )


NEGATORS = frozenset(
    {"don't", "not", "can't", "won't", "couldn't", "didn't", "doesn't", "never", "wouldn't",
     "shouldn't"}
)  # fmt: skip
"""As the matcher's tokens spell them (intents.normalize: "dont", "cannot" -> "don't", "can't")."""


def named_by(verb: str) -> frozenset[str]:
    """The commands a verb names: "stop" stops the talk or a timer, "pause" pauses..."""
    if verb in VERBS:
        return frozenset({VERBS[verb]})
    if verb in STOPPING:
        return frozenset({"Stop", "CancelTimer"})
    return STARTS if verb in ("start", "begin", "set", "restart") else frozenset()


def negated_command(tokens: tuple[str, ...], intent: str) -> bool:
    """`intent`'s own verb said right after a negation ("don't stop", "please don't cancel
    it", "I can't stop shaking", "it won't stop"): the model, which reads words and not what a
    negation governs, was sure of Stop for "don't stop" (0.96). A negation of another verb
    leaves it ("pause it, not cancel it"); "why don't you stop" and "can't you stop" (a
    negation before "you") are requests, and stay the model's."""
    return any(
        intent in named_by(t) and i and tokens[i - 1] in NEGATORS and "why" not in tokens[:i]
        for i, t in enumerate(tokens)
    )


AMOUNT_CHANGES = frozenset({"AddTime", "RemoveTime"})
DIRECTIONS = {
    **dict.fromkeys(
        ("add", "extend", "increase", "lengthen", "more", "extra", "another", "longer", "plus",
         "onto", "raise", "bump", "boost", "top", "tack"), "AddTime"),
    **dict.fromkeys(
        ("remove", "shorten", "decrease", "reduce", "subtract", "less", "fewer", "shorter", "off",
         "minus", "cut", "trim", "drop", "lower", "dock", "shave", "deduct", "knock", "lose",
         "away"),
        "RemoveTime"),
}  # fmt: skip
"""Words that say which way an amount of time goes ("put another minute on", "take two off")."""


def said_direction(tokens: tuple[str, ...]) -> str | None:
    """AddTime or RemoveTime when the words say only that way, else None (neither, or both).
    "more" after a count with no unit tells of something else ("I've 6 more to check"; not
    "ten minutes more")."""
    named = {
        DIRECTIONS[t] for i, t in enumerate(tokens) if t in DIRECTIONS and not _counted(tokens, i)
    }
    if tokens[:1] == ("up",):  # "up the timer by 3 minutes"
        named.add("AddTime")
    return named.pop() if len(named) == 1 else None


def _counted(tokens: tuple[str, ...], i: int) -> bool:
    """Is tokens[i] "more" after a bare number and before "to" or "than" ("6 more to check")?"""
    bare = i > 0 and tokens[i - 1] == NUMBER  # normalized: every number is NUMBER
    return tokens[i] == "more" and bare and tokens[i + 1 : i + 2] in (("to",), ("than",))


RESTARTING = frozenset({"start", "turn", "put", "switch", "fire", "kick", "get"})
"""Verbs that, with "back up" or "back on" after them, resume ("start the ice back up")."""


def said_verb(tokens: tuple[str, ...]) -> str | None:
    """The one timer action the sentence's verbs name, or None (none, or several)."""
    named = {
        "ResumeTimer" if t == "pause" and i and tokens[i - 1] == "off" else VERBS[t]
        for i, t in enumerate(tokens)
        if t in VERBS
    }  # "take it off pause" resumes
    if _back_on(tokens):
        named.add("ResumeTimer")
    return named.pop() if len(named) == 1 else None


def _back_on(tokens: tuple[str, ...]) -> bool:
    """A start said with "back up" or "back on" after it ("start the ice back up", "put the
    timer back on"): what was stopped goes on."""
    starts = [i for i, t in enumerate(tokens) if t in RESTARTING]
    pairs = {tokens[i : i + 2] for i in range(len(tokens) - 1)}
    return (
        bool(starts)
        and bool(pairs & {("back", "up"), ("back", "on")})
        and any(tokens[i + 1 : i + 2] != ("back",) for i in starts)
    )
