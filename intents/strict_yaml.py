"""YAML for files we ship or users edit (templates, replies): a key given twice in one mapping is
an error naming both lines (plain YAML keeps the last and silently drops the first: a second
`StartIce:` in one template file lost the first one's sentences), and a syntax error names the
line where the problem is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from intents.errors import TemplateError

SAFE_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it (about ten times faster), else the Python one."""


class _StrictLoader(SAFE_LOADER):  # type: ignore[misc]
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise _Duplicate(key, seen[key], line)
            seen[key] = line
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


class _Duplicate(Exception):
    def __init__(self, key: object, first: int, again: int) -> None:
        super().__init__(key, first, again)
        self.key, self.first, self.again = key, first, again


def load_yaml(text: str, path: Path) -> Any:
    """The document in `text` (read from `path`); TemplateError 'PATH:LINE: ...' otherwise."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a safe loader
    except _Duplicate as dup:
        raise TemplateError(
            f"{path}:{dup.again}: {dup.key!r} is given twice in one mapping (first at line "
            f"{dup.first}); merge them into one"
        ) from None
    except yaml.YAMLError as err:
        # A scanner error (an unclosed quote) is found where the file ends; it is where the
        # quote was opened (context_mark) that needs mending. Other errors: where found.
        first = "context_mark" if isinstance(err, yaml.scanner.ScannerError) else "problem_mark"
        mark = getattr(err, first, None) or getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or "syntax error"
        context = getattr(err, "context", None)
        detail = f"{problem} {context}" if context else problem
        line = mark.line + 1 if mark is not None else None
        opened = _unclosed_quote(text, line) if line is not None else None
        if opened is not None:
            line, detail = opened, f'a " that is not closed on its line; {detail}'
        where = f":{line}" if line is not None else ""
        raise TemplateError(f"{path}{where}: not valid YAML ({detail})") from err


def _unclosed_quote(text: str, upto: int) -> int | None:
    """The last line up to `upto` with an odd number of unescaped double quotes (a string left
    open there runs on and the parser only stumbles lines later), or None."""
    lines = text.splitlines()[:upto]
    for number in range(len(lines), 0, -1):
        line = lines[number - 1].replace('\\"', "")
        if line.lstrip().startswith("#"):
            continue
        if line.count('"') % 2:
            return number
    return None
