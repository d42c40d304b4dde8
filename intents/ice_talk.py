"""What is said of the ice, and of other phrases the safety lexicon looks for anywhere: the
ice massage is meant to numb the sore spot, so a sign it gives (`ice: exempt` in
intents/symptoms.yaml) is the ice's when the ice is talked of and no limb is named. Pure; the
lexicon (intents.symptoms) and the warning-sign reading (intents.warning_match) ask it."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from intents.normalize import canonical, words

if TYPE_CHECKING:
    from intents.symptoms import Lexicon

MENTION_REACH = 5
"""How far before a mention a negation unsays it ("not from the ice", "without dieting")."""
Sets = Mapping[str, frozenset[str]]


def iced(lexicon: Lexicon, text: str, family: str) -> bool:
    """Is `text` about the ice, and `family` a sign the ice massage gives (`ice: exempt`)?"""
    tokens = canonical(words(text))
    exempt = any(f.ice_exempt for f in lexicon.families if f.warning.family == family)
    said = "".join(" " + t for t in tokens)
    return exempt and about_ice(lexicon.mentions, lexicon.sets, said, tokens)


def about_ice(
    mentions: Mapping[str, re.Pattern[str]], sets: Sets, said: str, tokens: Sequence[str]
) -> bool:
    """The ice (or the iced spot) named, not negated, and no limb but a hand holding it or
    with the ice itself named ("the ice is so cold my fingers are going numb"; not "my hand
    is numb and cold")."""
    if not mentioned(mentions, sets, "ice", said, tokens) or mentioned(
        mentions, sets, "ice", said, tokens, False
    ):
        return False  # "like they're packed in ice, and I've not touched any ice"
    holding = bool((sets["held"] | sets["ice_itself"]).intersection(tokens))
    return not any(
        t in sets["limb"] and not (holding and t in sets["excused_limb"]) for t in tokens
    )


def mentioned(
    mentions: Mapping[str, re.Pattern[str]],
    sets: Sets,
    name: str,
    said: str,
    tokens: Sequence[str],
    plain: bool = True,
) -> bool:
    """A `name` phrase said not negated (`plain`), or said negated."""
    for found in mentions[name].finditer(said):
        i = said.count(" ", 0, found.start() + 1) - 1
        if plain != bool(sets["negator"].intersection(tokens[max(0, i - MENTION_REACH) : i])):
            return True
    return False
