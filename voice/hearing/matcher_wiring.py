"""The recognizer wired to our matcher (voice.hearing.recognizer knows only callables): what
its rescue, second pass and short answers ask, answered by intents.matcher. The product's
wiring (voice.app.wiring) and the benchmarks build it here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from voice.events import Heard
from voice.hearing.free_listening import FreeReaders
from voice.hearing.recognizer import Recognizer
from voice.hearing.recognizer_settings import RecognizerSettings

if TYPE_CHECKING:
    from intents.matcher import Matcher
    from intents.types import Match


def recognizer_with_matcher(
    model: Any,
    phrases: Iterable[str],
    settings: RecognizerSettings | None = None,
    matcher: Matcher | None = None,
    free_words: Callable[[bytes], str] | None = None,
    verify: Callable[[bytes, list[Heard]], list[Heard]] | None = None,
) -> Recognizer:
    """A recognizer whose rescue and second pass ask our matcher (default: the package's) what
    it understands and what is a symptom (the product's wiring; the benchmark builds it the
    same way)."""
    from intents.matcher import load_matcher

    matcher = matcher or load_matcher()
    return Recognizer(
        model,
        phrases,
        settings,
        understands=lambda text: matcher.understand(text).understood,
        urgent=urgent_with(matcher),
        free=free_readers(matcher),
        free_words=free_words,
        verify=verify,
        reads=lambda text: meaning_of(matcher.understand(text)),  # a whole sentence: generalise
        whole=(lambda text: matcher.read_unlisted(text) is not None)
        if matcher.grammar.composed is not None
        else None,
    )


def urgent_with(matcher: Matcher) -> Callable[[str], bool]:
    """Do words, read as the coach reads a sentence of ours, escalate (a warning sign or an
    emergency)?"""
    from intents.warning_match import ESCALATIONS

    return lambda text: matcher.understand(text).intent in ESCALATIONS


def free_readers(matcher: Matcher) -> FreeReaders:
    """How the free pass reads words, on our matcher (voice.hearing.free_listening)."""
    return FreeReaders(
        warns=warns_with(matcher),
        net=net_with(matcher),  # on the free decodes' words only
        grave=grave_with(matcher),
        other_action=other_action_with(matcher),
        means=means_with(matcher),
        offer=offer_with(matcher),
    )


def means_with(matcher: Matcher) -> Callable[[str], object]:
    """What words ask of the coach, read whole (`meaning_of`), or None: not understood, asks
    which of two meanings (Unsure), or a warning sign (the free pass's own rules decide those:
    voice.hearing.free_listening `agreed`)."""
    from intents.warning_match import ESCALATIONS

    def means(text: str) -> object:
        match = matcher.understand(text)
        if not match.understood or match.intent in (*ESCALATIONS, "Unsure"):
            return None
        return meaning_of(match)

    return means


def offer_with(matcher: Matcher) -> Callable[[str, str], bool]:
    """Would the coach ask whether free words' request was meant (`offered_as`), the grammar's
    `words` for the utterance ("" if it passed none on), read as a loose string, asking nothing
    and carrying no concern (voice.hearing.free_listening `offered`)?"""
    from intents.types import UNSURE

    def offer(text: str, words: str) -> bool:
        if words:
            loose = heard_as(matcher, words, whole=False)
            if loose.understood or loose.intent == UNSURE or loose.concern:
                return False
        return offered_as(matcher, text).intent == UNSURE

    return offer


ASK_FLOOR = 0.8
"""The matcher's least confidence in free words' request for the coach to ask about it: on the
spoken blind dev requests (bench voices) 34 of 49 questions from 0.8 named the right request, 6
of 15 below; Moonshine's "but when there is lovely to day" for "the weather is lovely today"
reads 0.79 how long this lasts (bench/results/spoken_asking.md)."""


def read_heard(
    matcher: Matcher, text: str, whole: bool, freely: bool, gravely: bool, offered: bool
) -> Match:
    """What was heard, as the coach reads it: `heard_as`, or a question about it (`offered_as`)
    when it was passed on only to be asked about (an early decision's question may linger
    beside words passed on otherwise: those first)."""
    if offered and not (whole or freely or gravely):
        return offered_as(matcher, text)
    return heard_as(matcher, text, whole, freely, gravely)


def offered_as(matcher: Matcher, text: str) -> Match:
    """Free words passed on to be asked about, read whole: an Unsure with their one meaning as
    the option ("Do you want to hear how long to ice it?"; yes acts, no leaves it) when it is
    one the coach can name in a question (intents.statistical.ASKABLE: never a warning sign,
    yes, no, stop or goodbye; a time amount only when said), else Unknown. Never about a timer
    by a name of the user's own: one decoder's names were mostly mishearings ("the dice timer",
    "the power timer")."""
    from intents.guessed_slots import KINDS, NEEDS_DURATION
    from intents.statistical import ASKABLE
    from intents.types import UNSURE
    from intents.types import Match as Matched

    match = matcher.understand(text)
    askable = match.intent in ASKABLE and not match.concern and match.confidence >= ASK_FLOOR
    own_name = match.slots.get("timer", "timer") not in (*KINDS, "timer")
    if (
        not askable
        or own_name
        or (match.intent in NEEDS_DURATION and "duration" not in match.slots)
    ):
        return Matched.unknown(text)
    return Matched(text, UNSURE, {}, match.confidence, alternatives=(match,))


def warns_with(matcher: Matcher) -> Callable[[str], bool]:
    """Does free text (an open-vocabulary decode's words) hold a warning sign the safety lexicon
    reads (the matcher without the statistical layer's guesses)? The safety net reads free words
    only where two decoders agree (voice.hearing.free_listening)."""
    from intents.warning_match import ESCALATIONS

    return lambda text: matcher.understand(text, generalise=False).intent in ESCALATIONS


def net_with(matcher: Matcher) -> Callable[[str], bool]:
    """Does the safety net (intents.safety_net) read a sign in free text? Asked of the free
    decodes' words only, beside the grammar's (voice.hearing.free_listening)."""
    return lambda text: matcher.net(text) is not None


def grave_with(matcher: Matcher) -> Callable[[str, str, bool], bool]:
    """Are free words graver than the grammar's `words` for the same utterance (`whole`: a
    sentence of ours; "": the grammar passed nothing on)? Have they a word of life and death
    (intents.fuzzy.GRAVE_WORDS: "die", "dying", "dead", "kill"...), and, read as words the
    warning-sign pass passed on (`heard_as`, `gravely`: one decoder's words, not the safety
    net's to escalate), do they escalate or carry the emergency concern while the grammar's
    words, read as the coach reads them, do neither? ("i don't want to die", the grammar's "i
    don't want the ice": "If this is an emergency, call emergency services now".)
    Only those words: our sentences hardly say them, so the grammar cannot hear them, while it
    can hear "chest", "breathe" or "pills", and one decoder's words with those were mostly
    mishearings of harmless talk ("breathe in, hold for four"; "i did it doing back stroke"):
    on the spoken dev sets the wider rule told 13 of 504 harmless utterances to call emergency
    services if it was one, for 4 of 432 warning signs (bench/results/graver_words.md)."""
    from intents.fuzzy import GRAVE_WORDS

    def grave(text: str, words: str, whole: bool) -> bool:
        if GRAVE_WORDS.isdisjoint(text.split()):
            return False
        if _grave(heard_as(matcher, words, whole)):
            return False
        return _grave(heard_as(matcher, text, whole=False, gravely=True))

    return grave


def other_action_with(matcher: Matcher) -> Callable[[str, list[str]], bool]:
    """Is the grammar's `words` a timer command (intents.action_words.TIMER_ACTIONS) whose verb
    or amount a free decode says otherwise (voice.hearing.free_agreement's `other_action`: the
    commands a verb names, intents.action_words.named_by; a number's value)? Measured on the
    spoken blind dev requests (bench/results/graver_words.md)."""
    from intents.action_words import TIMER_ACTIONS, named_by
    from intents.quantities import read_integer
    from voice.hearing.free_agreement import other_action

    def names(words: list[str]) -> frozenset[str]:
        tokens, found, i = tuple(words), set(), 0
        while i < len(tokens):
            number = read_integer(tokens, i)  # "twenty five" is 25, as "25" is
            found |= (
                {f"number:{number[0]}"} if number else {f"verb:{c}" for c in named_by(tokens[i])}
            )
            i = number[1] if number else i + 1
        return frozenset(found)

    def doubted(words: str, free: list[str]) -> bool:  # the words first: the matcher costs more
        if not free or not other_action(words, free, names):
            return False
        return matcher.understand(words).intent in TIMER_ACTIONS

    return doubted


def _grave(match: Match) -> bool:
    from intents.types import EMERGENCY_CONCERN
    from intents.warning_match import ESCALATIONS

    return match.intent in ESCALATIONS or match.concern == EMERGENCY_CONCERN


def heard_as(
    matcher: Matcher, text: str, whole: bool, freely: bool = False, gravely: bool = False
) -> Match:
    """The statistical layer only for a whole sentence of the recognizer's phrase list; a loose
    string of words is matched as a template or a near miss of one, or not at all. Words its
    warning-sign pass passed on (`freely`: an open-vocabulary decode's) are read by the safety
    net too (`Matcher.net`), never the grammar's loose strings: those say our words ("numb",
    "floppy") where nobody did, and the net took them for signs (bench/results/sign_model.md);
    if the net escalates nothing, they may still carry a concern (`Matcher.concerned`). Words
    passed on `gravely` (one free decode's, graver than the grammar's: `grave_with`) may carry
    the concern, never the net's escalation: one decoder's words alone were taken for signs
    nobody said ("i breathe and find" for "i'm breathing fine")."""
    match = matcher.understand(text, generalise=whole)
    if whole or match.understood or not (freely or gravely):
        return match
    return (None if gravely and not freely else matcher.net(text)) or matcher.concerned(text)


def meaning_of(match: Any) -> tuple[str, list[tuple[str, str]]]:
    """What a match would do: its intent and slots (two sentences that mean the same)."""
    return match.intent, sorted((k, str(v)) for k, v in match.slots.items())
