"""The warning-sign lexicon's pattern syntax (symptoms.yaml's header) compiled to regexes over
the words said, written " w1 w2 w3": classes of phrases, gaps, negative look-aheads and -behinds,
numbers. Used by intents.symptoms, which reads the file and applies the rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from intents.errors import TemplateError
from intents.numbers import NUMBER_WORDS
from intents.spellings import SPELLINGS

TIERS = ("emergency", "professional")
GAPS = {"..": 3, "...": 6}
"""How many words a gap in a pattern may skip."""
_APART_WORDS = ("could", "would", "should", "was", "were", "are", "have", "has", "had", "must")
APART = {f"{word}n't": f"{word} not" for word in _APART_WORDS} | {"won't": "will not"}
"""Contractions the normaliser leaves apart ("could not"): a pattern's "couldn't" says both."""

END = "(?![^ ])"
_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS | {"dozen", "and"}, key=len, reverse=True))
_NUM = rf"(?:\d+|{_NUMBER_WORD})(?: (?:\d+|{_NUMBER_WORD}))*"
_MANY_HEAD = (
    r"0*[5-9]|0*[1-9]\d+|(?:a )?dozen|(?:(?:a|one|two|three|four|five|six|seven|eight|nine) )?"
    r"hundred|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
)
_MANY = rf"(?:{_MANY_HEAD})(?: (?:\d+|{_NUMBER_WORD}))*"
BUILTIN = {"num": _NUM, "many": _MANY}
"""Classes the lexicon does not list: any number, and a number above four ("took 20 pills")."""


@dataclass(frozen=True)
class Warning:  # the coach's name for it (Python's builtin Warning is not used here)
    """A warning sign said: its family ("chest", "numbness"...) and what it calls for."""

    family: str
    tier: str
    """"emergency": call emergency services now; "professional": see a medical professional."""


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern[str]
    spelled: frozenset[str]
    """The negations the pattern says itself ("haven't been able to pee"): they do not cancel."""
    anchors: frozenset[str] | None
    """Words one of which every match contains (None: not known), to skip the regex quickly."""


@dataclass(frozen=True)
class Family:
    warning: Warning
    any_pattern: re.Pattern[str]
    """All the family's patterns at once: a quick "no" for most sentences."""
    anchors: frozenset[str] | None
    patterns: tuple[Pattern, ...]
    others: bool
    me: bool
    ice_exempt: bool
    unless: str | None
    """A class of words that, said (not negated), means this family was not meant."""
    passes: bool = False
    """A sign that comes and goes ("my foot fell asleep but it's fine now"): the lexicon's
    `resolved` sayings after it unsay it."""


class Compiler:
    """Turns the lexicon's classes and patterns (syntax: symptoms.yaml's header) into regexes
    over the words said, written " w1 w2 w3"."""

    def __init__(self, path: Path, phrases: dict[str, list[str]]) -> None:
        self.path, self.phrases = path, phrases
        for name, entries in phrases.items():
            for entry in entries:
                if entry.startswith("@") and entry[1:] not in phrases:
                    raise TemplateError(f"{path}: class {name} names unknown class {entry}")
        self.sets = {name: frozenset(self._plain(name)) for name in phrases}
        self.regexes = dict(BUILTIN)
        for name, plain in self.sets.items():
            alternatives = sorted(plain, key=len, reverse=True)
            self.regexes[name] = "(?:" + "|".join(_phrase(p) for p in alternatives) + ")"
        self.starts = {name: frozenset().union(*map(_firsts, self.sets[name])) for name in phrases}
        self.negator = self.sets.get("negator", frozenset())

    def _plain(self, name: str, seen: tuple[str, ...] = ()) -> list[str]:
        out: list[str] = []
        for entry in self.phrases[name]:
            if entry.startswith("@") and entry[1:] not in seen:
                out.extend(self._plain(entry[1:], (*seen, name)))
            elif not entry.startswith("@"):
                out.append(entry)
        return out

    def family(self, raw: Any) -> Family:
        if not isinstance(raw, dict) or raw.get("tier") not in TIERS or not raw.get("patterns"):
            raise TemplateError(f"{self.path}: family {raw!r} needs a tier in {TIERS}, patterns")
        name = str(raw.get("name"))
        patterns = [self.pattern(str(text), f"{self.path}: {name}") for text in raw["patterns"]]
        anchors = [p.anchors for p in patterns if p.anchors is not None]
        return Family(
            warning=Warning(name, str(raw["tier"])),
            any_pattern=re.compile("|".join(f"(?:{p.regex.pattern})" for p in patterns)),
            anchors=frozenset().union(*anchors) if len(anchors) == len(patterns) else None,
            patterns=tuple(patterns),
            others=bool(raw.get("others")),
            me=bool(raw.get("me")),
            ice_exempt=raw.get("ice") == "exempt",
            unless=str(raw["unless"]) if raw.get("unless") else None,
            passes=bool(raw.get("passes")),
        )

    def pattern(self, text: str, where: str) -> Pattern:
        parts = [self.element(element, f"{where}: {text!r}") for element in text.split()]
        try:
            regex = re.compile("".join(parts))
        except re.error as err:
            raise TemplateError(f"{where}: pattern {text!r} does not compile ({err})") from err
        literal = re.sub(r"@(\w+)", lambda m: self.regexes.get(m.group(1), ""), text)
        said = set(re.split(r"[^a-z']+", literal.replace("_", " ")))
        spelled = frozenset(said | ({"not"} if said & APART.keys() else set())) & self.negator
        return Pattern(regex, spelled, self.anchors(text.split()))

    def anchors(self, elements: list[str]) -> frozenset[str] | None:
        """The first words of the first element every match must say, if known."""
        for element in elements:
            if element[0] in "!~^$." or element[-1] in "?*" or "$" in element.split("|"):
                continue
            alternatives = element.split("|")
            if any(a.startswith("@") and a[1:] not in self.starts for a in alternatives):
                return None  # a number (@num, @many): any digits
            firsts = (self.starts[a[1:]] if a[0] == "@" else _firsts(a) for a in alternatives)
            return frozenset().union(*firsts)
        return None

    def element(self, element: str, where: str) -> str:
        if element in GAPS:
            return rf"(?: [^ ]+){{0,{GAPS[element]}}}?"  # the shortest: no negation past it
        if element in ("^", "$"):
            return element
        if element[0] == "~":
            return "".join(f"(?<! {_phrase(word, apart=False)})" for word in element[1:].split("|"))
        body, repeat = (element[:-1], element[-1]) if element[-1] in "?*" else (element, "")
        alternatives, end = [], ""
        for alternative in body.lstrip("!").split("|"):
            if alternative == "$":
                end = "|$"
            elif alternative.startswith("@"):
                if alternative[1:] not in self.regexes:
                    raise TemplateError(f"{where}: unknown class {alternative}")
                alternatives.append(self.regexes[alternative[1:]])
            else:
                alternatives.append(_phrase(alternative))
        regex = " (?:" + "|".join(alternatives) + ")" + END + end
        return f"(?!{regex})" if body.startswith("!") else f"(?:{regex}){repeat}"


def _phrase(text: str, apart: bool = True) -> str:
    """A phrase's words, spelled as what was said is ("its" as "it's": intents.normalize); a
    contraction also spelled apart ("couldn't": "could not")."""
    said = " ".join(SPELLINGS.get(word, word) for word in text.replace("_", " ").split())
    return " ".join(
        f"(?:{re.escape(word)}|{APART[word]})" if apart and word in APART else re.escape(word)
        for word in said.split()
    )


def _firsts(phrase: str) -> set[str]:
    """The words a phrase may start with (a contraction's first word apart too)."""
    first = phrase.replace("_", " ").split()[0]
    return {first, APART[first].split()[0]} if first in APART else {first}
