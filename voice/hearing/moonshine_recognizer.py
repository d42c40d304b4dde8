"""Moonshine constrained to our sentences: the neural recognizer, with the same streaming
interface as the Vosk one (`feed`, `finish`, `reset`, `restart`, `is_sentence`).

Moonshine is not a streaming model: the voice detector (`EndOfSpeech`) cuts utterances, and
each is decoded whole, twice from one encoding:
- freely (the model's own best words): if they hold a warning sign, that text is passed on,
  whatever our sentences say ("my toes feel all funny" is no sentence of ours);
- constrained to our sentences (`constrained_beam`), kept only when the sentence is not far
  less likely than the free words (the out-of-grammar gate): that is how it says "not for us".

At a short pause (`EndpointSettings.complete_silence`) the utterance so far is decoded on
trial; if it is a whole sentence no sentence of ours goes on from, it ends there; otherwise
the longer silence decides. Decoding a 2 s command takes ~0.1 s on 2 cores.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from voice.events import Heard
from voice.hearing.constrained_beam import constrained_decode
from voice.hearing.endpoint import EndOfSpeech, EndpointSettings
from voice.hearing.free_listening import PASSED_KEPT
from voice.hearing.moonshine_model import END, MoonshineModel, free_decode
from voice.hearing.second_pass import UtteranceAudio
from voice.hearing.sentence_tokens import SentenceTokens, words_of
from voice.hearing.speech_gate import GateSettings, SpeechGate
from voice.hearing.speech_recognizer import DROPPED_KEPT, UtteranceStream
from voice.hearing.word_graph import WordGraph

log = logging.getLogger(__name__)
RATE = 16000


@dataclass(frozen=True)
class MoonshineSettings:
    gate: float = 2.0
    """How much less likely (in nats, total log-probability) our best sentence may be than
    the model's free words before the speech counts as not meant for us..."""

    gate_per_token: float = 0.25
    """... plus this much per token of the sentence: a long order the model would freely write
    with digits ("8-ounce") differs from ours ("eight ounce") in more places than "yes" can."""

    min_token_logprob: float = -1.0
    """Our best sentence's mean log-probability per token below which it is not trusted, even
    when the free words are no likelier: on one-word clips the free words are often as wrong
    ("nine" heard as "no")."""

    min_lead: float = 1.0
    """How much likelier (nats) our best sentence must be than the best one that means
    something else (another intent, or other slots) before it acts: "now" (onset) against
    "no" is 0.3 apart on a real "no". Closer is dropped: asking again beats a wrong action.
    On half of Speech Commands (yes, no, stop, go, other words): wrong actions on "no"
    1.8 -> 0.4%, other words accepted 6.1 -> 4.3%, "no" right 95.5 -> 93.8%."""

    beam: int = 4
    lead: float = 0.25
    """Seconds of audio kept before the detected start of speech (the detector lags)."""

    max_utterance: float = 12.0
    min_audio: float = 0.3
    """Shorter than this (speech plus lead) is a click, not a word: not decoded."""

    endpoint: EndpointSettings = field(default_factory=EndpointSettings)

    speech_gate: GateSettings | None = field(default_factory=GateSettings)
    """Run the voice detector only around speech (voice.hearing.speech_gate; None: always)."""


@dataclass(frozen=True)
class Decision:
    """What one utterance was heard as. `text` empty: nothing for us."""

    text: str
    whole: bool  # a sentence of ours (constrained), not the free words
    free: str  # the model's own words
    margin: float  # free score minus our best sentence's (inf: none fitted)
    best: str = ""
    """Our most likely sentence whatever the gates said (empty: none fitted): on its own not
    to be acted on, but Vosk hearing the same meaning is a second witness (voice.hearing.fusion)."""


class MoonshineRecognizer(UtteranceStream):
    """One utterance stream. Not thread-safe: one listener thread feeds it."""

    def __init__(
        self,
        model: MoonshineModel,
        sentences: Iterable[str] | WordGraph,
        settings: MoonshineSettings | None = None,
        warns: Callable[[str], bool] | None = None,
        meaning: Callable[[str], object] | None = None,
    ) -> None:
        """`sentences`: ours, listed, or as a word graph (templates too big to list).
        `warns(text)`: the free words hold a warning sign. `meaning(text)`: what a sentence
        would do (intent and slots), to tell close sentences that mean the same from close
        ones that do not (default: the sentence itself)."""
        self.settings = settings or MoonshineSettings()
        self.model = model
        if not isinstance(sentences, WordGraph):
            sentences = WordGraph.build(sentences)
        self.graph = sentences
        self._tokens = SentenceTokens(sentences, model.vocabulary, END)
        self._warns = warns or (lambda text: False)
        self._meaning = meaning or (lambda text: text)
        self._endpoint = EndOfSpeech(self.settings.endpoint)
        self._audio = UtteranceAudio(self.settings.max_utterance)
        self._trial: Decision | None = None  # the decode at the current pause
        self._gate = (
            SpeechGate(self.settings.speech_gate) if self.settings.speech_gate is not None else None
        )
        self.dropped: list[Decision] = []
        self._passed: deque[str] = deque(maxlen=PASSED_KEPT)  # free words passed on

    def is_sentence(self, text: str) -> bool:
        return self.graph.accepts(text)

    def heard_freely(self, text: str) -> bool:
        return " ".join(words_of(text)) in self._passed

    def heard_gravely(self, text: str) -> bool:
        return False  # its free words are passed on only with a warning sign in them

    def heard_agreed(self, text: str) -> bool:
        return False  # it passes on only sentences of ours and free words with a warning sign

    def heard_offered(self, text: str) -> bool:
        return False  # (the same)

    @property
    def decoded(self) -> tuple[str, ...]:
        return ()  # what it decides is what it decoded: its finals say it all

    def reset(self) -> None:
        self._endpoint.reset()
        self._audio.clear()
        self._trial = None
        if self._gate is not None:
            self._gate.reset()

    def restart(self) -> None:
        self.reset()
        self._endpoint.restart()
        if self._gate is not None:
            self._gate = SpeechGate(self._gate.settings)

    def feed(self, chunk: bytes, at: float = 0.0) -> list[Heard]:
        if self._gate is not None:
            was_open = self._gate.is_open
            chunk = self._gate.feed(chunk, busy=self._endpoint.in_speech)
            if not chunk:  # shut; just shut: what is pending ends here
                return self.finish(at) if was_open else []
            if not was_open:  # windows on the stream's grid (voice.hearing.speech_gate)
                self._endpoint.restart()
        self._audio.add(chunk)
        if not self._endpoint.in_speech:
            self._trial = None
        elif self._endpoint.trailing_silence >= self.settings.endpoint.complete_silence:
            if self._trial is None:
                self._trial = self.decide(self._utterance())
        elif self._endpoint.trailing_silence == 0:
            self._trial = None  # speech went on after the pause
        trial = self._trial
        complete = trial is not None and trial.whole
        final = complete and trial is not None and not self._goes_on(trial.text)
        if self._endpoint.feed(chunk, complete=complete, final=final) is None:
            return []
        decision = trial if trial is not None and final else self.decide(self._utterance())
        return self._heard(decision, at)

    def finish(self, at: float = 0.0) -> list[Heard]:
        """End of input: whatever is pending becomes a final result."""
        started = self._endpoint.in_speech
        audio = self._utterance() if started else b""
        self.reset()
        return self._heard(self.decide(audio), at) if audio else []

    def _utterance(self) -> bytes:
        start = self._endpoint.speech_start
        if start is None:
            start = self._endpoint.last_speech_start
        return self._audio.since(start, self.settings.lead)

    def _heard(self, decision: Decision, at: float) -> list[Heard]:
        self._audio.clear()
        self._trial = None
        if not decision.text:
            if decision.free:
                log.info("dropped %r (margin %.1f)", decision.free, decision.margin)
                self.dropped.append(decision)
                del self.dropped[:-DROPPED_KEPT]
            return []
        confidence = 1.0 if not decision.whole else float(np.exp(-max(0.0, decision.margin) / 4))
        return [Heard(text=decision.text, confidence=round(confidence, 3), at=at)]

    def decide(self, audio: bytes) -> Decision:
        """Decode one utterance (16 kHz int16 bytes) freely and against our sentences."""
        samples = np.frombuffer(audio, dtype=np.int16)
        if len(samples) < self.settings.min_audio * RATE:
            return Decision("", False, "", float("inf"))
        padded_samples, hidden, free, free_score = encoded_freely(self.model, audio)
        free_words = " ".join(words_of(free))
        if free_words and self._warns(free_words):
            log.info("heard freely, a warning sign: %r", free_words)
            self._passed.append(free_words)
            return Decision(free_words, False, free_words, 0.0)
        ours = constrained_decode(
            self.model, hidden, padded_samples, self._tokens, beam=self.settings.beam
        )
        if not ours:
            return Decision("", False, free_words, float("inf"))
        best = ours[0]
        margin = free_score - best.score
        settings = self.settings
        gate = settings.gate + settings.gate_per_token * best.tokens
        if margin > gate or best.score / best.tokens < settings.min_token_logprob:
            return Decision("", False, free_words, margin, best.text)
        meant = self._meaning(best.text)
        for other in ours[1:]:
            if best.score - other.score >= settings.min_lead:
                break
            if self._meaning(other.text) != meant:
                log.info("dropped %r: %r is as likely", best.text, other.text)
                return Decision("", False, free_words, margin, best.text)
        return Decision(best.text, True, free_words, margin, best.text)

    def _goes_on(self, words: str) -> bool:
        """Does a sentence of ours start with these words and go on?"""
        node: int | None = 0
        for word in words.split():
            node = self.graph.children(node).get(word) if node is not None else None
        return node is not None and bool(self.graph.children(node))


def free_words(model: MoonshineModel) -> Callable[[bytes], str]:
    """The model's own words for one utterance (16 kHz int16 bytes), as our words."""

    def transcribe_freely(audio: bytes) -> str:
        _, _, text, _ = encoded_freely(model, audio)
        return " ".join(words_of(text))

    return transcribe_freely


@lru_cache(maxsize=1)
def encoded_freely(model: MoonshineModel, audio: bytes) -> tuple[int, np.ndarray, str, float]:
    """One utterance (16 kHz int16 bytes) padded with `_with_tail`: its length in samples, hidden
    states, and the model's own words with their log-probability. The last utterance's are kept,
    as voice.hearing.recognizer keeps its free decodes: with `--recognizer both` the warning-sign
    pass (`free_words`) and the second witness (`MoonshineRecognizer.decide`) get the same audio."""
    padded = _with_tail(np.frombuffer(audio, dtype=np.int16))
    hidden = model.encode(padded)
    text, score = free_decode(model, hidden, len(padded))
    return len(padded), hidden, text, score


def _with_tail(samples: np.ndarray) -> np.ndarray:
    """A tenth of a second of silence after the words (the model ends better on it)."""
    return np.concatenate([samples, np.zeros(RATE // 10, dtype=np.int16)])
