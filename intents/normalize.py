"""Text → canonical tokens, the same way for what people say and for template sentences.

Lower case, plain ASCII, punctuation dropped, common spellings unified ("ok" → "okay",
"dont" → "don't", "mins" → "minutes"), fillers ("uh", "um", "please") removed. For input text
only, numbers (digits or words) become the token "#" and their values are kept in order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from intents.numbers import NUMBER_WORDS, read_number
from intents.spellings import SPELLINGS

NUMBER = "#"
MAX_CHARS = 400
"""Longer input is not something a person in pain says to the coach: Unknown, fast."""
MAX_TOKENS = 40


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


FILLERS = word_set(
    """
    uh uhh uhm um umm er erm ehm hmm hm mm mmm ah ahh please pls plz just actually like really
    pray ka kha krub khrap lah leh lor
    """
)
"""Dropped anywhere, from input and from template sentences alike; with them the particles
of Thai and Singaporean English ("yes ka, please", "continue the timer lah")."""

TRAILING = word_set("coach")
"""Dropped at the end of input on the second try ("what's next coach")."""

LEADING = word_set(
    """
    okay so well alright now oh hey coach and but right then yeah
    """
)
"""Dropped at the start of input on a second try ("okay so how long do i ice it")."""

SIGNS = word_set("minus negative")
"""Before a number and after a command word, a sign: "add minus five minutes" is -300 seconds
(which the timer desk refuses). Elsewhere ("minus five minutes", "the ice timer minus one
minute") it is the verb of RemoveTime and stays a word."""
SIGNED_AFTER = word_set(
    "add plus for by to at of put give extend increase set make t take remove subtract"
)
"""The words after which "minus" is a sign."""

UNITS = {
    "second": "second",
    "seconds": "second",
    "minute": "minute",
    "minutes": "minute",
    "hour": "hour",
    "hours": "hour",
}
"""Time units and their family: the tolerant matcher never drops, adds or swaps one for
another ("900 hours" is not "900 minutes")."""

KEEP_S = word_set("what's it's that's there's here's how's let's he's she's who's where's")
"""Contractions said as one word; any other "X's" is read as "X is"."""

PAIRS = {
    ("can", "not"): "can't",
    ("do", "not"): "don't",
    ("does", "not"): "doesn't",
    ("did", "not"): "didn't",
    ("is", "not"): "isn't",
    ("i", "am"): "i'm",
    ("it", "is"): "it's",
    ("that", "is"): "that's",
    ("what", "is"): "what's",
    ("there", "is"): "there's",
    ("you", "are"): "you're",
    ("we", "are"): "we're",
    ("let", "us"): "let's",
    ("i", "would"): "i'd",
    ("all", "right"): "alright",
    ("un", "pause"): "unpause",
    ("a", "sleep"): "asleep",
    ("my", "self"): "myself",
}
"""Two words said for one ("i am" → "i'm"), merged in input and templates alike."""

_NUMBER_START = NUMBER_WORDS | {"a"}
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_DECIMAL_HALF = re.compile(r"\b(\d+)\.5\b")
_AGREEING_NOISE = re.compile(r"\b(uh[\s-]*huh|mm+[\s-]*hm+|mhm+)\b")
""""uh huh", "mm hmm": yes (otherwise the filler goes and "huh" is left, a request to repeat)."""
_MINUS_DIGIT = re.compile(r"(?<![\w.])-(?=\d)")
_NOT_WORD = re.compile(r"[^a-z0-9']+")


@dataclass(frozen=True)
class Normalized:
    """Canonical tokens; each "#" token stands for the next value in `numbers`."""

    tokens: tuple[str, ...]
    numbers: tuple[int, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.tokens

    def without_leading(self) -> Normalized:
        """Drop discourse markers at the start (keeping one token) and repeated words."""
        i = 0
        while i < len(self.tokens) - 1 and self.tokens[i] in LEADING:
            i += 1
        end = len(self.tokens)
        while end > i + 1 and self.tokens[end - 1] in TRAILING:
            end -= 1
        kept = [
            t
            for j, t in enumerate(self.tokens[i:end], start=i)
            if j == i or t != self.tokens[j - 1] or t == NUMBER
        ]
        numbers = self.numbers[self.tokens[:i].count(NUMBER) :]
        return Normalized(tuple(kept), numbers)


def words(text: str) -> list[str]:
    """Lower-case ASCII words with apostrophes kept; everything else splits."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = _DECIMAL_HALF.sub(r"\1 and a half", text)
    text = _AGREEING_NOISE.sub("yes", text)
    text = _MINUS_DIGIT.sub("minus ", text)  # "-5" → "minus 5", not 5
    out: list[str] = []
    for word in _NOT_WORD.split(text):
        word = word.strip("'")
        if word.endswith("'s") and word not in KEEP_S:
            out.extend((word[:-2], "is"))  # "my back's locked" → "my back is locked"
        elif word:
            out.append(word)
    return out


def canonical(tokens: Iterable[str]) -> list[str]:
    """Unify spellings and drop fillers (used for input and template sentences alike)."""
    out: list[str] = []
    for token in tokens:
        token = SPELLINGS.get(token, token)
        for part in token.split():
            if part in FILLERS:
                continue
            if out and (out[-1], part) in PAIRS:
                out[-1] = PAIRS[(out[-1], part)]
            else:
                out.append(part)
    return _in_law(_nobody(out))


KIN = word_set("brother sister father mother son daughter")
"""Family said with "in law": the in-law is read as the family word ("my father in law has
cancer" is someone else's, as "my father has cancer" is)."""


def _in_law(tokens: list[str]) -> list[str]:
    """ "in law" after a `KIN` word is dropped."""
    out: list[str] = []
    for token in tokens:
        if token == "law" and len(out) >= 2 and out[-2] in KIN and out[-1] == "in":
            out.pop()
            continue
        out.append(token)
    return out


COUNTED_ON = word_set("more and half of")
"""After "no one", words that make "one" a number ("no, one more minute", said without the
comma)."""


def _nobody(tokens: list[str]) -> list[str]:
    """The words "no one" are "nobody" ("there's no one here"), unless a unit or `COUNTED_ON`
    follows."""
    out: list[str] = []
    for i, token in enumerate(tokens):
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        counts = after in UNITS or after in COUNTED_ON
        if token == "one" and out and out[-1] == "no" and not counts:
            out[-1] = "nobody"
            continue
        out.append(token)
    return out


def normalize(text: str) -> Normalized:
    """What the matcher compares: canonical tokens with numbers read out."""
    if not text or len(text) > MAX_CHARS:
        return Normalized(())
    tokens = canonical(words(text))
    if len(tokens) > MAX_TOKENS:
        return Normalized(())
    out: list[str] = []
    numbers: list[int] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in SIGNS and out and out[-1] in SIGNED_AFTER:
            signed = _number_at(tokens, i + 1, after_sign=True)
            if signed is not None:
                out.append(NUMBER)
                numbers.append(-signed[0])
                i += 1 + signed[1]
                continue
        number = _number_at(tokens, i) if token in _NUMBER_START or token.isdigit() else None
        if number is not None:
            out.append(NUMBER)
            numbers.append(number[0])
            i += number[1]
            continue
        out.append(token)
        i += 1
    return Normalized(tuple(out), tuple(numbers))


def _number_at(tokens: list[str], i: int, after_sign: bool = False) -> tuple[int, int] | None:
    """(value, tokens used) of digits or number words at tokens[i]; after a sign, "a"/"an"
    before a unit is one ("add minus an hour")."""
    token = tokens[i] if i < len(tokens) else ""
    if token.isdigit():
        return int(token), 1
    if after_sign and token in ("a", "an") and i + 1 < len(tokens) and tokens[i + 1] in UNITS:
        return 1, 1
    if token not in NUMBER_WORDS and token != "a":
        return None
    number = read_number(tokens, i)
    if number is None or (token == "a" and number[1] == 1):
        return None
    return number
