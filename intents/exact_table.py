"""The template sentences as a table, read exactly: the fastest path of the matcher
(intents.matcher), before the near-miss reading and the statistical layer. A sentence is looked
up whole, then without its leading words one by one ("okay and then what" is "and then what",
not "what"), then fully trimmed; a pattern with number slots takes the numbers said. Pure."""

from __future__ import annotations

from collections.abc import Iterable

from intents.normalize import LEADING, NUMBER, Normalized
from intents.patterns import Pattern
from intents.types import SlotValue


class ExactTable:
    def __init__(self, patterns: Iterable[Pattern]) -> None:
        self._patterns: dict[tuple[str, ...], list[Pattern]] = {}
        for pattern in patterns:
            self._patterns.setdefault(pattern.tokens, []).append(pattern)

    def lookup(self, said: Normalized) -> tuple[str, dict[str, SlotValue]] | None:
        """(intent, slots) of the first template sentence these words are, numbers filled."""
        for pattern in self._patterns.get(said.tokens, ()):
            slots = pattern.fill(said.numbers)
            if slots is not None:
                return pattern.intent, slots
        return None


def candidates(said: Normalized) -> list[Normalized]:
    """What to look up, in order: the sentence, then without its first leading word, its first
    two, ... (the longest one that is a template sentence wins), the fully trimmed one last."""
    out: list[Normalized] = [said]
    numbers = said.numbers
    for i in range(1, len(said.tokens) - 1):
        if said.tokens[i - 1] not in LEADING:
            break
        numbers = numbers[said.tokens[i - 1] == NUMBER :]
        out.append(Normalized(said.tokens[i:], numbers))
    return [*out, said.without_leading()]
