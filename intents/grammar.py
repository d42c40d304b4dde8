"""The intent templates (hassil YAML) loaded once (hassil is imported here, in intents.expansion,
which walks its expression trees, and in intents.composed).

`load_grammar()` reads `intents/templates/*.yaml`, parses every sentence with hassil and
expands it into `Pattern`s (canonical tokens, number slots as "#"). The matcher looks
patterns up; the recognizer gets `sentences()` (numbers written as words) and `vocabulary()`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from hassil import Intents, TextSlotList, recognize

from intents.composed import Composed
from intents.errors import TemplateError
from intents.expansion import Expander, Phrase, parse_template
from intents.patterns import Pattern
from intents.template_file import locate, read_template_file

log = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).parent / "templates"


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
        parse_template(str(body), origin[("expansion_rules", name)])
    expander = Expander(intents, merged["lists"], origin)
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
