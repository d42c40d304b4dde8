"""Spotting a red-flag symptom anywhere in what was said: it wins over every other intent.

The symptom phrases are the `symptom` list of the templates (safety.yaml); its values are
listed most urgent first, and the most urgent symptom said is the one reported. A symptom
right after a negation ("no numbness", "i don't feel numb") does not count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from intents.normalize import word_set
from intents.types import SlotValue

NEGATORS = word_set(
    """
    no not don't doesn't didn't isn't aren't haven't hasn't without never nothing none nor
    """
)
NEGATION_WINDOW = 3
"""How many words before a symptom a negation reaches ("no pain or numbness")."""

COLD_WORDS = frozenset({"ice", "icing", "iced", "cold", "cube"})
BODY_WORDS = word_set(
    """
    leg legs foot feet toe toes arm arms hand hands finger fingers groin butt bottom thigh
    thighs knee knees saddle
    """
)
COLD_NUMBNESS = "numbness"
"""The ice massage is meant to numb the sore spot: "it's numb from the ice" is no red flag,
unless a limb is named ("my leg went numb")."""


class RedFlagSpotter:
    def __init__(self, phrases: Iterable[tuple[tuple[str, ...], SlotValue]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._rank: dict[str, int] = {}
        for tokens, value in phrases:
            if not tokens:
                continue
            self._rank.setdefault(str(value), len(self._rank))
            self._by_first.setdefault(tokens[0], []).append((tokens, str(value)))

    def spot(self, tokens: Sequence[str]) -> str | None:
        """The most urgent symptom said (not negated), or None."""
        found: list[str] = []
        for i, token in enumerate(tokens):
            for phrase, value in self._by_first.get(token, ()):
                if tuple(tokens[i : i + len(phrase)]) != phrase:
                    continue
                if NEGATORS.intersection(tokens[max(0, i - NEGATION_WINDOW) : i]):
                    continue
                if value == COLD_NUMBNESS and _numb_from_cold(tokens, phrase):
                    continue
                found.append(value)
        return min(found, key=self._rank.__getitem__) if found else None


def _numb_from_cold(tokens: Sequence[str], phrase: tuple[str, ...]) -> bool:
    said = set(tokens)
    return bool(COLD_WORDS & said) and not (BODY_WORDS & said) and not (BODY_WORDS & set(phrase))
