"""Reading the warning-sign lexicon file (symptoms.yaml): checked, and compiled by
intents.symptom_rules into the parts intents.symptoms's Lexicon is made of. Errors name the
file and what is wrong."""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path

import yaml

from intents.errors import TemplateError
from intents.strict_yaml import SAFE_LOADER
from intents.symptom_rules import END, Compiler, Family


@dataclass(frozen=True)
class LexiconFile:
    families: tuple[Family, ...]
    sets: dict[str, frozenset[str]]
    mentions: dict[str, re.Pattern[str]]
    unclaimed: tuple[re.Pattern[str], ...]
    resolved: tuple[re.Pattern[str], ...]
    owned: tuple[re.Pattern[str], ...]
    ing_words: frozenset[str]


def read_lexicon(path: Path, needed: Set[str]) -> LexiconFile:
    """The file at `path` compiled; `needed`: the classes the rules themselves use."""
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise TemplateError(f"{path}: cannot read the warning-sign lexicon ({err})") from err
    if not isinstance(data, dict) or not isinstance(data.get("families"), list):
        raise TemplateError(f"{path}: needs 'classes:' and a 'families:' list")
    phrases = {
        str(name): [p.strip() for p in str(body).split(",") if p.strip()]
        for name, body in (data.get("classes") or {}).items()
    }
    compiler = Compiler(path, phrases)
    families = tuple(compiler.family(raw) for raw in data["families"])
    for name in sorted(set(needed) - set(compiler.sets)):
        raise TemplateError(f"{path}: no class {name} (the rules need it)")
    mentioned = {"ice"} | {f.unless for f in families if f.unless}
    for name in sorted(mentioned - set(compiler.sets)):
        raise TemplateError(f"{path}: no class {name} (for the ice or a family's unless)")
    mentions = {name: re.compile(f" {compiler.regexes[name]}{END}") for name in mentioned}

    def patterns(key: str) -> tuple[re.Pattern[str], ...]:
        where = f"{path}: {key}"
        return tuple(compiler.pattern(str(said), where).regex for said in data.get(key) or ())

    ing_words = frozenset(re.findall(r"[a-z]{3,}ing\b", text))  # "shiverin" is "shivering"
    return LexiconFile(
        families, compiler.sets, mentions, patterns("unclaimed"), patterns("resolved"),
        patterns("owned"), ing_words,
    )  # fmt: skip
