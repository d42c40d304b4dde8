"""How the grammar's words for an utterance stand against its free decodes (Moonshine's and
Vosk's open vocabulary): do the free decodes agree with a warning sign in them (`agrees`), deny
it with a negation (`denied`), affirm what the grammar negated (`affirmed`), put another word
where the warning rests (`contradicted`), and was Vosk sure of those words (`sure`)? Does a
free decode say another action or amount in the place of the grammar's (`other_action`)? Pure; the
warning-sign pass (voice.hearing.free_listening) decides with them, and says why each exists."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

from rapidfuzz import fuzz

_FUNCTION = """i my me a an the and to of in on it it's is was be been am are at that this so
um uh like with for from up down off all just now when i've i'm its"""
FUNCTION_WORDS = frozenset(_FUNCTION.split())
_NEGATIONS = """no not don't didn't haven't hasn't isn't wasn't can't cannot never nothing none
without won't aren't"""
NEGATIONS = frozenset(_NEGATIONS.split())
MIN_SHARED = 0.3
"""Share of the grammar's content words a free decode must also have."""


def denied(words: str, free: list[str], warns: Callable[[str], bool]) -> bool:
    """Has a free decode a negation the grammar's `words` lack that, put in its place among
    them, unsays the warning ("no chest pain" heard by the grammar as "know chest pain")? In
    its place: before the word it lines up with, and instead of that word when the free decode
    has it for one the warning does not rest on ("no fever" for the grammar's "low fever").
    A negation that unsays nothing there is about something else ("my speech is slurred and i
    haven't been drinking"), or a mishearing ("i can't scrawling" for "like ants crawling"). So
    is one in a free decode that heard neither a word the warning rests on nor a negation alone
    in its place ("i'm not on the in my saddle area" for "i've got numbness in my saddle
    area"; but "no i didn't fall" denies the grammar's "numb i didn't fall")."""
    said = words.split()
    where = set(resting(said, warns))
    for text in free:
        other = text.split()
        opcodes = SequenceMatcher(None, said, other, autojunk=False).get_opcodes()
        heard_it = any(said[i] in other for i in where)
        if not heard_it and not _alone_in_place(opcodes, where, other, negation=True):
            continue  # it heard neither the sign nor a negation for it: a mishearing around it
        for op, i1, i2, j1, j2 in opcodes:
            for j in range(j1, j2) if op != "equal" else ():
                word = other[j]
                if word not in NEGATIONS or word in said:
                    continue
                i = i1 + min(j - j1, i2 - i1)
                if not warns(" ".join([*said[:i], word, *said[i:]])):
                    return True
                swapped = op == "replace" and i < i2 and i not in where
                if swapped and not warns(" ".join([*said[:i], word, *said[i + 1 :]])):
                    return True
    return False


def _alone_in_place(
    opcodes: Sequence[tuple[str, int, int, int, int]],
    where: set[int],
    other: list[str],
    negation: bool,
) -> bool:
    """Does one word of the free decode's stand alone in the place of one of the grammar's
    `where`, a negation or not as `negation` says?"""
    return any(
        op == "replace" and i2 - i1 == 1 and j2 - j1 == 1 and i1 in where
        and (other[j1] in NEGATIONS) == negation
        for op, i1, i2, j1, j2 in opcodes
    )  # fmt: skip


def affirmed(words: str, free: list[str], warns: Callable[[str], bool]) -> bool:
    """Have two free decodes or more, and every one of them, in the place of a negation the
    warning in the grammar's `words` rests on, one word that is no negation ("i can breathe
    okay" where the grammar said "can't")? The grammar adds negations nobody said; but one
    decoder alone also drops them ("half my face will move" for "won't"), so it takes all."""
    said = words.split()
    where = {i for i in resting(said, warns) if said[i] in NEGATIONS}
    if len(free) < 2 or not where:
        return False
    for text in free:
        other = text.split()
        opcodes = SequenceMatcher(None, said, other, autojunk=False).get_opcodes()
        if not _alone_in_place(opcodes, where, other, negation=False):
            return False
    return True


def contradicted(words: str, free: list[str], warns: Callable[[str], bool]) -> bool:
    """Has a free decode, between words both heard, another word in the very place of one the
    warning rests on, one that sounds nothing like it (`different`)? "i checked and i can
    feel my toes" where the grammar said "tripped"; "can" where it said "can't". (Only for
    words Vosk was `sure` of: the free decodes of bench voices miss too many words of
    warning signs, "fit" for "get" in "i can't get my breath", to overrule an agreement.)"""
    said = words.split()
    where = set(resting(said, warns))
    for text in free:
        other = text.split()
        for op, i1, i2, j1, j2 in SequenceMatcher(None, said, other, autojunk=False).get_opcodes():
            single = op == "replace" and i2 - i1 == 1 and j2 - j1 == 1
            if single and i1 in where and 0 < i1 < len(said) - 1 and different(said[i1], other[j1]):
                return True
    return False


UNLIKE = 40.0
"""Spelling similarity (rapidfuzz ratio, 0-100) below which two words are not one misheard:
"tripped" and "checked" 29, "not" and "are" 0; "numbness" and "helmless" 50."""


def different(said: str, other: str) -> bool:
    """Is `other` another word than `said`, not a mishearing of it? A negation and a word
    that is none always are ("can't" and "can")."""
    if (said in NEGATIONS) != (other in NEGATIONS):
        return True
    return fuzz.ratio(said, other) < UNLIKE


def agrees(words: str, free: list[str], warns: Callable[[str], bool]) -> bool:
    """Do the free decodes bear out the warning sign in the grammar's `words`? A word the
    warning rests on (`resting`) is in a free decode, or one spelt like it in its very place
    (`LIKE`), and at least MIN_SHARED of the content words are in one of them. (A negation in
    a free decode is `denied`'s to catch.)"""
    said = words.split()
    decoded = [set(text.split()) for text in free]
    anywhere = set().union(*decoded)
    content = [w for w in said if w not in FUNCTION_WORDS]
    if not content or denied(words, free, warns):
        return False
    if max(sum(w in d for w in content) / len(content) for d in decoded) < MIN_SHARED:
        return False
    where = resting(said, warns)
    return any(said[i] in anywhere for i in where) or any(
        _in_place_like(said, where, text.split()) for text in free
    )


LIKE = 75.0
"""Spelling similarity (rapidfuzz ratio) from which a free decode's word in the very place of
one the warning rests on is that word misheard: "ladder" for "bladder" 92, "legs" for "leg" 86,
"migrating" for "vibrating" 78; not "helmless" for "numbness" 50 nor "checked" for "tripped"."""


def _in_place_like(said: list[str], where: list[int], other: list[str]) -> bool:
    """Has `other`, lined up with `said`, a word spelt like (`LIKE`, not `different`) one of
    `where`'s in its very place (in the stretch of words it has instead of the grammar's)?"""
    for op, i1, i2, j1, j2 in SequenceMatcher(None, said, other, autojunk=False).get_opcodes():
        for i in range(i1, i2) if op == "replace" else ():
            if i in where and any(_like(said[i], its) for its in other[j1:j2]):
                return True
    return False


def _like(said: str, other: str) -> bool:
    return not different(said, other) and fuzz.ratio(said, other) >= LIKE


def resting(said: list[str], warns: Callable[[str], bool]) -> list[int]:
    """Where the words are that the warning rests on: content words that, left out, leave no
    warning. When no one word does (the sign said twice: "i crashed the car and hit my head"),
    each content word that holds a warning with only the function words around it ("crashed"),
    or failing that every content word."""
    content = [i for i, w in enumerate(said) if w not in FUNCTION_WORDS]
    needed = [i for i in content if not warns(" ".join(said[:i] + said[i + 1 :]))]
    if needed:
        return needed
    return [
        i
        for i in content
        if warns(" ".join(w for j, w in enumerate(said) if j == i or w in FUNCTION_WORDS))
    ] or content


def other_action(words: str, free: list[str], names: Callable[[list[str]], frozenset[str]]) -> bool:
    """Has a free decode, lined up with the grammar's `words`, other words in the place of
    theirs that name only other things of a kind (`names(words)`: the commands their verbs
    name, "verb:..."; the numbers they say, "number:..."): "stop" where they say "start",
    "remove" where they say "resume", "ten" where they say "two"? The grammar turns a command
    into its opposite ("stop the timers now" -> "start a timer now", "remove the laundry timer"
    -> "resume the laundry timer") or another amount ("knock off 10 minutes" -> "knock off two
    minutes") while Moonshine heard it: two witnesses disagree on the very words the action
    rests on, and asking again beats the wrong action."""
    said = words.split()
    for text in free:
        other = text.split()
        for op, i1, i2, j1, j2 in SequenceMatcher(None, said, other, autojunk=False).get_opcodes():
            if op != "replace":
                continue
            mine, its = names(said[i1:i2]), names(other[j1:j2])
            for kind in {name.partition(":")[0] for name in mine}:
                theirs = {name for name in its if name.startswith(kind + ":")}
                if theirs and theirs.isdisjoint(mine):
                    return True
    return False


SURE_WORD = 0.95
"""Vosk's confidence in each word a warning rests on, for the grammar's words to count alone."""
SURE_MEAN = 0.8
"""... and its mean confidence over the content words."""


def sure(words: str, confidences: Sequence[float], warns: Callable[[str], bool]) -> bool:
    """Was Vosk sure of the grammar's `words` where the warning sign is? Pressed with speech
    that is not ours, the grammar says "numb" and "not" where nobody did, and then with less
    confidence than where it hears our words."""
    said = words.split()
    if len(confidences) != len(said):
        return False
    content = [c for w, c in zip(said, confidences, strict=True) if w not in FUNCTION_WORDS]
    where = resting(said, warns)
    if not content or not where or sum(content) / len(content) < SURE_MEAN:
        return False
    return all(confidences[i] >= SURE_WORD for i in where)
