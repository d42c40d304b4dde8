"""Warning signs understood in what was said: the most urgent one, or None.

The lexicon is data (`symptoms.yaml`, beside this module, read once): word classes and, for each
family of warning signs, patterns that say its meaning over the words said ("a limb, then a
dead word": "my toes feel funny"). Families are listed most urgent first, every emergency before
every professional one. A negation cancels only the symptom it governs ("no tingling", "i'm
not feeling weak"; not "without warning my leg gave way"); a question about a sign ("what does
tingling mean") claims nothing. See the file's header for the rules.

What it catches on the blind sets is measured by bench/blind_sets.py (through the matcher).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from intents.errors import TemplateError
from intents.normalize import canonical, word_set, words
from intents.numbers import NUMBER_WORDS
from intents.strict_yaml import SAFE_LOADER

LEXICON = Path(__file__).with_name("symptoms.yaml")
TIERS = ("emergency", "professional")
GAPS = {"..": 3, "...": 6}
"""How many words a gap in a pattern may skip."""
LOOK_BACK = 5
"""How far before a match a negation ("i haven't got any ...") or someone else reaches."""
MENTION_REACH = 5
"""How far before a mention a negation unsays it ("not from the ice", "without dieting")."""
_APART_WORDS = ("could", "would", "should", "was", "were", "are", "have", "has", "had", "must")
APART = {f"{word}n't": f"{word} not" for word in _APART_WORDS} | {"won't": "will not"}
"""Contractions the normaliser leaves apart ("could not"): a pattern's "couldn't" says both."""

_END = "(?![^ ])"
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
WORD_SETS = word_set(
    """
    negator bridge listed list_joint first_person other_subject other_person media ice held
    excused_limb limb
    """
)
"""The classes the rules themselves use (see the lexicon's header)."""


@dataclass(frozen=True)
class Warning:  # the coach's name for it (Python's builtin Warning is not used here)
    """A warning sign said: its family ("chest", "numbness"...) and what it calls for."""

    family: str
    tier: str
    """"emergency": call emergency services now; "professional": see a medical professional."""


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    spelled: frozenset[str]
    """The negations the pattern says itself ("haven't been able to pee"): they do not cancel."""
    anchors: frozenset[str] | None
    """Words one of which every match contains (None: not known), to skip the regex quickly."""


@dataclass(frozen=True)
class _Family:
    warning: Warning
    any_pattern: re.Pattern[str]
    """All the family's patterns at once: a quick "no" for most sentences."""
    anchors: frozenset[str] | None
    patterns: tuple[_Pattern, ...]
    others: bool
    me: bool
    ice_exempt: bool
    unless: str | None
    """A class of words that, said (not negated), means this family was not meant."""


@dataclass(frozen=True)
class Lexicon:
    """The families (most urgent first) and the word sets the rules use."""

    families: tuple[_Family, ...]
    sets: dict[str, frozenset[str]]
    mentions: dict[str, re.Pattern[str]]
    """Classes looked for as phrases anywhere (the ice, a family's `unless`)."""
    unclaimed: tuple[re.Pattern[str], ...] = ()
    """Sentences that name a sign without claiming it ("what does tingling mean")."""

    def spot(self, text: str) -> Warning | None:
        """The most urgent warning sign said (not negated, not exempt), or None."""
        tokens = canonical(words(text))
        said = "".join(" " + token for token in tokens)
        said_set = set(tokens)
        unclaimed = any(pattern.search(said) for pattern in self.unclaimed)
        me = bool(self.sets["first_person"] & said_set) and not self.sets["media"] & said_set
        elsewhere = self._elsewhere(tokens, said_set)
        for family in self.families:
            if (unclaimed or elsewhere) and family.warning.tier != "emergency":
                continue  # a question about a sign is no claim, but an emergency is never missed
            if family.me and not me or family.anchors and family.anchors.isdisjoint(said_set):
                continue
            if not family.any_pattern.search(said):
                continue
            if family.ice_exempt and self._about_ice(said, tokens):
                continue
            if family.unless and self._mentioned(family.unless, said, tokens):
                continue
            if any(self._said(p, said, tokens, family.others) for p in family.patterns):
                return family.warning
        return None

    def _elsewhere(self, tokens: Sequence[str], said_set: set[str]) -> bool:
        """About someone else, or a programme: another person or a medium named, and the speaker
        only as the owner of that person ("my friend has pins and needles in her hands")."""
        others, owners = self.sets["other_person"], ("my", "our")
        if not (others | self.sets["media"]) & said_set:
            return False
        me = self.sets["first_person"]
        pairs = zip(tokens, [*tokens[1:], ""], strict=True)
        owned = [t in owners and after in others for t, after in pairs]
        return not any(t in me and not o for t, o in zip(tokens, owned, strict=True))

    def _said(self, pattern: _Pattern, said: str, tokens: Sequence[str], others: bool) -> bool:
        """A match not cancelled: no negation in it (but its own), none or no one just before."""
        pos = 0
        while (found := pattern.regex.search(said, pos)) is not None:
            pos = found.start() + 1
            span = said[found.start() : found.end()].split()
            if any(t in self.sets["negator"] and t not in pattern.spelled for t in span):
                continue
            if not self._cancelled_before(tokens, said.count(" ", 0, pos) - 1, others):
                return True
        return False

    def _cancelled_before(self, tokens: Sequence[str], start: int, others: bool) -> bool:
        """A negation, or someone else, before tokens[start] across bridge words."""
        sets = self.sets
        for j in range(start - 1, max(-1, start - 1 - LOOK_BACK), -1):
            token = tokens[j]
            if token in sets["negator"] or (not others and token in sets["other_subject"]):
                return True
            listed = token in sets["listed"] and tokens[j + 1] in sets["list_joint"]
            if token not in sets["bridge"] and not listed:
                return False
        return False

    def _about_ice(self, said: str, tokens: Sequence[str]) -> bool:
        """The ice (or the iced spot) named, not negated, and no limb but a hand holding it."""
        if not self._mentioned("ice", said, tokens):
            return False
        sets = self.sets
        holding = bool(sets["held"].intersection(tokens))
        return not any(
            t in sets["limb"] and not (holding and t in sets["excused_limb"]) for t in tokens
        )

    def _mentioned(self, name: str, said: str, tokens: Sequence[str]) -> bool:
        for found in self.mentions[name].finditer(said):
            i = said.count(" ", 0, found.start() + 1) - 1
            if not self.sets["negator"].intersection(tokens[max(0, i - MENTION_REACH) : i]):
                return True
        return False


def spot_warning(text: str) -> Warning | None:
    """The most urgent warning sign in raw user text, or None."""
    return lexicon().spot(text)


@cache
def lexicon(path: Path = LEXICON) -> Lexicon:
    """The lexicon file, compiled (once per path). Errors name the file and what is wrong."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # noqa: S506 - a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise TemplateError(f"{path}: cannot read the warning-sign lexicon ({err})") from err
    if not isinstance(data, dict) or not isinstance(data.get("families"), list):
        raise TemplateError(f"{path}: needs 'classes:' and a 'families:' list")
    phrases = {
        str(name): [p.strip() for p in str(body).split(",") if p.strip()]
        for name, body in (data.get("classes") or {}).items()
    }
    compiler = _Compiler(path, phrases)
    families = tuple(compiler.family(raw) for raw in data["families"])
    for name in sorted(WORD_SETS - set(compiler.sets)):
        raise TemplateError(f"{path}: no class {name} (the rules need it)")
    mentioned = {"ice"} | {f.unless for f in families if f.unless}
    for name in sorted(mentioned - set(compiler.sets)):
        raise TemplateError(f"{path}: no class {name} (for the ice or a family's unless)")
    mentions = {name: re.compile(f" {compiler.regexes[name]}{_END}") for name in mentioned}
    where, claims = f"{path}: unclaimed", data.get("unclaimed") or ()
    unclaimed = tuple(compiler.pattern(str(text), where).regex for text in claims)
    return Lexicon(families, compiler.sets, mentions, unclaimed)


class _Compiler:
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

    def family(self, raw: Any) -> _Family:
        if not isinstance(raw, dict) or raw.get("tier") not in TIERS or not raw.get("patterns"):
            raise TemplateError(f"{self.path}: family {raw!r} needs a tier in {TIERS}, patterns")
        name = str(raw.get("name"))
        patterns = [self.pattern(str(text), f"{self.path}: {name}") for text in raw["patterns"]]
        anchors = [p.anchors for p in patterns if p.anchors is not None]
        return _Family(
            warning=Warning(name, str(raw["tier"])),
            any_pattern=re.compile("|".join(f"(?:{p.regex.pattern})" for p in patterns)),
            anchors=frozenset().union(*anchors) if len(anchors) == len(patterns) else None,
            patterns=tuple(patterns),
            others=bool(raw.get("others")),
            me=bool(raw.get("me")),
            ice_exempt=raw.get("ice") == "exempt",
            unless=str(raw["unless"]) if raw.get("unless") else None,
        )

    def pattern(self, text: str, where: str) -> _Pattern:
        parts = [self.element(element, f"{where}: {text!r}") for element in text.split()]
        try:
            regex = re.compile("".join(parts))
        except re.error as err:
            raise TemplateError(f"{where}: pattern {text!r} does not compile ({err})") from err
        literal = re.sub(r"@(\w+)", lambda m: self.regexes.get(m.group(1), ""), text)
        said = set(re.split(r"[^a-z']+", literal.replace("_", " ")))
        spelled = frozenset(said | ({"not"} if said & APART.keys() else set())) & self.negator
        return _Pattern(regex, spelled, self.anchors(text.split()))

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
            return rf"(?: [^ ]+){{0,{GAPS[element]}}}"
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
        regex = " (?:" + "|".join(alternatives) + ")" + _END + end
        return f"(?!{regex})" if body.startswith("!") else f"(?:{regex}){repeat}"


def _phrase(text: str, apart: bool = True) -> str:
    """A phrase's words; a contraction also spelled apart ("couldn't": "could not")."""
    return " ".join(
        f"(?:{re.escape(word)}|{APART[word]})" if apart and word in APART else re.escape(word)
        for word in text.replace("_", " ").split()
    )


def _firsts(phrase: str) -> set[str]:
    """The words a phrase may start with (a contraction's first word apart too)."""
    first = phrase.replace("_", " ").split()[0]
    return {first, APART[first].split()[0]} if first in APART else {first}
