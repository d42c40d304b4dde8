"""What the coach says, as data: `intents/replies/*.yaml` map a key ("Intent" or
"Intent.situation") to a sentence or a list of variants, with `str.format` placeholders."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from string import Formatter
from typing import Any

from intents.errors import TemplateError
from intents.strict_yaml import load_yaml
from intents.template_file import at

REPLIES_DIR = Path(__file__).parent / "replies"
PLACEHOLDERS = frozenset(
    {"ago", "amount", "asked", "duration", "high", "hold", "left", "low", "name", "number",
     "option", "rep", "reps", "since", "symptom", "when"}
)  # fmt: skip
"""The values the coach and the timer desk fill replies with (voice.coach.reply_maker,
voice.timers.words); any other `{name}` in a reply is an error when the replies load."""


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
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise TemplateError(f"{path}: cannot read ({err})") from err
    data = load_yaml(text, path)
    if not isinstance(data, dict) or not isinstance(data.get("replies"), dict):
        raise TemplateError(f"{path}: expected a top-level 'replies:' mapping")
    texts: dict[str, tuple[str, ...]] = {}
    for key, value in data["replies"].items():
        variants = [value] if isinstance(value, str) else value
        where = at(path, text, f"{key}:")
        if not variants or not all(isinstance(v, str) and v.strip() for v in variants):
            raise TemplateError(f"{where}: reply '{key}' must be a sentence or a list of them")
        for variant in variants:
            problem = placeholder_problem(variant)
            if problem is not None:
                raise TemplateError(f"{where}: reply '{key}': {problem}")
        texts[str(key)] = tuple(v.strip() for v in variants)
    return texts


def placeholder_problem(text: str) -> str | None:
    """What is wrong with the `{placeholders}` in a reply, or None: braces that do not pair up
    (write {{ and }} for a brace itself), or a name the coach never fills (PLACEHOLDERS), which
    would fail mid-session the first time the reply is said."""
    try:
        fields = [name for _, name, _, _ in Formatter().parse(text) if name is not None]
    except ValueError as err:
        return f"unbalanced braces ({err}; write {{{{ or }}}} for a brace itself)"
    for name in fields:
        if name not in PLACEHOLDERS:
            known = ", ".join(f"{{{n}}}" for n in sorted(PLACEHOLDERS))
            return f"unknown placeholder {{{name}}} (known: {known})"
    return None
