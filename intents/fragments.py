"""A few words with nothing in them to act on: pronouns, helping verbs and small words alone
("i want", "i will", "i was", "i need", "i'm going"). Spoken, they are what comes out when an
utterance is cut at a pause ("i want ... to cancel the nap timer"); the statistical layer and
the near-miss reading still find an intent in them ("i need" Goodbye, "i will" HowLongLast, "i
was" Repeat, "i am" Scared), and the coach would act on half a sentence. A sentence of our
templates said whole still counts ("i do", "i think so"), and so does a warning sign the safety
net reads (a sentence cut short may still be one: "i can't ..."). Nor is a timer named alone
("the pasta timer": `names_a_timer_only`). Pure."""

from __future__ import annotations

from collections.abc import Sequence

from intents.normalize import word_set

FRAGMENT_WORDS = word_set(
    """
    i i'm i've i'd i'll me my mine myself you your you're it it's its that that's this these
    those we we're us our they them he she him her his
    a an the and but or so then to of for in at by from about if as
    am is are was were be been being does did doing can could should would will shall
    may might must have has had having going gonna wanna want wanted need needs think thought
    feel feels just really very well oh um uh er erm hmm also too some any
    """
)
"""Words that say nothing to act on by themselves. Negations, question words, "yes", "no",
"okay", words that answer in this room ("done", "there", "on", "with", "like", "do": "that's
me done", "you there?", "you on?", "you with me?", "i think i'd like that", "we do it") and
every word of a request are not among them."""


def says_nothing(tokens: Sequence[str]) -> bool:
    """Are these normalized words only `FRAGMENT_WORDS`?"""
    return bool(tokens) and all(token in FRAGMENT_WORDS for token in tokens)


NAMING = word_set("the that this my a your")


def names_a_timer_only(tokens: Sequence[str]) -> bool:
    """A timer named and nothing said of it ("the pasta timer", "that timer"): the answer to
    the timer desk's "which one?" (read there from the words, voice.timers.which_answer), no
    command alone; the statistical layer read "the timer" as a cancel."""
    return 2 <= len(tokens) <= 3 and tokens[0] in NAMING and tokens[-1] in ("timer", "timers")
