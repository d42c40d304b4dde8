"""The intent templates (hassil YAML) loaded once: the only module that imports hassil.

`load_grammar()` reads `intents/templates/*.yaml`, parses every sentence with hassil and
expands it into `Pattern`s (canonical tokens, number slots as "#"). The matcher looks
patterns up; the recognizer gets `sentences()` (numbers written as words) and `vocabulary()`.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from hassil import (
    Alternative,
    Expression,
    Intents,
    ListReference,
    Permutation,
    RangeSlotList,
    RuleReference,
    Sentence,
    Sequence,
    SlotList,
    TextChunk,
    TextSlotList,
    parse_sentence,
    recognize,
)

from intents.composed import Composed
from intents.errors import TemplateError
from intents.normalize import NUMBER, SPELLINGS, canonical, words
from intents.numbers import NUMBER_WORDS
from intents.patterns import NumberSlot, Pattern
from intents.template_file import locate, read_template_file
from intents.types import SlotValue

log = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).parent / "templates"
MAX_EXPANSIONS = 50_000
"""Per sentence template: more are not listed but read by hassil's parser (intents.composed)."""


class _TooMany(TemplateError):
    """A template with more than MAX_EXPANSIONS sentences: not listed."""


Piece = tuple[str, tuple[tuple[str, SlotValue], ...], tuple[NumberSlot, ...]]
"""Text so far (numbers as " # "), slot values, number slots."""
Phrase = tuple[tuple[str, ...], SlotValue]


@dataclass(frozen=True)
class Grammar:
    """All intent templates, parsed and expanded. Pure data once loaded."""

    intents: Intents
    """hassil's view of the templates."""
    patterns: tuple[Pattern, ...]
    """Every sentence the templates allow (numbers as "#"), in template order."""
    list_phrases: Mapping[str, tuple[Phrase, ...]] = field(default_factory=dict)
    """Text lists expanded: list name → (canonical tokens, slot value)."""
    files: tuple[Path, ...] = ()
    composed: Composed | None = None
    """Templates too big to list (intents.composed), or None."""

    def intent_names(self) -> list[str]:
        return sorted(self.intents.intents)

    def sentences(self) -> list[tuple[str, str]]:
        """(intent, sentence) for every sentence, numbers as words, no duplicates; of a
        template too big to list, a sample holding all its word pairs."""
        return list(self._sentences)

    def vocabulary(self) -> set[str]:
        """Every word of `sentences()`."""
        return {word for _, text in self._sentences for word in text.split()}

    def hassil_intent(self, text: str) -> str | None:
        """hassil's own recognizer on `text` (slow; a reference to check the matcher against)."""
        result = recognize(text, self.intents, language="en")
        return None if result is None else result.intent.name

    @cached_property
    def _sentences(self) -> tuple[tuple[str, str], ...]:
        seen: dict[str, str] = {}
        for pattern in self.patterns:
            for form in pattern.spoken_forms():
                seen.setdefault(" ".join(form), pattern.intent)
        for intent, text in self.composed.sample() if self.composed else ():
            seen.setdefault(text, intent)
        return tuple((intent, text) for text, intent in seen.items())


def load_grammar(paths: Iterable[Path] | None = None) -> Grammar:
    """Load template files (default: the package's templates). Raises TemplateError."""
    files = tuple(sorted(Path(p) for p in paths)) if paths is not None else default_template_files()
    if not files:
        raise TemplateError(f"{TEMPLATES_DIR}: no template files (*.yaml)")
    merged: dict[str, Any] = {"language": "en", "intents": {}, "lists": {}, "expansion_rules": {}}
    origin: dict[tuple[str, str], Path] = {}
    for path in files:
        data = read_template_file(path)
        for name, intent in data["intents"].items():
            merged["intents"].setdefault(name, {"data": []})["data"].extend(intent["data"])
            for block in intent["data"]:
                for text in block["sentences"]:
                    origin.setdefault((name, text), path)
        for key in ("lists", "expansion_rules"):
            for name, body in data.get(key, {}).items():
                first = origin.get((key, name))
                if first is not None:  # a second definition silently replaced the first
                    raise TemplateError(
                        f"{locate(path, f'{name}:')}: {key[:-1].replace('_', ' ')} {name} is "
                        f"already defined in {locate(first, f'{name}:')}; give it another name"
                    )
                merged[key][name] = body
                origin[(key, name)] = path
    intents = _hassil_intents(merged, origin)
    for name, body in merged["expansion_rules"].items():
        _parse(str(body), origin[("expansion_rules", name)])
    expander = _Expander(intents, merged["lists"], origin)
    patterns = tuple(expander.patterns())
    phrases = {
        name: tuple(expander.list_values(name, slots))
        for name, slots in intents.slot_lists.items()
        if isinstance(slots, TextSlotList)
    }
    composed = Composed.build(merged, expander.unlisted) if expander.unlisted else None
    log.debug("loaded %d patterns from %d files", len(patterns), len(files))
    return Grammar(intents, patterns, phrases, files, composed)


def _hassil_intents(merged: dict[str, Any], origin: dict[tuple[str, str], Path]) -> Intents:
    """hassil's Intents; on failure, find the list or intent it choked on for the message."""
    try:
        return Intents.from_dict(merged)
    except (KeyError, ValueError, TypeError, AssertionError) as err:
        for key in ("lists", "intents"):
            for name, body in merged[key].items():
                try:
                    Intents.from_dict({"language": "en", "intents": {}, key: {name: body}})
                except (KeyError, ValueError, TypeError, AssertionError):
                    path = origin.get((key, name)) or _file_of_intent(origin, name)
                    raise TemplateError(
                        f"{locate(path, f'{name}:')}: {key[:-1]} {name} rejected by hassil ({err})"
                    ) from err
        raise TemplateError(f"templates rejected by hassil ({err})") from err


def _file_of_intent(origin: dict[tuple[str, str], Path], intent: str) -> Path:
    return next(path for (name, _), path in origin.items() if name == intent)


def default_template_files() -> tuple[Path, ...]:
    return tuple(sorted(TEMPLATES_DIR.glob("*.yaml")))


def _parse(text: str, path: Path) -> Sentence:
    try:
        return parse_sentence(text, keep_text=True)
    except Exception as err:  # hassil raises several types for bad template syntax
        detail = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise TemplateError(
            f"{locate(path, text)}: bad template syntax in '{text}' ({detail})"
        ) from err


class _Expander:
    """Walks hassil's expression trees into token pieces."""

    def __init__(
        self, intents: Intents, raw_lists: dict[str, Any], origin: dict[tuple[str, str], Path]
    ) -> None:
        self._intents = intents
        self._raw_lists = raw_lists
        self._origin = origin
        self._where = ""
        self._rules: Mapping[str, Sentence] = intents.expansion_rules
        self._lists: Mapping[str, SlotList] = intents.slot_lists
        self.unlisted: list[tuple[str, str]] = []  # (intent, text): too many sentences

    def patterns(self) -> Iterable[Pattern]:
        owner: dict[tuple[str, ...], str] = {}
        for name, intent in self._intents.intents.items():
            for block in intent.data:
                self._rules = {**self._intents.expansion_rules, **block.expansion_rules}
                self._lists = {**self._intents.slot_lists, **block.slot_lists}
                fixed = tuple((k, _slot_value(v)) for k, v in block.slots.items())
                for text in block.sentence_texts:
                    path = self._origin[(name, text)]
                    self._where = locate(path, text)
                    sentence = _parse(text, path)
                    try:
                        pieces = self._expand(sentence.expression, 0)
                    except _TooMany:
                        log.info("%s: too many sentences to list, parsed instead", self._where)
                        self.unlisted.append((name, text))
                        continue
                    for piece, slots, numbers in pieces:
                        tokens = _tokens(piece)
                        self._check(tokens, text, name, owner)
                        said = _said(piece)
                        yield Pattern(
                            name, tokens, fixed + slots, numbers, said if said != tokens else ()
                        )

    def list_values(self, name: str, slots: TextSlotList) -> Iterable[Phrase]:
        self._where = str(self._origin.get(("lists", name), name))
        for value in slots.values:
            for piece, _, _ in self._expand(value.text_in, 0):
                yield _tokens(piece), _slot_value(value.value_out)

    def _check(
        self, tokens: tuple[str, ...], text: str, name: str, owner: dict[tuple[str, ...], str]
    ) -> None:
        if not tokens:
            raise TemplateError(f"{self._where}: '{text}' can expand to nothing")
        literal = NUMBER_WORDS.intersection(tokens)
        if literal:
            raise TemplateError(
                f"{self._where}: number word '{min(literal)}' in '{text}': use a range list"
            )
        other = owner.setdefault(tokens, name)
        if other != name:
            raise TemplateError(
                f"{self._where}: '{' '.join(tokens)}' is both {other} and {name} ('{text}')"
            )

    def _expand(self, expr: Expression, depth: int) -> list[Piece]:
        if depth > 30:
            raise TemplateError(f"{self._where}: expansion rules nest too deep (a loop?)")
        if isinstance(expr, TextChunk):
            return [(expr.text, (), ())]
        if isinstance(expr, Alternative):
            return [p for item in expr.items for p in self._expand(item, depth + 1)]
        if isinstance(expr, Permutation):
            parts = [self._expand(item, depth + 1) for item in expr.items]
            out: list[Piece] = []
            for order in itertools.permutations(parts):
                out.extend(self._product(list(order)))
            return out
        if isinstance(expr, Sequence):
            return self._product([self._expand(item, depth + 1) for item in expr.items])
        if isinstance(expr, RuleReference):
            rule = self._rules.get(expr.rule_name)
            if rule is None:
                raise TemplateError(f"{self._where}: unknown expansion rule <{expr.rule_name}>")
            return self._expand(rule.expression, depth + 1)
        if isinstance(expr, ListReference):
            return self._list(expr, depth)
        raise TemplateError(f"{self._where}: unsupported template element {expr!r}")

    def _list(self, ref: ListReference, depth: int) -> list[Piece]:
        slot_list = self._lists.get(ref.list_name)
        if isinstance(slot_list, RangeSlotList):
            raw = self._raw_lists.get(ref.list_name, {}).get("range", {})
            listed = raw.get("spoken")  # absent: every value; []: typed only, never spoken
            every = range(slot_list.start, slot_list.stop + 1)
            number = NumberSlot(
                slot=ref.slot_name,
                low=slot_list.start,
                high=slot_list.stop,
                multiplier=int(slot_list.multiplier or 1),
                add=int(raw.get("add", 0)),
                spoken=tuple(int(n) for n in (every if listed is None else listed)),
            )
            if not all(number.low <= n <= number.high for n in number.spoken):
                raise TemplateError(f"{self._where}: list {ref.list_name}: spoken out of range")
            return [(f" {NUMBER} ", (), (number,))]
        if isinstance(slot_list, TextSlotList):
            out: list[Piece] = []
            for value in slot_list.values:
                slot = ((ref.slot_name, _slot_value(value.value_out)),)
                for piece, slots, numbers in self._expand(value.text_in, depth + 1):
                    out.append((piece, slot + slots, numbers))
            return out
        if slot_list is None:
            raise TemplateError(f"{self._where}: unknown list {{{ref.list_name}}}")
        raise TemplateError(f"{self._where}: list {{{ref.list_name}}}: wildcards not supported")

    def _product(self, parts: list[list[Piece]]) -> list[Piece]:
        out: list[Piece] = [("", (), ())]
        for options in parts:
            if len(out) * len(options) > MAX_EXPANSIONS:
                raise _TooMany(f"{self._where}: template expands to too many sentences")
            out = [(a[0] + b[0], a[1] + b[1], a[2] + b[2]) for a in out for b in options]
        return out


def _tokens(text: str) -> tuple[str, ...]:
    """Canonical tokens of an expanded template text (number placeholders kept)."""
    raw = [t for chunk in text.split() for t in _chunk_words(chunk)]
    return tuple(canonical(raw))


def _said(text: str) -> tuple[str, ...]:
    """The words of an expanded template text as a person says them: spellings unified ("ok" is
    "okay") but fillers kept ("i'd like that", "yes please")."""
    raw = [t for chunk in text.split() for t in _chunk_words(chunk)]
    return tuple(part for t in raw for part in SPELLINGS.get(t, t).split())


@lru_cache(maxsize=4096)
def _chunk_words(chunk: str) -> tuple[str, ...]:
    return (chunk,) if chunk == NUMBER else tuple(words(chunk))


def _slot_value(value: Any) -> SlotValue:
    if isinstance(value, bool) or not isinstance(value, int | str):
        return str(value)
    return value
