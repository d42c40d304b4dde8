"""Deciding at a pause, before the end of speech is sure (RecognizerSettings.decide_early).

Vosk's partial result lags the audio by up to ~0.2 s (it decodes in chunks), so when the words
end the partial often lacks the last word ("what can i take for the" for "... the pain") or is
a word string that the final result, its N-best list or the second pass turn into a sentence
("how long do i is it" -> "how long do i ice it"). The end of speech then waited the long
silence (0.4 or 0.6 s) meant for requests that go on, and only then was the utterance decided
(Vosk's final result, Moonshine's free pass on every utterance, the second pass: 40-90 ms).

So at a short pause the recognizer decides the utterance so far as if it had ended, and keeps
the decision:
- its words are a sentence no sentence of ours goes on from: it acts at once;
- otherwise it acts, with nothing left to compute, when the pause has lasted as long as the
  end of speech waits for those words (voice.hearing.endpoint: 0.4 s for a whole sentence that
  goes on to another meaning, 0.6 s for anything else), as before;
- speech goes on first: the decision is forgotten, and both decoders (which finished at the
  pause) hear the utterance again from its start, so it is heard whole, as before.
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
    complete: bool
    """Its words (else the partial's) are a whole request..."""
    final: bool
    """... that no sentence of ours goes on from to say something else."""
    dropped: int
    """How many finals the recognizer had dropped before it (its own drop is forgotten with
    it)."""
    voiced: int
    """The voice detector's `last_voiced` when it was made: speech after it forgets it."""

    def acted(self, at: float) -> list[Heard]:
        return [replace(h, at=at) for h in self.heard]


def pausing(endpoint: EndOfSpeech, after: float | None) -> bool:
    """Has speech paused for `after` seconds (None: never decide early)?"""
    return after is not None and endpoint.in_speech and endpoint.trailing_silence >= after


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
    _endpoint: EndOfSpeech
    _audio: UtteranceAudio
    _rec: Any
    _nbest: Any
    _partial: str

    def _decision(self, raw: str, alternatives: Alternatives, at: float) -> list[Heard]:
        raise NotImplementedError

    def _is_complete(self, partial: str) -> tuple[bool, bool]:
        raise NotImplementedError

    def _decide_early(self, complete: bool, final: bool, at: float) -> list[Heard]:
        """A pause: decide the words so far now; they, not the lagging partial, then say how
        long the pause must last."""
        dropped, self._partial = len(self.dropped), ""
        heard = self._decision(self._rec.FinalResult(), Alternatives(self._nbest), at)
        if heard:
            complete, final = self._is_complete(normalize(heard[0].text))
        voiced = self._endpoint.last_voiced
        self._early = EarlyDecision(tuple(heard), complete, final, dropped, voiced)
        if final and self._endpoint.trailing_silence >= self.settings.endpoint.final_silence:
            self._endpoint.reset()
            return self._act_early(at)
        return []

    def _after_early(self, chunk: bytes, at: float) -> list[Heard]:
        early = self._early
        assert early is not None
        if self._endpoint.feed(chunk, complete=early.complete, final=early.final) is not None:
            return self._act_early(at)
        if speech_went_on(self._endpoint, early.voiced):
            self._early = None
            del self.dropped[early.dropped :]
            hear_again((self._rec, self._nbest), self._audio.fed)
        return []

    def _act_early(self, at: float) -> list[Heard]:
        early, self._early = self._early, None
        self._audio.clear()
        return early.acted(at) if early is not None else []
