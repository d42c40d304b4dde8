"""Vosk constrained by our grammar, with word confidences and our own end of speech.

Feed 16 kHz mono int16 chunks to `Recognizer.feed(chunk, at)`; it returns `Heard` events:
partial ones while words come in, and one final per utterance. A final is dropped (never
reaches the matcher) when it is mostly "[unk]" or its mean word confidence is too low: that is
speech not meant for us, or noise.

Vosk turns a phrase list into a bigram model, so with our ~17,000 sentences it can output word
strings that are no sentence of ours ("how long do i foot"). Two decoders run side by side on
the same audio: one gives the best path with word confidences, the other an N-best list; when
the best path is not one of our sentences (or not understood by the matcher) but a close
runner-up is, the runner-up wins. On 174 espeak-ng and flite clips this took intent accuracy
from 80 % to 87 %, at twice the decoding CPU (real-time factor 0.06 -> 0.14 on 2 cores).
"""

from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

from voice.events import Heard
from voice.hearing.alternatives import Alternatives, rescue
from voice.hearing.cleanup import AudioCleanup, CleanupAroundSpeech
from voice.hearing.early import DecidesEarly, pausing
from voice.hearing.endpoint import EndOfSpeech
from voice.hearing.free_listening import FreeListening, FreeReaders
from voice.hearing.free_requests import PassedByFreePass
from voice.hearing.recognizer_settings import RecognizerSettings
from voice.hearing.second_pass import SecondPass, UtteranceAudio
from voice.hearing.sentence_ends import SentenceEnds
from voice.hearing.short_answers import ShortAnswers
from voice.hearing.speech_gate import SpeechGate
from voice.hearing.speech_recognizer import DROPPED_KEPT, UtteranceStream
from voice.hearing.transcript import Transcript
from voice.hearing.vocabulary import UNK, bigram_cover, normalize

log = logging.getLogger(__name__)

RATE = 16000


class Recognizer(PassedByFreePass, DecidesEarly, UtteranceStream):
    """One utterance stream. Not thread-safe: one listener thread feeds it."""

    def __init__(
        self,
        model: Any,
        phrases: Iterable[str],
        settings: RecognizerSettings | None = None,
        understands: Callable[[str], bool] | None = None,
        urgent: Callable[[str], bool] | None = None,
        free: FreeReaders | None = None,
        free_words: Callable[[bytes], str] | None = None,
        verify: Callable[[bytes, list[Heard]], list[Heard]] | None = None,
        whole: Callable[[str], bool] | None = None,
        reads: Callable[[str], tuple[str, object]] | None = None,
    ) -> None:
        """`understands(text)` (the matcher) widens the N-best rescue from whole grammar
        sentences to anything the matcher accepts ("yes please" with its filler). `whole(text)`
        says a text is a sentence of a template too big to list (`phrases` then holds only a
        sample of it: intents.composed). `reads(text)`: what a sentence means (the matcher's
        intent and slots), so a sentence that goes on only to say the same thing ("yes" ->
        "yes please") ends as soon as one that does not go on.
        The free pass (`free`: how it reads words, voice.hearing.free_listening) decodes the
        utterance freely when its words are no sentence of ours (the Vosk model's open
        vocabulary) for warning signs; `free_words(audio)`, a neural transcriber
        (Moonshine's free decode, ~0.1 s), is asked on every utterance as well: the grammar
        turns many paraphrases of a symptom into some sentence of ours. `verify(audio, heard)`
        has the last word on each utterance (voice.hearing.fusion: a second recognizer)."""
        import vosk

        self.settings = settings or RecognizerSettings()
        self.model = model
        sentences = sorted({normalize(p) for p in phrases if normalize(p)})
        self._complete = frozenset(sentences)
        self._understands = understands or (lambda text: False)
        self._whole = whole
        self._reads = reads
        self._urgent = urgent or (lambda text: False)
        self._freely = FreeListening(
            model, free, self.settings.listen_freely_for_warnings, self.settings.min_confidence
        )
        # Each free decode made once per utterance: the warning-sign pass and ShortAnswers ask
        self._neural_words = lru_cache(maxsize=1)(free_words) if free_words else None
        self._vosk_words = lru_cache(maxsize=1)(self._freely.vosk_words)
        decoders = [d for d in (self._neural_words, self._vosk_words) if d is not None]
        words = self.settings.short_answer_words
        self._short = ShortAnswers(reads, self.is_sentence, decoders, words) if reads else None
        self._verify = verify
        self._ends = SentenceEnds(sentences, self._is_whole, self._understands, reads)
        self._early = None  # decided at a pause (voice.hearing.early)
        decoded = bigram_cover(sentences) if self.settings.bigram_cover else sentences
        self._grammar = json.dumps([*decoded, UNK])
        self._rec = vosk.KaldiRecognizer(model, RATE, self._grammar)
        self._rec.SetWords(True)
        self._nbest: Any = None
        if self.settings.alternatives > 0:
            self._nbest = vosk.KaldiRecognizer(model, RATE, self._grammar)
            self._nbest.SetMaxAlternatives(self.settings.alternatives)
        self._endpoint = EndOfSpeech(self.settings.endpoint)
        self._second = (
            SecondPass(model, sentences, self.settings.second_pass)
            if self.settings.second_pass
            else None
        )
        self._audio = UtteranceAudio(self.settings.max_utterance)
        gate = self.settings.speech_gate
        self._gate = SpeechGate(gate) if gate is not None else None
        self._cleanup: AudioCleanup | None = None
        self._cleanup_at_speech: CleanupAroundSpeech | None = None
        self._start_cleanup()
        self._partial = ""
        self.dropped: list[Transcript] = []  # rejected finals, for tests and the log
        self._decoded: deque[str] = deque(maxlen=8)  # each utterance's best path since reset

    def is_sentence(self, text: str) -> bool:
        """Is `text` a whole sentence of ours (not a string of their words)?"""
        return self._is_whole(normalize(text))

    @property
    def decoded(self) -> Sequence[str]:
        return tuple(self._decoded)

    def _is_whole(self, text: str) -> bool:
        """`text` (normalized) is one of our sentences, listed or read by `whole`."""
        return text in self._complete or (
            bool(text) and self._whole is not None and self._whole(text)
        )

    def reset(self) -> None:
        """Forget the utterance in progress (e.g. the coach's own voice)."""
        self._rec.Reset()
        if self._nbest is not None:
            self._nbest.Reset()
        self._endpoint.reset()
        self._partial = ""
        self._early = None
        self._audio.clear()
        self._decoded.clear()
        if self._gate is not None:
            self._gate.reset()

    def restart(self) -> None:
        """A new recording: `reset`, and also start the clean-up afresh and align the voice
        detector's windows to the next sample, so a recording is heard the same whatever came
        before (`reset` alone keeps both: it is called whenever the coach has spoken)."""
        self.reset()
        self._endpoint.restart()
        self._start_cleanup()
        if self._gate is not None:
            self._gate = SpeechGate(self._gate.settings)

    def _start_cleanup(self) -> None:
        """A new clean-up (voice.hearing.cleanup): on every chunk, or, behind the speech gate,
        only on the audio it lets through (`around_speech_only`)."""
        settings = self.settings.cleanup
        cleanup = AudioCleanup(settings) if settings.active else None
        self._cleanup = cleanup
        at_speech = self._gate is not None and settings.around_speech_only
        self._cleanup_at_speech = CleanupAroundSpeech(cleanup) if cleanup and at_speech else None

    def feed(self, chunk: bytes, at: float = 0.0) -> list[Heard]:
        around_speech = self._cleanup_at_speech
        if around_speech is not None and self._gate is not None:
            chunk = around_speech.hear(chunk, closed=not self._gate.is_open)
            if around_speech.switched:  # raw to cleaned or back: the gate's pre-roll too
                # (Its noise floor carries over: it falls at once to a quieter one, and a
                # louder one costs only CPU.)
                self._gate.rekeep(around_speech.before_switch)
        elif self._cleanup is not None:
            chunk = self._cleanup.process(chunk)
        if self._gate is None:
            return self._decode(chunk, at)
        was_open = self._gate.is_open
        audio = self._gate.feed(chunk, busy=self._endpoint.in_speech or bool(self._partial))
        if audio:
            if not was_open:  # windows on the stream's grid (voice.hearing.speech_gate)
                self._endpoint.restart()
            if around_speech is not None:
                audio = around_speech.decoded(audio, opening=not was_open)
            return self._decode(audio, at)
        if was_open:  # the gate just closed: what is pending ends here, as Vosk's end would
            return self.finish(at)
        return []

    def _decode(self, chunk: bytes, at: float) -> list[Heard]:
        out: list[Heard] = []
        self._audio.add(chunk)
        if self._early is not None:
            return self._after_early(chunk, at)
        nbest_done = self._nbest is not None and self._nbest.AcceptWaveform(chunk)
        if self._rec.AcceptWaveform(chunk):  # Vosk's own endpoint came first
            self._endpoint.feed(chunk)
            self._endpoint.reset()
            self._partial = ""
            return self._final(self._rec.Result(), Alternatives(self._nbest, nbest_done), at)
        partial = normalize(json.loads(self._rec.PartialResult()).get("partial", ""))
        if partial != self._partial:
            self._partial = partial
            if partial:
                out.append(Heard(text=partial, confidence=0.0, final=False, at=at))
        complete, final = self._is_complete(partial)
        if self._endpoint.feed(chunk, complete=complete, final=final) is not None:
            self._partial = ""
            out.extend(self._final(self._rec.FinalResult(), Alternatives(self._nbest), at))
        elif pausing(self._endpoint, self.settings.decide_early, self._tried):
            out.extend(self._decide_early(at))
        return out

    def finish(self, at: float = 0.0) -> list[Heard]:
        """End of input: whatever is pending becomes a final result."""
        self._endpoint.reset()
        self._partial = ""
        if self._early is not None:
            return self._act_early(at)
        return self._final(self._rec.FinalResult(), Alternatives(self._nbest), at)

    def _is_complete(self, partial: str) -> tuple[bool, bool]:
        """Are the words so far a whole request, and one no sentence goes on from to say
        something else? (voice.hearing.sentence_ends)"""
        return self._ends.judge(partial)

    def goes_on_to_other_meaning(self, words: str) -> bool:
        return self._ends.goes_on_to_other_meaning(words)

    def _final(self, raw: str, alternatives: Alternatives, at: float) -> list[Heard]:
        heard = self._decision(raw, alternatives, at)
        self._audio.clear()
        return heard

    def _decision(self, raw: str, alternatives: Alternatives, at: float) -> list[Heard]:
        lead = self.settings.second_pass.lead if self.settings.second_pass else 0.0
        audio = self._audio.since(self._endpoint.last_speech_start, lead)
        transcript = Transcript.from_vosk(json.loads(raw))
        self._decoded.append(transcript.text)
        heard = self._decide(transcript, alternatives, audio, at)
        return self._verify(audio, heard) if self._verify is not None else heard

    def _decide(
        self, transcript: Transcript, alternatives: Alternatives, audio: bytes, at: float
    ) -> list[Heard]:
        self._freely.forget()
        first = transcript.words  # the best path's
        try:
            if self._neural_words is not None:  # every utterance (see __init__)
                warned = self._freely.hear(audio, at, self._neural_words)
                if warned:
                    return warned
            if not transcript.words:
                return self._freely.hear(audio, at, self._vosk_words) or self._freely.graver(
                    "", False, at
                )
            accepts = (self._is_whole, self._understands)
            transcript = rescue(transcript, alternatives, accepts, self.settings.rescue_margin)
            rescued = transcript.words
            if self._second is not None and not self._is_whole(transcript.text):
                alts = alternatives.get()
                transcript = self._second.revise(transcript, alts, audio, self._urgent)
        finally:
            alternatives.done()
        whole = self._is_whole(transcript.text)
        reason = transcript.why_dropped(whole, self.settings)
        if reason is not None or not whole or self._freely.second_opinion():
            warned = self._freely.hear(audio, at, self._vosk_words) or self._freely.confirms(
                " ".join(transcript.words), at, transcript.confidences
            )
            if warned:
                return warned
        short = self._short  # a warning sign is not short: the rules above decide it
        if short and short.applies(transcript.text) and not self._urgent(transcript.text):
            alone = reason is None and transcript.words == rescued  # not the second pass's
            transcript, reason = short.decide(transcript, alone, audio, first)
        if reason is None and self._freely.doubts(transcript.text):
            reason = "a free decode names another action"
        whole = reason is None and self._is_whole(transcript.text)
        graver = self._freely.graver(transcript.text if reason is None else "", whole, at)
        agreed = [] if graver or whole else self._freely.agreed(transcript.text, at)
        if graver or agreed:  # free words graver first; the grammar's read whole, if agreed
            return graver or agreed
        said, sure = transcript.text, transcript.confidences
        offered = [] if whole else self._freely.offered(said, reason is not None, at, sure)
        if offered:  # one decoder's request, to be asked about where the grammar's ask none
            return offered
        if reason is not None:
            log.info("dropped %r: %s", " ".join(transcript.words), reason)
            self.dropped.append(transcript)
            del self.dropped[:-DROPPED_KEPT]
            return []
        return [Heard(text=transcript.text, confidence=round(transcript.confidence, 3), at=at)]
