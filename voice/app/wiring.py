"""The one composition root: builds the coach with its real parts (replies, episode store, timer
desk) and the recognizer with its model from the settings. Text mode, live mode and `parse
--wav` share it so all run the same coach and the same recognizer."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from intents.errors import TemplateError
from intents.matcher import Matcher, Sources, load_matcher
from intents.replies import Replies
from intents.types import Match
from voice.app.sayable import sayable_examples
from voice.app.settings import Settings, custom_sentences_folder
from voice.coach.attention import Attention
from voice.coach.coach import Coach
from voice.coach.episode import EpisodeStore
from voice.hearing.cleanup import CleanupSettings
from voice.hearing.matcher_wiring import read_heard, recognizer_with_matcher, warns_with
from voice.hearing.recognizer_settings import RecognizerSettings
from voice.hearing.speech_recognizer import SpeechRecognizer
from voice.hearing.vocabulary import check_vocabulary
from voice.timers.desk import TimerDesk


@dataclass
class CoachParts:
    coach: Coach
    store: EpisodeStore
    desk: TimerDesk

    def close(self) -> None:
        self.store.close()


def build_coach(
    settings: Settings, replies: Replies | None = None, attention: Attention | None = None
) -> CoachParts:
    """Open the episode store in `settings.state_dir` (StateError if unusable) and wire the
    coach to a timer desk that saves into it. `attention`: what it lets pass (default: what a
    microphone in a room needs, voice.coach.attention)."""
    replies = replies if replies is not None else Replies.load()
    store = EpisodeStore(settings.state_dir)
    desk = TimerDesk(
        replies,
        store,
        hold_seconds=settings.hold_seconds,
        reps=settings.reps,
        rest_seconds=settings.rest_seconds,
        ice_seconds=settings.ice_seconds,
    )
    try:
        coach = Coach(replies, store, desk, attention)
    except Exception:
        store.close()
        raise
    return CoachParts(coach, store, desk)


def build_recognizer(
    settings: Settings, recognizer: RecognizerSettings | None = None
) -> SpeechRecognizer:
    """Resolve, check and load the models, and build the recognizer `settings.recognizer`
    names for our sentences (the templates' and the example phrasings the matcher understands,
    so what is understood typed can be said). ModelError (one line with the fix) if any of it
    fails.
    - vosk: Vosk constrained to our sentences; what is no sentence of ours is transcribed
      freely by Moonshine and kept if it holds a warning sign;
    - moonshine: Moonshine constrained to our sentences, with the same free pass;
    - both: as vosk (the same warning-sign pass), and Moonshine constrained to our sentences is
      a second witness for commands (voice.hearing.fusion).
    """
    from voice.hearing.fusion import confirmed_by
    from voice.hearing.moonshine_model import MoonshineModel
    from voice.hearing.moonshine_recognizer import MoonshineRecognizer, free_words
    from voice.hearing.word_graph import WordGraph

    # The models load on helper threads (Vosk's and ONNX Runtime's native code lets go of the
    # GIL) while this thread reads the templates: on two cores the waits overlap.
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="model-load") as loading:
        neural_loaded = loading.submit(MoonshineModel, size=settings.moonshine_model)
        vosk_loaded = None
        if settings.recognizer != "moonshine":
            vosk_loaded = loading.submit(_vosk_model, settings)
        sources = sources_for(settings)
        matcher = load_matcher(sources)
        phrases = [text for _, text in matcher.grammar.sentences()]
        neural = neural_loaded.result()
        path, model = vosk_loaded.result() if vosk_loaded is not None else (None, None)
    meaning, warns = meaning_with(matcher), warns_with(matcher)
    composed = matcher.grammar.composed  # templates too big to list, as hassil parsed them
    intents = composed.intents if composed is not None else None
    if model is None:
        phrases += sayable_examples(None, matcher, sources)
        graph = WordGraph.build(phrases, intents)
        return MoonshineRecognizer(neural, graph, warns=warns, meaning=meaning)
    check_vocabulary(model, phrases)
    phrases += sayable_examples(model, matcher, sources, path)
    cleanup = CleanupSettings(settings.noise_suppression, settings.auto_gain)
    recognizer = replace(recognizer or RecognizerSettings(), cleanup=cleanup)
    if settings.recognizer == "both":
        graph = WordGraph.build(phrases, intents)
        confirming = MoonshineRecognizer(neural, graph, warns=warns, meaning=meaning)
        verify = confirmed_by(confirming, meaning, warns)
    else:
        verify = None
    return recognizer_with_matcher(
        model, phrases, recognizer, matcher, free_words(neural), verify=verify
    )


def _vosk_model(settings: Settings) -> tuple[Path, Any]:
    """The Vosk model's folder, checked (once per folder: voice.hearing.model_check_record),
    and the model loaded from it."""
    from voice.hearing.models import check_model, load_model, resolve_model_path

    path = check_model(resolve_model_path(settings.model_path, Settings.env_model()))
    return path, load_model(path, checked=True)


WARM_UP = ("my back locked up", "my back is killing me and i do not know what to do")
"""A template sentence and one no template lists (it reaches the statistical layer)."""


def warm_up(matcher: Matcher) -> threading.Thread:
    """What the matcher reads at its first sentences (the symptom lexicon, the statistical
    layer's model: about 0.9 s here), read on a helper thread once the coach listens, so the
    first thing said is not answered that much later."""

    def read() -> None:
        if matcher.statistical is not None:
            matcher.statistical.load()  # both models: the safety net's too
        for text in WARM_UP:
            matcher.understand(text)
            matcher.understand(text, generalise=False)

    thread = threading.Thread(target=read, name="understanding-warm-up", daemon=True)
    thread.start()
    return thread


def meaning_with(matcher: Matcher) -> Callable[[str], object]:
    """What a sentence of ours would do: its intent and slots."""
    from voice.hearing.matcher_wiring import meaning_of

    return lambda text: meaning_of(matcher.understand(text))


def sources_for(settings: Settings) -> Sources:
    """Which sentences this run understands: `--templates DIR` alone, or the built-in ones
    plus the user's own (`custom_sentences_dir`, default the config folder's `sentences/`)."""
    if settings.templates_dir is not None:
        return Sources(templates=_yaml_files(settings.templates_dir))
    folder = settings.custom_sentences_dir or custom_sentences_folder()
    return Sources(custom=_yaml_files(folder) if folder.is_dir() else ())


def _yaml_files(folder: Path) -> tuple[Path, ...]:
    if not folder.is_dir():
        raise TemplateError(f"{folder}: no such folder of template files")
    files = tuple(sorted(folder.glob("*.yaml")))
    if not files:
        raise TemplateError(f"{folder}: no template files (*.yaml) in it")
    return files


def understand_speech(recognizer: SpeechRecognizer, matcher: Matcher) -> Callable[[str], Match]:
    """What was heard, understood (voice.hearing.matcher_wiring.read_heard): read whole if a
    sentence of ours or words two decoders asked the same with; one decoder's request passed
    on to be asked about, as a question (`offered_as`)."""
    return lambda text: read_heard(
        matcher,
        text,
        recognizer.is_sentence(text) or recognizer.heard_agreed(text),
        recognizer.heard_freely(text),
        recognizer.heard_gravely(text),
        recognizer.heard_offered(text),
    )
