"""Read one template YAML file and check its shape, with errors naming the file and line.

The file format is hassil's (`language`, `intents`, `lists`, `expansion_rules`) plus two keys of
ours inside a `range:` list, which hassil ignores:
  spoken: [1, 2, 5, 10]   values the recognizer's phrase list writes out as words
  add: 30                 added after hassil's `multiplier` ("two and a half minutes")
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from intents.errors import TemplateError
from intents.strict_yaml import load_yaml

YAML_WORD_KEY = re.compile(r"\s+(yes|no|on|off|true|false|y|n)\s*:", re.IGNORECASE)
"""Keys YAML 1.1 reads as booleans: an intent called Yes or No must be quoted."""


def read_template_file(path: Path) -> dict[str, Any]:
    """The file's mapping, checked: `intents:` with `data:` blocks of `sentences:`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise TemplateError(f"{path}: cannot read ({err})") from err
    data = load_yaml(text, path)
    if not isinstance(data, dict) or not isinstance(data.get("intents"), dict):
        raise TemplateError(f"{path}: missing top-level 'intents:' mapping")
    for name, intent in data["intents"].items():
        if not isinstance(name, str):
            where = at_match(path, text, YAML_WORD_KEY)
            raise TemplateError(f'{where}: intent name {name!r} is not text (quote it: "Yes":)')
        where = at(path, text, f"{name}:")
        blocks = intent.get("data") if isinstance(intent, dict) else None
        if not isinstance(blocks, list) or not blocks:
            raise TemplateError(f"{where}: intent {name} needs a 'data:' list")
        for block in blocks:
            sentences = block.get("sentences") if isinstance(block, dict) else None
            if not isinstance(sentences, list) or not sentences:
                raise TemplateError(f"{where}: intent {name} has a data block without sentences")
            for sentence in sentences:
                if not isinstance(sentence, str) or not sentence.strip():
                    raise TemplateError(f"{where}: intent {name} has an empty or non-text sentence")
    for key in ("lists", "expansion_rules"):
        if not isinstance(data.get(key, {}), dict):
            raise TemplateError(f"{at(path, text, key + ':')}: '{key}' must be a mapping")
    for name, body in data.get("lists", {}).items():
        if not isinstance(body, dict) or not ({"values", "range"} & set(body)):
            raise TemplateError(f"{at(path, text, f'{name}:')}: list {name} needs values or range")
    return data


def at(path: Path, text: str, needle: str) -> str:
    """'FILE:LINE' of the first line containing `needle` (or just 'FILE')."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return f"{path}:{number}"
    return str(path)


def at_match(path: Path, text: str, pattern: re.Pattern[str]) -> str:
    """'FILE:LINE' of the first line matching `pattern` (or just 'FILE')."""
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return f"{path}:{number}"
    return str(path)


def locate(path: Path, needle: str) -> str:
    """Like `at`, reading the file again (only on the error path)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return str(path)
    return at(path, text, needle)
