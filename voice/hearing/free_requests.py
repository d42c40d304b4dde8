"""The free pass's rules for requests (voice.hearing.free_listening's other half: warning signs):
two decoders that ask the same of the coach are read whole (`agreed`), and where only one heard
a request the coach asks whether it was meant (`offered`)."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from voice.events import Heard
from voice.hearing.vocabulary import normalize

if TYPE_CHECKING:
    from voice.hearing.free_listening import FreeListening

log = logging.getLogger("voice.hearing.free_listening")

ASK_SURE = 0.9
"""Vosk's mean word confidence in the grammar's words for the coach to ask about them alone
(`offered`): on the spoken blind dev requests (bench voices) 42 of 52 such questions named the
right request; the room talk of 300 utterances got 3 (bench/results/spoken_asking.md)."""


class RequestRules:
    """`FreeListening`'s request rules, on its readers (`means`, `offer`) and this utterance's
    free decodes (`heard`)."""

    heard: list[str]
    _on: bool
    _confidence: float
    _means: Callable[[str], object] | None
    _offer: Callable[[str, str], bool] | None
    _agreed: deque[str]
    _offered: deque[str]

    def agreed(self, words: str, at: float) -> list[Heard]:
        """The grammar's `words` (two words or more, no sentence of ours, or dropped), passed on
        to be read whole when the first free decode (Moonshine's) asks the same of the coach
        (`FreeReaders.means`: the same intent and slots): two decoders heard one request. Read
        as a loose string, "should i see a doctor about my neck" was no request, though both
        heard it word for word: the statistical layer reads only our sentences, since the
        grammar says our words where nobody did. On the spoken blind dev requests (600
        sentences, bench voices) 91 more were right clean and 35 at 10 dB, for 1 more wrong
        action each, and nothing changed on room talk (bench/free_pass_replay.py)."""
        if self._means is None or not self._on or len(words.split()) < 2 or not self.heard:
            return []
        meaning = self._means(words)
        if meaning is None or meaning != self._means(self.heard[0]):
            return []
        log.info("the grammar's words and a free decode's ask the same: %r", words)
        self._agreed.append(normalize(words))
        return [Heard(text=words, confidence=self._confidence, at=at)]

    def offered(
        self, words: str, dropped: bool, at: float, confidences: Sequence[float] = ()
    ) -> list[Heard]:
        """Words passed on to be asked about ("Do you want to hear how long to ice it?") when
        the grammar's `words` for the utterance (`dropped`, or a loose string) ask nothing of
        the coach and carry no concern, and these, read whole, ask something it can name in a
        question (`FreeReaders.offer`): the first free decode (Moonshine's), else the grammar's
        own words when Vosk was sure of them (`ASK_SURE`; dropped as too short or too long for
        a loose string, "stop the stretch routine"). Never acted on unasked: one decoder's
        words alone were often another request; but "Sorry, I didn't catch that" is all the
        person heard when one of them had their request word for word."""
        if self._offer is None or not self._on or self.passed_agreed(words):
            return []  # (agreed on at a pause, the same words are read whole: `agreed`)
        acted = "" if dropped else words
        said = words.split()
        sure = len(said) >= 2 and len(confidences) == len(said)
        sure = sure and sum(confidences) / len(said) >= ASK_SURE
        for text in [*self.heard[:1], *([words] if sure else [])]:
            if len(text.split()) >= 2 and self._offer(text, acted):  # one word: short_answers
                log.info("asking about words one decoder heard: %r", text)
                self._offered.append(normalize(text))
                return [Heard(text=text, confidence=self._confidence, at=at)]
        return []

    def passed_offered(self, text: str) -> bool:
        """Was `text` passed on by `offered` lately (to be asked about)?"""
        return normalize(text) in self._offered

    def passed_agreed(self, text: str) -> bool:
        """Was `text` passed on by `agreed` lately (to be read whole)?"""
        return normalize(text) in self._agreed


class PassedByFreePass:
    """A recognizer's answers about what its free pass (`_freely`, a `FreeListening`) passed on
    lately (voice.hearing.speech_recognizer.SpeechRecognizer's `heard_*`)."""

    _freely: FreeListening

    def heard_freely(self, text: str) -> bool:
        return self._freely.passed_on(text)

    def heard_gravely(self, text: str) -> bool:
        return self._freely.passed_gravely(text)

    def heard_agreed(self, text: str) -> bool:
        return self._freely.passed_agreed(text)

    def heard_offered(self, text: str) -> bool:
        return self._freely.passed_offered(text)
