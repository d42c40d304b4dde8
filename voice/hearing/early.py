"""Deciding at a pause, before the end of speech is sure (RecognizerSettings.decide_early).

Vosk's partial result lags the audio by up to ~0.2 s (it decodes in chunks), so when the words
end the partial often lacks the last word ("what can i take for the" for "... the pain") or is
a word string that the final result, its N-best list or the second pass turn into a sentence
("how long do i is it" -> "how long do i ice it"). The end of speech then waited the long
silence (0.4 or 0.6 s) meant for requests that go on, and only then was the utterance decided
(Vosk's final result, Moonshine's free pass on every utterance, the second pass: 40-90 ms).

So at a short pause the recognizer decides the utterance so far as if it had ended:
- its words are a sentence no sentence of ours goes on from (voice.hearing.sentence_ends):
  the decision is kept, and acts when the pause reaches the short wait for such a sentence
  (`EndpointSettings.final_silence`), with nothing left to compute;
- anything else (a sentence that goes on, one word, a loose string, nothing kept, a warning
  sign heard freely, one decoder's request to ask about) is forgotten at once, and both
  decoders (which finished at the pause) hear the utterance again from its start: it is
  decided at the end of speech exactly as before.
  Kept, such decisions changed what was heard: decided on 0.1 s of silence instead of 0.6 s,
  Vosk was less sure of "area" in "i have numbness in my saddle area" and the warning sign
  was dropped (tests/integration/test_sure_warnings.py); one-word answers needing two decoders
  lost real "no"s and "stop"s (tests/hearing/test_short_answers.py);
- speech goes on before the short wait is over: the kept decision is forgotten the same way.
Until speech goes on again, no second decision is made in the same pause.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from voice.events import Heard
from voice.hearing.alternatives import Alternatives
from voice.hearing.endpoint import EndOfSpeech
from voice.hearing.second_pass import UtteranceAudio
from voice.hearing.vocabulary import normalize

if TYPE_CHECKING:
    from voice.hearing.recognizer_settings import RecognizerSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EarlyDecision:
    """What the utterance so far was decided to be at a pause."""

    heard: tuple[Heard, ...]
    """Its words: a sentence no sentence of ours goes on from to say something else."""
    voiced: int
    """The voice detector's `last_voiced` when it was made: speech after it forgets it."""

    def acted(self, at: float) -> list[Heard]:
        return [replace(h, at=at) for h in self.heard]


def pausing(endpoint: EndOfSpeech, after: float | None, tried: int) -> bool:
    """Has speech paused for `after` seconds (None: never decide early), with speech heard
    since the last early decision (made when the detector's `last_voiced` was `tried`)?"""
    paused = endpoint.in_speech and endpoint.last_voiced != tried
    return after is not None and paused and endpoint.trailing_silence >= after


def speech_went_on(endpoint: EndOfSpeech, voiced: int) -> bool:
    """Has speech been heard since `voiced` (a chunk may hold new words and a new pause)?"""
    return endpoint.last_voiced > voiced


def hear_again(decoders: Iterable[Any], pcm: bytes) -> None:
    """Start the Vosk decoders afresh on `pcm`, the audio fed since the last final result."""
    for decoder in decoders:
        if decoder is not None:
            decoder.Reset()
            if decoder.AcceptWaveform(pcm):  # its own end came within: as it would have
                log.debug("heard again, Vosk's own end of speech came before the pause")


class DecidesEarly:
    """The early decision of Vosk's `Recognizer` (voice/hearing/recognizer.py), which holds
    what is declared here."""

    settings: RecognizerSettings
    dropped: list[Any]
    _early: EarlyDecision | None
    _tried = -1  # the voice detector's `last_voiced` at the last early decision
    _endpoint: EndOfSpeech
    _audio: UtteranceAudio
    _rec: Any
    _nbest: Any
    _partial: str

    def _decision(self, raw: str, alternatives: Alternatives, at: float) -> list[Heard]:
        raise NotImplementedError

    def _is_complete(self, partial: str) -> tuple[bool, bool]:
        raise NotImplementedError

    def heard_offered(self, text: str) -> bool:
        raise NotImplementedError

    def _decide_early(self, at: float) -> list[Heard]:
        """A pause: decide the words so far now; kept only if they are a sentence no sentence
        goes on from, else forgotten and heard again."""
        dropped, self._partial = len(self.dropped), ""
        self._tried = voiced = self._endpoint.last_voiced
        heard = self._decision(self._rec.FinalResult(), Alternatives(self._nbest), at)
        asked = len(heard) == 1 and self.heard_offered(heard[0].text)  # one decoder's: the end
        if len(heard) != 1 or asked or self._is_complete(normalize(heard[0].text)) != (True, True):
            self._forget_early(dropped)
            return []
        self._early = EarlyDecision(tuple(heard), voiced)
        if self._endpoint.trailing_silence >= self.settings.endpoint.final_silence:
            self._endpoint.reset()
            return self._act_early(at)
        return []

    def _after_early(self, chunk: bytes, at: float) -> list[Heard]:
        early = self._early
        assert early is not None
        if self._endpoint.feed(chunk, complete=True, final=True) is not None:
            return self._act_early(at)
        if speech_went_on(self._endpoint, early.voiced):
            self._forget_early(len(self.dropped))
        return []

    def _forget_early(self, dropped: int) -> None:
        """Forget the early decision (and a drop it made): both decoders hear the utterance
        again from its start."""
        self._early = None
        del self.dropped[dropped:]
        hear_again((self._rec, self._nbest), self._audio.fed)

    def _act_early(self, at: float) -> list[Heard]:
        early, self._early = self._early, None
        self._audio.clear()
        return early.acted(at) if early is not None else []
