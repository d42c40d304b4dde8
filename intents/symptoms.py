"""Warning signs understood in what was said: the most urgent one, or None.

The lexicon is data (`symptoms.yaml`, beside this module, read once): word classes and, for each
family of warning signs, patterns that say its meaning over the words said ("a limb, then a
dead word": "my toes feel funny"). Families are listed most urgent first, every emergency before
every professional one. A negation cancels only the symptom it governs ("no tingling", "i'm
not feeling weak"; not "without warning my leg gave way"); a question about a sign ("what does
tingling mean") claims nothing. See the file's header for the rules; intents.lexicon_file reads
it, intents.symptom_rules compiles the patterns, bench/blind_sets.py measures them (through the
matcher)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from intents.dialect import dialect
from intents.ice_talk import about_ice, mentioned
from intents.lexicon_file import read_lexicon
from intents.normalize import canonical, word_set, words
from intents.sign_wording import as_said_of_oneself, plainly, said_after, uninverted
from intents.symptom_rules import TIERS, Family, Pattern, Warning
from intents.whose_sign import (
    BEING,
    HYPOTHETICAL,
    QUESTION_STARTS,
    REPORTED,
    REPORTED_WITH_SPASM,
    SECOND_PERSON,
    SIDES,
    SPASM_WORDS,
    SUBJECT_YOU,
    THIRD_PERSON,
)

LEXICON = Path(__file__).with_name("symptoms.yaml")
LOOK_BACK = 5
"""How far before a match a negation ("i haven't got any ...") or someone else reaches."""
DOUBLED = word_set("no nothing none")
"""Negations a match may start with that a negation before doubles, not undoes."""
ANSWERED = word_set("nothing nope none")
"""Negations that stand alone ("i tried and nothing", "feeling? none"): before the speaker's own
words ("nothing, my legs won't respond") they end what they deny."""
NEW_SUBJECT = word_set("my i i'm i've")
"""Words that start the speaker's own clause."""
SPEAKING = word_set("i i'm i've i'd")
"""The speaker as the subject just before a sign: someone or something named further back does
not make it theirs ("i reached for the ice and i hit my head"); a negation still reaches."""
WORD_SETS = word_set(
    """
    negator bridge listed list_joint first_person other_subject other_person media ice held
    ice_itself implied_me told in_programme owned_before viewing
    excused_limb limb owner_other
    """
)
"""The classes the rules themselves use (see the lexicon's header)."""


@dataclass(frozen=True)
class Lexicon:
    """The families (most urgent first) and the word sets the rules use."""

    families: tuple[Family, ...]
    sets: dict[str, frozenset[str]]
    mentions: dict[str, re.Pattern[str]]
    """Classes looked for as phrases anywhere (the ice, a family's `unless`)."""
    unclaimed: tuple[re.Pattern[str], ...] = ()
    """Sentences that name a sign without claiming it ("what does tingling mean")."""
    resolved: tuple[re.Pattern[str], ...] = ()
    """Saying that it has passed ("but it's fine now"): a sign of a family marked `passes`
    said before it is not claimed."""
    owned: tuple[re.Pattern[str], ...] = ()
    """A question about a sign in the speaker's own limb ("should i worry about pins and needles
    in my hand", "is tingling down my arm a bad sign"): claimed all the same, unless it is
    hypothetical ("if", "when")."""
    ing_words: frozenset[str] = frozenset()
    """The lexicon's words in -ing: "shiverin" said is "shivering" (intents.dialect)."""

    def spot(self, text: str) -> Warning | None:
        """The most urgent warning sign said (not negated, not exempt), or None. A question
        about a sign claims nothing, but a sentence or a clause said after it still may: "is
        numbness serious? my foot is numb" was read as a question alone, "i don't think it's
        sciatica, my foot is tingling" as a denial."""
        found = self._spot(text)
        if found is None and SUBJECT_YOU.intersection(words(text)):
            said = self._spot(as_said_of_oneself(text))  # "you wet yourself without knowing"
            found = said if said is not None and said.tier == "emergency" else None
        if found is not None or not self.claims_nothing(text):
            return found
        listed = self.sets["listed"] | self.sets["list_joint"]
        later = [self._spot(part) for part in said_after(text, self.claims_nothing, listed)]
        return min(
            (w for w in later if w is not None), key=lambda w: TIERS.index(w.tier), default=None
        )

    def _spot(self, text: str) -> Warning | None:
        said_words = canonical(words(plainly(text)))
        tokens = uninverted(dialect(said_words, self.sets["limb"], self.ing_words))
        said = "".join(" " + token for token in tokens)
        said_set = set(tokens)
        unclaimed = self._unclaimed(said)
        implied = bool(tokens) and tokens[0] in self.sets["implied_me"]  # "got a fever too"
        reported = self._nobody(said_set) and not said.startswith(QUESTION_STARTS)
        second = bool(SECOND_PERSON & said_set)  # "you fall and smack your head": oneself
        me = bool(self.sets["first_person"] & said_set or implied)
        me = me and not self._watched(tokens, said_set)
        elsewhere = self._elsewhere(tokens)
        told = self._told(tokens, said_set) if elsewhere else None
        passed = [found.start() for p in self.resolved for found in p.finditer(said)]
        for family in self.families:
            if (unclaimed or elsewhere) and family.warning.tier != "emergency":
                continue  # a question about a sign is no claim, but an emergency is never missed
            if told == "talk" or told == "people" and not family.others:
                continue  # on a programme (a stroke or an ambulance for someone here counts)
            urgent = family.warning.tier == "emergency"
            reported_here = reported and (
                family.warning.family in REPORTED
                or family.warning.family in REPORTED_WITH_SPASM
                and bool(said_set & SPASM_WORDS)
            )
            if family.me and not (me or reported_here or urgent and second):
                continue
            if family.anchors and family.anchors.isdisjoint(said_set):
                continue
            if not family.any_pattern.search(said):
                continue
            if family.ice_exempt and about_ice(self.mentions, self.sets, said, tokens):
                continue
            if family.unless and mentioned(self.mentions, self.sets, family.unless, said, tokens):
                continue
            after = max(passed) if family.passes and passed else -1
            others = family.others or urgent and second
            if any(self._said(p, said, tokens, others, after) for p in family.patterns):
                return family.warning
        return None

    def claims_nothing(self, text: str) -> bool:
        """A question about a sign, a hypothetical or a denial (the `unclaimed` patterns):
        "is numbness serious", "what if my leg goes numb"."""
        return self._unclaimed("".join(" " + token for token in canonical(words(text))))

    def _unclaimed(self, said: str) -> bool:
        if not any(pattern.search(said) for pattern in self.unclaimed):
            return False
        owned = any(pattern.search(said) for pattern in self.owned)
        return not owned or bool(HYPOTHETICAL.intersection(said.split()))

    def _watched(self, tokens: Sequence[str], said_set: set[str]) -> bool:
        """A film, show, game or the news named as something watched or told of ("i was
        watching the news", "in the film"), not done ("i was playing a game with the kids and
        fell and banged my head" is the speaker's own fall)."""
        sets = self.sets
        if not sets["media"] & said_set:
            return False
        return bool((sets["viewing"] | sets["told"]) & said_set) or self._in_the_media(tokens)

    def _in_the_media(self, tokens: Sequence[str]) -> bool:
        """ "in the film", "in the series": where what is told happens (not "was in the show")."""
        media, before = self.sets["media"], ["", "", "", *tokens]  # before[i]: tokens[i - 3]
        return any(
            t in media and before[i + 1 : i + 3] == ["in", "the"] and before[i] not in BEING
            for i, t in enumerate(tokens)
        )

    def _nobody(self, said_set: set[str]) -> bool:
        """No one named at all, no pronoun, no programme: a report of the speaker's own
        ("tired all the time, lost weight without trying")."""
        sets = self.sets
        anyone = sets["other_person"] | sets["other_subject"] | sets["media"] | THIRD_PERSON
        return not said_set & anyone

    def _told(self, tokens: Sequence[str], said_set: set[str]) -> str | None:
        """Told of in a programme, not happening here (with the speaker in it only as an owner,
        `_elsewhere`): a film, show or the news named with talk of it ("they were talking about
        chest pain on the radio": "talk"; or where it happens: "in the movie the hacker can't
        breathe"), or with someone in it ("the man in it can't breathe": "people"); else None.
        "people" does not cancel a family that counts for others too: "my husband's watching
        the news, call an ambulance" still escalates, as does "chest pain, turn the telly off"."""
        sets = self.sets
        if not sets["media"] & said_set:
            return None
        if sets["told"] & said_set or self._in_the_media(tokens):
            return "talk"
        return "people" if (sets["in_programme"] | sets["other_person"]) & said_set else None

    def about_someone_else(self, text: str) -> bool:
        """Someone else or a programme named in `text`, the speaker only as their owner."""
        return self._elsewhere(canonical(words(text)))

    def _elsewhere(self, tokens: Sequence[str]) -> bool:
        """About someone else, or a programme: another person or a medium named, and the speaker
        only as the owner of that person ("my friend has pins and needles in her hands")."""
        others, owners = self.sets["other_person"] | self.sets["media"], ("my", "our")
        if not any(t in others and tokens[i - 2 : i] != ["as", "a"] for i, t in enumerate(tokens)):
            return False  # nobody else ("had leukaemia as a kid": the speaker, younger)
        me = self.sets["first_person"]
        kin = self.sets["owned_before"]  # "my late husband", "my game character"
        after = [*tokens[1:], "", ""]
        viewing = self.sets["viewing"]  # "i watched a show about a heart attack"
        owner = [
            t in owners and (after[i] in others or after[i] in kin and after[i + 1] in others)
            for i, t in enumerate(tokens)
        ]
        viewer = [
            t in me and (after[i] in viewing or after[i] in BEING and after[i + 1] in viewing)
            for i, t in enumerate(tokens)
        ]
        owned = [a or b for a, b in zip(owner, viewer, strict=True)]
        return not any(t in me and not o for t, o in zip(tokens, owned, strict=True))

    def _said(
        self, pattern: Pattern, said: str, tokens: Sequence[str], others: bool, passed: int = -1
    ) -> bool:
        """A match not cancelled: no negation in it (but its own), none or no one just before,
        not said to have passed after it (`passed`: where that is said, or -1)."""
        pos = 0
        while (found := pattern.regex.search(said, pos)) is not None:
            pos = found.start() + 1
            if found.end() <= passed:
                continue
            span = said[found.start() : found.end()].split()
            governed = span[len(span) - span[::-1].index("but") :] if "but" in span else span
            if any(t in self.sets["negator"] and t not in pattern.spelled for t in governed):
                continue
            doubled = span[0] in DOUBLED and span[0] in pattern.spelled
            mine = others or span[0] in self.sets["first_person"]  # "a baby, i'm pregnant"
            if not self._cancelled_before(tokens, said.count(" ", 0, pos) - 1, mine, doubled):
                return True
        return False

    def _cancelled_before(
        self, tokens: Sequence[str], start: int, others: bool, doubled: bool = False
    ) -> bool:
        """A negation, or someone else, before tokens[start] across bridge words. `doubled`:
        the match itself starts with a negation it spells ("no feeling"): one before it is a
        double negative ("i ain't got no feeling"), which says the same, not the opposite."""
        sets = self.sets
        for j in range(start - 1, max(-1, start - 1 - LOOK_BACK), -1):
            token = tokens[j]
            if token in SIDES and tokens[start] in sets["limb"]:
                continue  # "his back leg", "the dog's hind leg"
            if token == "more" and j and tokens[j - 1] not in sets["negator"]:
                return False  # "not really pain, more pins and needles" ("no more": denied)
            if token in ANSWERED and tokens[j + 1] in NEW_SUBJECT:
                return False  # "tried and nothing, my legs won't move": the commas are gone
            others = others or token in SPEAKING  # "the ice and i hit my head": the speaker's
            negation = token in sets["negator"] and not doubled
            if negation or (not others and token in sets["other_subject"]):
                return True
            if not others and token in sets["limb"] and j and tokens[j - 1] in sets["owner_other"]:
                return True  # "your fingers are numb", "his legs went weak"
            listed = token in sets["listed"] and (
                tokens[j + 1] in sets["list_joint"] or tokens[j + 1] in sets["listed"]
            )  # "no numbness, tingling or weakness": the commas are gone
            if token not in sets["bridge"] and not listed:
                return False
        return False


def spot_warning(text: str) -> Warning | None:
    """The most urgent warning sign in raw user text, or None."""
    return lexicon().spot(text)


@cache
def lexicon(path: Path = LEXICON) -> Lexicon:
    """The lexicon file, compiled (once per path). Errors name the file and what is wrong."""
    read = read_lexicon(path, WORD_SETS)
    return Lexicon(
        read.families, read.sets, read.mentions, read.unclaimed, read.resolved, read.owned,
        read.ing_words,
    )  # fmt: skip
