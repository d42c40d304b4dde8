"""What was said → which intent, with slots and a confidence. Pure: no I/O after loading.

Order: a sentence corrected mid-way ("quieter, no, louder") is read as corrected
(intents.repairs), unless it holds a warning sign; a warning sign anywhere wins (Emergency or
RedFlag, intents.symptoms); then an exact template sentence (confidence 1.0); then the same
without leading "okay so"; then the
statistical layer (intents.statistical), which names the intent of sentences no template lists
and reads their slots from the words; then the tolerant fallback for a near miss of a template
sentence (confidence < 1). (The statistical layer goes first: on the blind dev set it made 2.6%
wrong actions where the tolerant fallback first made 5.8%.)
A sentence none of these reads whole gets a second chance: as said for oneself when someone
speaks for the person on the floor (intents.said_for_someone), then from its clauses
(intents.clauses); never an escalation that way. A timer action guessed (not a template
sentence) in a sentence that says not to do it is dropped.
Anything else is Unknown: `match` returns None, `understand` returns Match.unknown(text).

Exact matching looks the canonical tokens up in a table of every sentence the hassil-parsed
templates allow (numbers as "#", checked against the range after). It gives hassil's answer
(tests/test_grammar.py compares them) at tens of thousands of lines a second, where hassil's
own recognizer manages under two hundred on these templates.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import lru_cache

from intents.action_words import AMOUNT_CHANGES, said_direction
from intents.asides import aside
from intents.asked_last import asked_last
from intents.clauses import SecondChance, second_chance, told_not_to
from intents.concern import concern, fear_concern
from intents.courtesy import plainly
from intents.durations import says_two_amounts
from intents.exact_table import ExactTable, candidates
from intents.fragments import names_a_timer_only, says_nothing
from intents.fuzzy import FuzzyIndex
from intents.grammar import Grammar, load_grammar
from intents.guessed_slots import NAMES_TIMER, SHORTEST_GUESSED, words_slots
from intents.normalize import normalize
from intents.other_things import not_about
from intents.repairs import repaired
from intents.safety_net import SAFETY_NET, safety_net
from intents.sentence_sources import Sources as Sources  # re-exported: load_matcher(Sources(...))
from intents.slot_words import parse_timer_name
from intents.spoken_to import spoken_to_someone_else
from intents.statistical import StatisticalLayer
from intents.stumbles import unstuttered
from intents.trained_models import Labelled, intent_model, sign_model
from intents.types import UNSURE, Match, SlotValue
from intents.typos import typed_right
from intents.warning_match import EMERGENCY, ESCALATIONS, warning_match

MAX_WARNING_CHARS = 2000
"""Longer than a command may be (intents.normalize: 40 words, 400 characters) a line is no
command, but a warning sign in it still counts (a long story that ends "and now my left leg is
numb" was Unknown); past this length not even that is read."""

log = logging.getLogger(__name__)

EXACT_ONLY = frozenset({"AreYouThere"})
"""Intents understood from their template sentences only, never guessed by the statistical
layer (it is not trained on them) or the tolerant fallback: "are you there" and "can you hear
me" are small words around one word ("there", "hear"), so a guess would take any sentence with
it ("can you hear the birds"), and a new class moved the blind sets' scores both ways by a few
sentences. Spoken, the recognizer hears whole template sentences anyway."""
UNVETOED = 1.01
"""The safety net with no ordinary request holding it back (intents.safety_net `ORDINARY`):
once the statistical layer did not take that request, the net's sign stands ("I think this is
my heart, not my back, my dad went exactly the same way" was lost to SpasmStarted read at 0.5
and not taken, by an intent model that learnt the fresh rounds' dev halves:
bench/results/round_training.md)."""


class Matcher:
    def __init__(self, grammar: Grammar, statistical: StatisticalLayer | None = None) -> None:
        self.grammar = grammar
        self.statistical = statistical
        self.safety_net_probability = SAFETY_NET
        self.second_chance = SecondChance()
        self._exact = ExactTable(grammar.patterns)
        self._fuzzy = FuzzyIndex(grammar.patterns)

    def match(self, text: str, generalise: bool = True) -> Match | None:
        """The understood intent, or None when nothing fits well enough. `generalise=False`
        leaves out the statistical layer: for a recognizer's loose word string (no sentence of
        its phrase list), which the model would read too much into ("my low timer wrap two
        hours", heard from "my phone timer app crashed", is not a timer to start)."""
        early = self._said_once(text, generalise) or self._repaired(text, generalise)
        found = early or self._match_whole(text, generalise)
        if found is None or found.intent == UNSURE:
            found = self._courteous(text, generalise) or found
        found = found or second_chance(
            text,
            lambda said: self._match_whole(said, generalise),
            self.second_chance,
            ESCALATIONS,
            lambda part: (
                generalise and self.statistical is not None and aside(part, self.statistical)
            ),
        )
        if generalise:  # not a recognizer's loose string: its tail is often a template of ours
            read_whole = lambda said: self._match_whole(said, generalise)  # noqa: E731
            found = found or asked_last(text, read_whole, self.second_chance)
        if found is not None and (  # "don't cancel the timer" guessed; "erik, pause the film"
            found.confidence < 1.0
            and told_not_to(found.intent, text)
            or not_about(found.intent, text)
            or spoken_to_someone_else(found.intent, text)  # "stop it, both of you"
        ):
            return None  # ask again, never act
        if found not in (None, early) and _takes_amount(found) and says_two_amounts(text):
            return None  # "add a minute, or maybe two": which amount is asked, not guessed
        return found

    def _said_once(self, text: str, generalise: bool) -> Match | None:
        """The sentence with what was stumbled over said once (intents.stumbles), read before
        the sentence as said: read as said, "add add a minute and a, and a half" was one
        minute, a wrong amount."""
        stumbled = unstuttered(text)  # "resume resume everything"
        found = self._match_whole(stumbled, generalise) if stumbled else None
        return replace(found, text=text) if found is not None and found.intent != UNSURE else None

    def _courteous(self, text: str, generalise: bool) -> Match | None:
        """The request without its courtesy wrapper (intents.courtesy), read surely; never an
        escalation or an answer (the whole sentence decides those)."""
        plain = plainly(text)
        found = self._match_whole(plain, generalise) if plain else None
        if (
            found is None
            or found.intent in (*ESCALATIONS, UNSURE, "Yes", "No")
            or found.confidence < self.second_chance.spelling
        ):
            return None
        log.debug("%r read plainly: %r", text, plain)
        return replace(found, text=text)

    def _repaired(self, text: str, generalise: bool) -> Match | None:
        """A sentence corrected mid-way ("quieter, no, louder"): what the correction says
        (intents.repairs), unless the whole sentence holds a warning sign."""
        readings = repaired(text)
        if not readings or warning_match(text) is not None:
            return None
        unsure: Match | None = None
        for reading in readings:
            found = self._match_whole(reading, generalise)
            if found is not None and found.intent == UNSURE and _takes_amount(found):
                unsure = unsure or found  # "add a minute, no wait, make it three" asked about 3
            elif (
                found is not None
                and found.intent not in (*ESCALATIONS, UNSURE)
                and self.second_chance.takes(found)
            ):
                log.debug("%r read as corrected: %r", text, reading)
                return replace(found, text=text)
        return replace(unsure, text=text) if unsure is not None else None

    def _match_whole(self, text: str, generalise: bool) -> Match | None:
        said = normalize(text)
        warning = warning_match(text) if len(text) <= MAX_WARNING_CHARS else None
        if said.empty:  # nothing, or too long a line to be a command; a warning sign still counts
            return warning
        if warning is not None and warning.intent == EMERGENCY:
            return warning
        trimmed = said.without_leading()
        for candidate in candidates(said):
            exact = self._exact.lookup(candidate)
            if warning is not None and (exact is None or exact[0] != EMERGENCY):
                return warning
            if exact is not None:
                intent, slots = exact
                extra = words_slots(intent, text)
                if extra is not None:
                    slots = {**slots, **extra}
                return Match(text=text, intent=intent, slots=slots, confidence=1.0)
        composed = self.read_unlisted(text)
        if composed is not None:
            return Match(text=text, intent=composed[0], slots=composed[1], confidence=1.0)
        if self.statistical is not None and generalise:
            stats = self.statistical
            mended = typed_right(text, stats.signs.knows)  # "cant brethe", "hart atack"
            caught = warning_match(mended) if mended else None
            caught = caught or safety_net(
                stats.signs, stats.model, text, trimmed, self.safety_net_probability
            )
            if caught is not None:
                return replace(caught, text=text)
            if says_nothing(said.tokens) or names_a_timer_only(said.tokens):  # "i need"
                return None
            understood = self.statistical.match(text, trimmed)
            if understood is not None:
                return None if understood.intent in ESCALATIONS else understood
            unvetoed = safety_net(  # the ordinary request that kept the net back is not taken
                stats.signs, stats.model, text, trimmed, self.safety_net_probability, UNVETOED
            )
            if unvetoed is not None:
                return replace(unvetoed, text=text)
        hit = (
            None
            if says_nothing(trimmed.tokens) or names_a_timer_only(trimmed.tokens)
            else self._fuzzy.best(trimmed.tokens, trimmed.numbers)
        )
        if (
            hit is None
            or hit.pattern.intent in (*ESCALATIONS, *EXACT_ONLY)
            or not_about(hit.pattern.intent, text)  # "hold the plank for 30 seconds"
        ):
            return (
                self.statistical.doubt(text, trimmed) if self.statistical and generalise else None
            )
        if _too_short(hit.slots.get("duration")):  # a near miss is no minus or one-second timer
            return None
        intent = hit.pattern.intent
        if (
            self.statistical
            and intent in AMOUNT_CHANGES
            and said_direction(trimmed.tokens) != intent
        ):
            match = self.statistical.which_way(text, trimmed, intent, hit.confidence)
            return match if match.intent == UNSURE else None
        log.debug("fuzzy %r ~ %r (cost %.1f)", text, " ".join(hit.pattern.tokens), hit.cost)
        slots = hit.slots
        if intent in NAMES_TIMER and "timer" not in slots:  # a word the near miss left out
            name = parse_timer_name(text)  # named the timer: "ice plus two minutes"
            slots = {**slots, "timer": name} if name not in (None, "timer") else slots
        return Match(text=text, intent=intent, slots=slots, confidence=hit.confidence)

    def net(self, text: str) -> Match | None:
        """The safety net alone (intents.safety_net): a warning sign its model is sure of in
        words no sentence of ours holds (an open-vocabulary decode's, voice.hearing)."""
        said = normalize(text)
        if self.statistical is None or said.empty:
            return None
        stats, trimmed = self.statistical, said.without_leading()
        return safety_net(stats.signs, stats.model, text, trimmed, self.safety_net_probability)

    def read_unlisted(self, text: str) -> tuple[str, dict[str, SlotValue]] | None:
        """A sentence of a template too big to list (intents.composed), read exactly."""
        composed = self.grammar.composed
        return composed.read(text) if composed is not None else None

    def understand(self, text: str, generalise: bool = True) -> Match:
        """Like `match`, but Unknown instead of None; an Unknown that may still say an
        emergency carries a concern (`concerned`), except for a loose string of a grammar's
        words (`generalise` False), which says our words where nobody did."""
        found = self.match(text, generalise)
        if found is not None and found.intent == "Scared" and generalise:
            return replace(found, concern=fear_concern(normalize(text).tokens))
        if found is not None:
            return found
        return self.concerned(text) if generalise else Match.unknown(text)

    def concerned(self, text: str) -> Match:
        """Unknown, with `Match.concern` set when the words may still say an emergency
        (intents.concern)."""
        said = normalize(text)
        if self.statistical is None or said.empty:
            return Match.unknown(text)
        worry = concern(self.statistical.signs, said.without_leading().tokens)
        return replace(Match.unknown(text), concern=worry)


def _takes_amount(found: Match) -> bool:
    """Does the reading (or an alternative the coach would ask about) act on an amount?"""
    return any("duration" in m.slots for m in (found, *found.alternatives))


def _too_short(duration: SlotValue | None) -> bool:
    return (
        isinstance(duration, int) and not isinstance(duration, bool) and duration < SHORTEST_GUESSED
    )


@lru_cache(maxsize=4)
def load_matcher(sources: Sources = Sources()) -> Matcher:  # noqa: B008 (frozen, hashable)
    """The matcher for these sources (default: the package's templates and examples), built
    once per process. TemplateError (file and line) for a bad file. Its models are found by
    the files' bytes in the cache, or trained (intents.trained_models)."""
    grammar = load_grammar(sources.template_files())
    examples = sources.example_files()
    if len(grammar.intent_names()) < 2 and not examples:
        return Matcher(grammar)  # one intent: nothing to tell apart
    files = (*sources.template_files(), *examples)
    templates = trainable(grammar)
    signs = sources.sign_files()
    return Matcher(
        grammar,
        StatisticalLayer(
            lambda: intent_model(templates, examples, files),
            signs=(lambda: sign_model(templates, examples, signs, files)) if signs else None,
        ),
    )


def trainable(grammar: Grammar) -> Labelled:
    """(intent, tokens) of the template sentences the models learn from (`EXACT_ONLY` aside)."""
    return [(p.intent, p.tokens) for p in grammar.patterns if p.intent not in EXACT_ONLY]
