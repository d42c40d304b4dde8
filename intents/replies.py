"""What the coach says, as data: `intents/replies/*.yaml` map a key ("Intent" or
"Intent.situation") to a sentence or a list of variants, with `str.format` placeholders."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from intents.errors import TemplateError

REPLIES_DIR = Path(__file__).parent / "replies"


class Replies:
    """Reply texts by key. Variants rotate so a repeated answer does not sound canned."""

    def __init__(self, texts: Mapping[str, tuple[str, ...]]) -> None:
        self._texts = dict(texts)
        self._turn: dict[str, int] = {}

    @staticmethod
    def load(paths: Iterable[Path] | None = None) -> Replies:
        texts: dict[str, tuple[str, ...]] = {}
        for path in sorted(paths if paths is not None else REPLIES_DIR.glob("*.yaml")):
            texts.update(_load_file(path))
        return Replies(texts)

    def __contains__(self, key: str) -> bool:
        return key in self._texts

    def keys(self) -> list[str]:
        return sorted(self._texts)

    def variants(self, key: str) -> tuple[str, ...]:
        """Every wording of `key`, placeholders unfilled. KeyError if absent."""
        return self._texts[key]

    def get(self, key: str, **values: Any) -> str:
        """The next variant for `key`, formatted with `values`. KeyError if absent."""
        variants = self._texts[key]
        turn = self._turn.get(key, 0)
        self._turn[key] = turn + 1
        return variants[turn % len(variants)].format(**values)


def _load_file(path: Path) -> dict[str, tuple[str, ...]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise TemplateError(f"{path}{line}: not valid YAML ({err})") from err
    if not isinstance(data, dict) or not isinstance(data.get("replies"), dict):
        raise TemplateError(f"{path}: expected a top-level 'replies:' mapping")
    texts: dict[str, tuple[str, ...]] = {}
    for key, value in data["replies"].items():
        variants = [value] if isinstance(value, str) else value
        if not variants or not all(isinstance(v, str) and v.strip() for v in variants):
            raise TemplateError(f"{path}: reply '{key}' must be a sentence or a list of them")
        texts[str(key)] = tuple(v.strip() for v in variants)
    return texts
