"""Slot values read from the words, for sentences whose intent was picked without a template.

Pure and offline. Each parser takes the raw text and tokenises it with `tokenize` (see
`intents.durations`); a value is only ever read from the words, never guessed, and a parser
that finds nothing it can read returns None. The callers call them for the intent the
understanding layer picked: `parse_timer_name` for the timer intents, `parse_area` for the
body questions, `parse_onset` for Onset; outside those intents their answers mean little
("kill the pasta" names a timer only if it is a timer command).

Judgment calls, so a caller knows what to expect:
- a duration before "timer" names no timer: "the five minute timer" -> parse_timer_name None,
  parse_duration 300 (with `names_timer` true); a plain "the countdown" is "timer";
- a name without the word "timer" is read only as "the X" at the end or before a verb-like
  word ("add 20 minutes to the pasta", "the laundry needs", "the medicine one");
- "on my back" is a position after lying words ("lying flat on my back", "i'm on my back",
  "roll onto my back"), else the area ("put ice on my back", "a warm compress on my back");
  "shoulder blades" are the back; with several areas the first one said wins;
- onset (when it started) is read by `intents.onset_words.parse_onset`, re-exported here.
"""

from __future__ import annotations

from intents.duration_tokens import tokenize
from intents.durations import (
    TIMER_WORDS,
    UNIT_SECONDS,
    Duration,
    Unreadable,
    parse_duration,
    parse_duration_status,
    scan,
)
from intents.hold_counts import STRETCH_WORDS as STRETCH
from intents.hold_counts import parse_reps
from intents.normalize import word_set as _set
from intents.onset_words import parse_onset
from intents.quantities import read_integer, token_at

__all__ = [
    "Duration", "Unreadable", "names_other_back", "parse_all", "parse_area", "parse_duration",
    "parse_duration_status", "parse_onset", "parse_reps", "parse_timer_name", "tokenize",
]  # fmt: skip

Tokens = tuple[str, ...]


ICE = _set("ice icing iced massage")
HOLD_BEFORE = _set(
    "the my a this that each every one your next last first knee long longer shorter more until "
    "till "
    "another extra second seconds minute minutes"
)
HOLD_VERBS = _set("pause resume cancel stop end start continue unpause restart skip begin quit")
HOLD_AFTER = _set("routine timer thing exercise position session stretch each for is time")
NOT_A_NAME = _set(
    """
    the a an my your our this that these those new quick countdown paused running current main
    regular normal plain simple basic same existing other first second third last next previous
    different old start set stop cancel pause resume unpause continue restart reset kill delete
    remove clear end check run begin create make add extend freeze put reduce lower shorten
    scrap dismiss silence mute halt finish show read need want get give is to for of on and
    it that's what's i every each all both any which what okay so well alright now oh hey coach
    but right then yeah until till before after with from by in at about how when quit forget
    drop abort nix ditch terminate suspend no more
    """
)
"""Before "timer", words that are not its name: "the timer", "resume timer", "quick timer"."""
SELECTORS = _set("other first second third last next previous different old every each all both")
NOT_A_BARE_NAME = NOT_A_NAME | _set(
    """
    floor ground bed couch sofa chair time clock way thing things one rest status pain spasm
    back neck shoulder shoulders spine knot doctor hospital car house room moment day night
    morning weekend routine exercise session timers countdowns alarm app coach whole
    remaining best usual default sound noise voice muscle muscles pillow hold left volume steps
    options commands problem recovery speech words question answer instructions guide gym
    carpet computer work office stairs bathroom toilet shower bath count little big baby kid kids
    child children wee dog cat door phone top total lot end
    """
)
NAMING = _set("called named labelled labeled titled")
"""Before a timer's own name: "a timer called shoulder", "the timer labelled invoice"."""
PASSIVE = _set("been was were got get being i'm he's she's")
"""Before a naming word, no name follows: "i've been called back in"."""
PLACED = _set("at by near outside inside through under behind beside")
"""Before "the X": where something is, not which timer ("somebody is at the gate")."""
NOT_A_NAME_BEFORE_ONE = NOT_A_NAME | _set(
    "little big small short long whole same right wrong only total top end other"
)
"""Before "one", words that are not a timer's name: "the other one", "the long one"."""
NAME_FOLLOWS = _set(
    "please now one is needs need can could doesn't does done will should has going finish "
    "finished ready again too got nearly almost still"
)
NAME_AFTER = _set("to from for of off onto")
"""Before a name said without "the": "add half an hour to laundry", "time left for pelmeni"."""
NOT_A_NAME_AFTER = _set(
    """
    me you him her us them it later now today tonight tomorrow sure real good nothing anything
    something everything ages long short while bit second seconds minute minutes hour hours go
    """
)
ALL_NEXT = _set(
    "of the my timers countdowns them these those your our running three two timer countdown"
)  # "all timer": said without the plural
NOT_ALL_BEFORE = _set("at that's it's is was i'm we're that all")
BACK_WORDS = _set("spine spinal lumbar backache backaches tailbone")
NECK_WORDS = _set("neck necks neckache shoulder shoulders")
BACK_BEFORE = _set(
    "my your his her our their the a this lower low upper mid middle whole entire bad sore "
    "stiff tight"
)
BACK_AFTER = _set(
    "spasm spasms pain pains ache aches muscle muscles injury problem problems issue issues "
    "locked seized went gave froze cramped spasmed hurts hurt clenched twinged"
)
"""After a "back" with no "my": "what causes a back spasm", "i think back locked up"."""
BACK_ADVERB = _set("to on up off in into out down from home here there again now and")
"""After a "back" that starts the sentence: "back to bed", "back on"; not "back locked up"."""
ME_OWNS_AFTER = _set(
    "do doing done did hurt hurting hurts put putting wrecked knackered ricked cricked jarred "
    "twisted pulled strained tweaked in on of at"
)
"""Words before "me back" that make "me" "my" ("I'm after doing me back", "a pain in me back");
not "call me back", "get me back up"."""
BACK_VERBS = _set(
    "come came coming go went going get got getting call called be been lie lean sit i'm we're"
)
LYING = _set("lie lying lay laying laid sleep sleeping slept roll rolled rolling turn turned")
LYING_ON = LYING | _set(
    "i'm am be was were is it's being stay staying stuck flat still down rest resting get"
)
"""Right before "on my back": a position ("i'm on my back", "flat on my back")."""


def parse_timer_name(text: str) -> str | None:
    """Which timer: "ice", "stretch", "timer" (a plain one) or the user's own name word."""
    tokens = tokenize(text)
    for i, token in enumerate(tokens):  # "a timer called shoulder", "call it water"
        passive = token_at(tokens, i - 1) in PASSIVE  # "i've been called back in"
        at = i + 1 if token in NAMING and not passive else 0
        if token in ("call", "name") and token_at(tokens, i + 1) in ("it", "this", "that"):
            at = i + 2
        if at:
            at += token_at(tokens, at) == "the"
            word = token_at(tokens, at)
            if word.isalpha() and word not in NOT_A_NAME:
                return _kind(tokens, at) or word
    plain = False
    timers = [i for i, token in enumerate(tokens) if token in TIMER_WORDS]
    spans = scan(tokens)[0] if timers else []
    durations = {d.words[1] for d in spans}
    amount = {i for d in spans for i in range(*d.words)}  # "a timer for five minutes"
    for i in timers:
        word = token_at(tokens, i - 1)
        if i in durations or word in UNIT_SECONDS or read_integer(tokens, i - 1) is not None:
            return None  # "the five minute timer": named by its duration
        kind = _kind(tokens, i - 1)
        if kind or word in SELECTORS:
            return kind
        if word and word not in NOT_A_NAME and word.isalpha():
            return word
        at = i + 2 + (token_at(tokens, i + 2) in ("the", "my"))
        named = token_at(tokens, i + 1) in ("for", "of", "on") and token_at(tokens, at)
        named = named if at not in amount and read_integer(tokens, at) is None else ""
        if named and named.isalpha() and named not in NOT_A_BARE_NAME | NOT_A_NAME_AFTER:
            return _kind(tokens, at) or named  # "the timer for the pasta", "timer of molokhia"
        plain = True
    kinds = (k for i in range(len(tokens)) if (k := _kind(tokens, i)) and not _denied(tokens, i))
    kind = next(kinds, None)
    return kind or ("timer" if plain else _bare_name(tokens))


def _denied(tokens: Tokens, i: int) -> bool:
    """The timer at tokens[i] is said not to be the one: "not the ice, the plain timer"."""
    before = token_at(tokens, i - 1)
    return "not" in (before, token_at(tokens, i - 2) if before in ("the", "my") else "")


def _kind(tokens: Tokens, i: int) -> str | None:
    """ "ice" or "stretch" if tokens[i] names that timer (not the verb: "hold the ice timer",
    "stretch the timer out", "massage my back")."""
    token = token_at(tokens, i)
    after = token_at(tokens, i + 1)
    if token in ICE:
        verb = token == "massage" and after in ("my", "it", "the")
        return None if verb else "ice"
    if token == "stretch" and (
        after in ("it", "them", "out")
        or (after in ("the", "my", "that", "this") and token_at(tokens, i + 2) in TIMER_WORDS)
    ):
        return None
    if token in STRETCH:
        return "stretch"
    if token in ("hold", "holding"):
        for_it = after in ("it", "them") and token_at(tokens, i + 2) == "for"
        noun = token_at(tokens, i - 1) in HOLD_BEFORE or after in HOLD_AFTER
        noun = noun or (not after and token_at(tokens, i - 1) in HOLD_VERBS)  # "resume hold"
        return "stretch" if (for_it or noun) and token_at(tokens, i - 1) != "on" else None
    return None


def _bare_name(tokens: Tokens) -> str | None:
    """ "add 20 minutes to the pasta", "the laundry needs...": a name without "timer"."""
    for i, token in enumerate(tokens[:-1]):
        word = tokens[i + 1]
        follows = token_at(tokens, i + 2)
        one = follows == "one"  # "pause the neck one": a name of any word but "the long one"
        unnamed = NOT_A_NAME_BEFORE_ONE if one else NOT_A_BARE_NAME
        unsaid = token in NAME_AFTER and word not in NOT_A_NAME_AFTER and i > 0  # "to laundry"
        if token in ("to", "onto"):  # "add half an hour to laundry", not "how long to go"
            unsaid = unsaid and any(t in UNIT_SECONDS for t in tokens[:i])
        if (token != "the" and not unsaid) or not word.isalpha() or word in unnamed:
            continue
        if token_at(tokens, i - 1) in PLACED:
            continue  # "pause, somebody is at the gate"
        number = word in UNIT_SECONDS or read_integer(tokens, i + 1) is not None
        moved = token_at(tokens, i - 1) in ("to", "off", "from", "onto")  # "off the roast, coach"
        if not number and (not follows or follows in NAME_FOLLOWS or moved):
            return word
    return None


COUNTED = frozenset({"two", "three", "four", "2", "3", "4", "few", "several", "couple"})
HAVING = frozenset({"got", "have", "had", "set", "started", "with"})
"""Words before "timers" that count them, said with having them ("i've got two timers going",
"i set two timers by mistake"): what is running, not a request about all of them."""


def parse_all(text: str) -> bool:
    """Whether the words mean every timer: "all timers", "all of them", "both", "everything"."""
    tokens = tokenize(text)
    for i, token in enumerate(tokens):
        after = token_at(tokens, i + 1)
        if token in ("everything", "both") or (token == "them" and after == "all"):
            return True
        counted = token_at(tokens, i - 1) in COUNTED and bool(
            HAVING & set(tokens[max(0, i - 4) : i])
        )
        if (
            token in ("timers", "countdowns")
            and not counted
            and not {"one", "either"} & set(tokens[:i])
        ):
            return True
        if token == "every" and after == "last":  # "cancel every last timer"
            after = token_at(tokens, i + 2)
        if token in ("every", "each") and after in TIMER_WORDS | {"one", "single", "of"}:
            return token_at(tokens, i - 1) not in ("hold", "holding", "do")
        if token == "all" and (
            after in ALL_NEXT or (not after and token_at(tokens, i - 1) not in NOT_ALL_BEFORE)
        ):
            return True
    return False


def parse_area(text: str) -> str | None:
    """ "back" or "neck" (with the shoulders), whichever is said first; None if neither."""
    tokens = tokenize(text)
    for i, token in enumerate(tokens):
        if token in NECK_WORDS and token_at(tokens, i + 1) != "of":  # not "neck of the woods"
            blades = token.startswith("shoulder") and token_at(tokens, i + 1).startswith("blade")
            return "back" if blades else "neck"
        if token in BACK_WORDS or (token == "back" and _is_body_back(tokens, i)):
            return "back"
    return None


def names_other_back(text: str) -> bool:
    """Whether "back" or "neck" is said, but not as the body part: "back up my phone", "my neck
    of the woods" (`parse_area` reads none)."""
    tokens = tokenize(text)
    said = {"back"} | BACK_WORDS | NECK_WORDS
    return bool(said & set(tokens)) and parse_area(text) is None


def _is_body_back(tokens: Tokens, i: int) -> bool:
    """ "my back", "lower back", "back spasm", "back" alone; not "come back", "back to", "the
    back of my neck", or "on my back" after lying words (a position)."""
    before = token_at(tokens, i - 1)
    after = token_at(tokens, i + 1)
    if after == "of":
        return False
    if before == "me" and (i == 1 or token_at(tokens, i - 2) in ME_OWNS_AFTER):
        return True
    if before in BACK_BEFORE:
        on = token_at(tokens, i - 2)
        if before in ("my", "the", "your") and on in ("on", "onto"):
            return (
                on == "on" and token_at(tokens, i - 3) not in LYING_ON and not LYING & set(tokens)
            )
        return True
    if after in BACK_AFTER:
        return before not in BACK_VERBS
    return not before and (after not in BACK_ADVERB or tokens[i + 1 : i + 3] == ("and", "neck"))
