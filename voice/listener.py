"""Between the audio source and the session: half-duplex listening with barge-in.

While the coach speaks (and for `tail_guard` seconds after, while its echo dies away) what the
recognizer hears is not passed on, because laptop speakers reach the laptop microphone and the
coach must not answer itself. One exception: a barge-in word ("stop", "quiet", "enough") in a
partial or final result stops the speech at once, unless the coach is saying that very word
itself. When listening resumes the recognizer is reset so no echo leaks into the next result.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from voice.events import Event, Heard
from voice.recognizer import Recognizer

log = logging.getLogger(__name__)

BARGE_IN_WORDS = frozenset({"stop", "quiet", "enough"})


@dataclass(frozen=True)
class SpeechState:
    """How the listener sees the speaker: is it speaking, and what is it saying."""

    speaking: Callable[[], bool]
    saying: Callable[[], str]


class Listener:
    def __init__(
        self,
        recognizer: Recognizer,
        speech: SpeechState,
        post: Callable[[Event], None],
        tail_guard: float = 0.3,
    ) -> None:
        self._recognizer = recognizer
        self._speech = speech
        self._post = post
        self._tail_guard = tail_guard
        self._deaf_until = 0.0
        self._deaf = False
        self._barged = False
        self.barge_ins = 0
        self.ignored: list[str] = []  # finals heard while the coach spoke (its own voice)

    def feed(self, chunk: bytes, at: float) -> None:
        if self._speech.speaking():
            self._deaf_until = at + self._tail_guard
        if at < self._deaf_until:
            self._while_speaking(chunk, at)
            return
        if self._deaf:  # the coach just finished: forget its echo
            self._deaf = False
            self._barged = False
            self._recognizer.reset()
        for heard in self._recognizer.feed(chunk, at):
            self._post(heard)

    def finish(self, at: float) -> None:
        """End of input: pass on whatever was pending."""
        if at >= self._deaf_until:
            for heard in self._recognizer.finish(at):
                self._post(heard)

    def _while_speaking(self, chunk: bytes, at: float) -> None:
        if not self._deaf:
            self._deaf = True
            self._recognizer.reset()
        for heard in self._recognizer.feed(chunk, at):
            log.debug("while speaking: %s %r", "final" if heard.final else "partial", heard.text)
            if heard.final:
                self.ignored.append(heard.text)
            word = self._barge_word(heard.text)
            if word is not None and not self._barged:
                self._barged = True
                self.barge_ins += 1
                log.info("barge-in: %r while speaking", heard.text)
                self._post(Heard(text=word, confidence=heard.confidence, final=True, at=at))

    def _barge_word(self, text: str) -> str | None:
        said = set(re.findall(r"[a-z']+", self._speech.saying().lower()))
        for word in text.split():
            if word in BARGE_IN_WORDS and word not in said:
                return word
        return None
