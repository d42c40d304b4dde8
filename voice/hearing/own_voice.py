"""What the coach's own voice sounds like to its recognizer, and the small recognizers that
listen over it (voice.hearing.listener): words a result must not be made of alone, the
phrases that count over the voice, and the energies double talk is judged by."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable

import numpy as np

from voice.hearing.cleanup import CleanupSettings
from voice.hearing.recognizer import Recognizer
from voice.hearing.recognizer_settings import RecognizerSettings
from voice.hearing.speech_recognizer import SpeechRecognizer

log = logging.getLogger(__name__)

STOP_WORDS = frozenset({"stop", "quiet", "enough"})
"""Without an echo canceller, the only words that count over the coach's voice."""
_FUNCTION = "a an the i i'm me my you your it it's is are am be do does did to of in on at for"
FUNCTION_WORDS = frozenset(f"{_FUNCTION} and or so this that what how can please just now".split())
"""Words that say nothing about whose voice it was (every sentence has some)."""


VAGUE_WORDS = FUNCTION_WORDS | frozenset(
    ["feel", "feels", "feeling", "felt", "got", "have", "has", "getting", "really", "very", "bit"]
    + ["also", "plus", "too", "then"]
)
"""Words that say nothing about whose voice it was in a short result: its own "...tingling or
weakness, tell me" came back over the coach's voice as "feel weak" (a live test, under load);
its "If you notice numbness" as "plus numbness", a sentence of ours ("and/also/plus" a
symptom), escalated (a fresh-clone run of 8bae9ae)."""


def words_in(text: str) -> list[str]:
    """`text`'s words, lower case, as the coach's own are compared (letters and apostrophes)."""
    return re.findall(r"[a-z']+", text.lower())


def echo_of(heard: str, said: str) -> bool:
    """Is `heard` made only of the coach's own words (`said`)? Compared by content word, a
    word the coach said or one sharing its stem ("weak" for "weakness", "tingly" for
    "tingling"): a result whose every content word the coach said is taken as its echo."""
    spoken = set(words_in(said))
    words = [w for w in words_in(heard) if w not in VAGUE_WORDS] or words_in(heard)
    return bool(words) and all(w in spoken or _stem_said(w, spoken) for w in words)


NEGATIONS = frozenset({"no", "not", "never", "nothing", "none", "without", "cannot"})
"""Words kept by `not_said` whoever said them: without them what is left says the opposite."""


def not_said(heard: str, said: str) -> str:
    """`heard` without the content words the coach said (`said`): what is left that the
    coach's voice cannot have made. Vague words (`VAGUE_WORDS`) and negations stay, so what is
    left reads as its speaker meant it; so do words that only share a stem with the coach's
    ("pain" after its "painful"). The main recognizer, hearing a sign said over the coach's
    voice, hears the voice's words around it, misheard ("as pasmism is all tightening ... if
    you notice numbness"): not all of them the coach's, yet its warning sign all the coach's."""
    spoken = set(words_in(said))
    return " ".join(
        word
        for word in words_in(heard)
        if word not in spoken or word in VAGUE_WORDS or word in NEGATIONS or word.endswith("n't")
    )


def _stem_said(word: str, spoken: set[str]) -> bool:
    """Did the coach say a word sharing `word`'s stem: a common start of at least four
    letters, most of the shorter word?"""
    return any(
        (shared := len(os.path.commonprefix([word, said]))) >= 4
        and shared >= 0.6 * min(len(word), len(said))
        for said in spoken
    )


def spotter_recognizer(main: Recognizer, phrases: list[str]) -> Recognizer:
    """A second recognizer on the same model that knows only `phrases` (the sentences of
    `SPOTTED` intents) and "[unk]" for everything else, such as what is left of the coach's
    own voice. No clean-up: its gain would raise that residue too."""
    settings = RecognizerSettings(
        alternatives=0,
        min_confidence=0.6,
        min_sentence_confidence=0.6,
        cleanup=CleanupSettings(noise_suppression=0, auto_gain=0),
    )
    return Recognizer(main.model, phrases, settings)


CONFIRM_WINDOW = 8.0
"""Seconds of what the stopper heard that are kept (half duplex): a warning sign it heard over
the coach's voice is heard again by the main recognizer before it counts (`confirmed`), from
`CONFIRM_LEAD` + `CONFIRM_PER_WORD` a word before its final."""
CONFIRM_LEAD, CONFIRM_PER_WORD = 1.5, 0.5
"""Seconds of it heard again: the silence that ended the utterance and a margin, and a
generous time per word (the stopper, listening to the coach's voice too, thinks speech began
when the coach's did: no start to go by)."""
STOP_ALONE = 2
"""Words at most in a stop phrase that acts at once, unconfirmed ("stop", "stop talking",
"that's enough"); a longer one ("stop it hurts", heard in the coach's own voice live) is
confirmed like a warning sign."""


def confirmed(
    main: SpeechRecognizer,
    audio: bytes,
    at: float,
    text: str,
    alike: Callable[[str], bool] | None = None,
) -> bool:
    """Does the main recognizer, hearing `audio` (the utterance a small recognizer heard as
    `text` over the coach's voice) afresh, hear the same words, or words `alike` says mean the
    same kind of thing (a warning sign as well, not in the coach's own words)? Its grammar is
    ours whole, so the coach's voice half-cancelled, which the small one turned into one of its
    few sentences ("wet myself", "pissed myself": bench/duplex.py's control, 2 in 9 minutes),
    comes out of it as other words. What it decoded counts too where its gates dropped that
    (`decoded`), if `text`'s words (`in_a_row`) come in it in a row: the coach's voice heard
    with a sign made a string around it too long to keep ("lie on your back with i have chest
    pain for a few"). Not `alike` there: the coach's voice alone came out of it with a sign
    now and then ("... it is painful on frightening badly tingling this with ..."). Leaves
    `main` reset."""
    main.reset()
    heard = [h.text for h in [*main.feed(audio, at), *main.finish(at)] if h.final and h.text]
    decoded = [words for words in main.decoded if words and words not in heard]
    main.reset()
    words = set(text.split())
    if any(words <= set(said.split()) for said in heard):
        return True
    run = in_a_row(text)
    if run and any(f" {run} " in f" {said} " for said in decoded):
        log.info("confirming %r: the main recognizer decoded it in %r", text, decoded)
        return True
    confirms = alike is not None and any(alike(said) for said in heard)
    log.info("confirming %r: the main recognizer heard %r, decoded %r (%s)", text, heard,
             decoded, confirms)  # fmt: skip
    return confirms


def in_a_row(text: str) -> str:
    """The words of `text` a decoded string must hold in a row to confirm it: from its first
    word that says something ("can't breathe", "leg is numb"); "" if under two words."""
    words = text.split()
    while words and words[0] in FUNCTION_WORDS:
        words = words[1:]
    return " ".join(words) if len(words) >= 2 else ""


PIECE = 512
"""Samples (32 ms) the double-talk counts are kept in, whatever the microphone's block."""


def pieces(chunk: bytes, cleaned: bytes, at: float) -> list[tuple[bytes, bytes, float]]:
    """`chunk` and its echo-cancelled `cleaned` in `PIECE`-sample pieces (the cleaned signal
    split alike: it lags by under a canceller frame), each with the time it ended."""
    count = max(1, len(chunk) // (2 * PIECE))
    if count == 1:
        return [(chunk, cleaned, at)]
    raw = np.array_split(np.frombuffer(chunk, dtype=np.int16), count)
    clean = np.array_split(np.frombuffer(cleaned, dtype=np.int16), count)
    step = PIECE / 16000
    return [
        (r.tobytes(), c.tobytes(), at - (count - 1 - i) * step)
        for i, (r, c) in enumerate(zip(raw, clean, strict=True))
    ]


def energy(chunk: bytes) -> float:
    return float(np.sum(np.frombuffer(chunk, dtype=np.int16).astype(np.float64) ** 2))
