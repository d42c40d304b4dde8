"""The recognizer wired to our matcher (voice.hearing.recognizer knows only callables): what
its rescue, second pass and short answers ask, answered by intents.matcher. The product's
wiring (voice.app.wiring) and the benchmarks build it here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from voice.events import Heard
from voice.hearing.recognizer import Recognizer
from voice.hearing.recognizer_settings import RecognizerSettings

if TYPE_CHECKING:
    from intents.matcher import Matcher


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
    from intents.warning_match import ESCALATIONS

    matcher = matcher or load_matcher()
    return Recognizer(
        model,
        phrases,
        settings,
        understands=lambda text: matcher.understand(text).understood,
        urgent=lambda text: matcher.understand(text).intent in ESCALATIONS,
        warns=warns_with(matcher),
        net=net_with(matcher),  # on the free decodes' words only
        free_words=free_words,
        verify=verify,
        reads=lambda text: meaning_of(matcher.understand(text)),  # a whole sentence: generalise
        whole=(lambda text: matcher.read_unlisted(text) is not None)
        if matcher.grammar.composed is not None
        else None,
    )


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


def meaning_of(match: Any) -> tuple[str, list[tuple[str, str]]]:
    """What a match would do: its intent and slots (two sentences that mean the same)."""
    return match.intent, sorted((k, str(v)) for k, v in match.slots.items())
