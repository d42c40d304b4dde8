"""Half duplex: the small recognizer that has the microphone while the coach speaks.

Over the coach's voice only the stopper listens (voice.hearing.listener): a recognizer of the
sentences that cut the coach (`own_voice.spotter_recognizer`). It keeps the last
`CONFIRM_WINDOW` seconds of what it heard, so that a warning sign it hears there can be heard
again by the main recognizer (`own_voice.confirmed`), and so that the main recognizer, taking
the microphone back, hears first the last `HANDOVER` seconds.
"""

from __future__ import annotations

import logging
import math
from collections import deque
from collections.abc import Callable, Iterable, Sequence

from voice.events import Heard
from voice.hearing.own_voice import (
    CONFIRM_LEAD,
    CONFIRM_PER_WORD,
    CONFIRM_WINDOW,
    confirmed,
    in_a_row,
)
from voice.hearing.speech_recognizer import SpeechRecognizer

log = logging.getLogger(__name__)

HANDOVER = 0.6
"""Seconds of what the stopper heard last that the main recognizer hears first when it takes
over (the coach's voice has died away): a "yes" said as soon as an offer ends starts in the
echo's last moments (`listener.ECHO_TAIL`), and was lost or heard clipped ("gasping", "yes
yes"). Someone who started longer ago than this spoke over the coach: the stopper keeps
listening until they stop."""
AGAIN = 3.0
"""Seconds within which a sign found again in what the stopper decoded is the same utterance
(decided at a pause, then heard again as speech went on: voice.hearing.early)."""


class Stopper:
    """The stopper recognizer and what it heard. `active`: it has the microphone (the coach's
    voice, or someone speaking over it). `signs`: warning signs, looked for also in what its
    gates dropped (`hear`), those that are sentences of its."""

    def __init__(self, recognizer: SpeechRecognizer, signs: Iterable[str] = ()) -> None:
        self.recognizer = recognizer
        self._signs = {sign: sign for sign in signs if recognizer.is_sentence(sign)}
        for sign in sorted(self._signs, reverse=True):  # its telling words: a sign of them
            self._signs.setdefault(in_a_row(sign) or sign, sign)
        self._spans: dict[str, int] = {}  # a sign found in what it decoded: the words decoded
        self._found: dict[str, float] = {}  # and when
        self.active = False
        self._heard: deque[tuple[float, bytes]] = deque()  # (when, chunk), CONFIRM_WINDOW
        self._voice_since: float | None = None  # it has heard a voice since then

    @property
    def in_speech(self) -> bool:
        return self.recognizer.in_speech

    def is_sentence(self, text: str) -> bool:
        return self.recognizer.is_sentence(text)

    def sentence_in(self, text: str) -> str:
        """`text` if it is a whole sentence of the stopper's, else the longest run of two words
        or more in it that is one, else `text`. Over the coach's voice the rest is that voice
        half cancelled: "it's my leg is numb right", "right now life i can't breathe" were
        ignored live as no sentence of its (bench/results/duplex_half_confirmed.md). The listener
        takes only a warning sign so found: a stop phrase ("okay stop") cut the coach falsely."""
        return self._longest(text, self.is_sentence) or text

    def warning_in(self, text: str, urgent: Callable[[str], bool]) -> str | None:
        """The warning sign heard in `text`: the sentence of its in it (`sentence_in`) if
        `urgent` says it is one, else a sign's telling words in it (`sign_in`)."""
        sentence = self.sentence_in(text)
        return sentence if urgent(sentence) else self.sign_in(text)

    def sign_in(self, text: str) -> str | None:
        """The warning sign (one of `signs`) whose words, whole or from the first that says
        something (`own_voice.in_a_row`: "have chest pain", "can't feel my foot"), come in
        `text` in a row, the longest such; None if none."""
        run = self._longest(text, lambda words: words in self._signs)
        return self._signs[run] if run else None

    @staticmethod
    def _longest(text: str, found: Callable[[str], bool]) -> str | None:
        """The longest run of two words or more of `text` that is `found` (the first, of
        runs as long)."""
        words = text.split()
        for size in range(len(words), 1, -1):
            for start in range(len(words) - size + 1):
                run = " ".join(words[start : start + size])
                if found(run):
                    return run
        return None

    def hear(self, audio: bytes, at: float) -> list[Heard]:
        """Feed it `audio` (echo-cancelled) that ended at `at`: its finals."""
        self.active = True
        self._heard.append((at, audio))
        while self._heard and self._heard[0][0] <= at - CONFIRM_WINDOW:
            self._heard.popleft()
        before = self.recognizer.decoded
        finals = [heard for heard in self.recognizer.feed(audio, at) if heard.final]
        finals += self._signs_dropped(_new(before, self.recognizer.decoded), finals, at)
        if not self.recognizer.in_speech:
            self._voice_since = None
        elif self._voice_since is None:
            self._voice_since = at
        return finals

    def _signs_dropped(self, decoded: Sequence[str], finals: list[Heard], at: float) -> list[Heard]:
        """A warning sign in what it decoded and has not passed on, as a final of the sign
        alone, to be judged and confirmed as any (voice.hearing.listener). The coach's voice
        half cancelled around a person's words makes a string too long or too unsure to keep
        ("my and you're back i can't feel my foot"). Offline, signs mixed with the coach's
        voice 24, 18 and 12 dB under them, judged as the listener does (double talk aside):
        confirmed 18 of 74 before, 23 with these; the coach's voice alone, 20 replies at five
        levels: none. A result decided at a pause comes after its decode: then the same sign
        is judged twice, the second time on more of the audio (the listener posts it once)."""
        kept = {heard.text for heard in finals}
        out = []
        for words in decoded:
            sign = None if words in kept else self.sign_in(words)
            if sign is None or at - self._found.get(sign, -math.inf) < AGAIN:
                continue  # decided early, then heard again: the same utterance
            log.info("a warning sign in what the stopper decoded: %r in %r", sign, words)
            self._spans[sign], self._found[sign] = len(words.split()), at
            out.append(Heard(text=sign, confidence=0.0, at=at))
        return out

    def spoken_over(self, at: float) -> bool:
        """Has it heard a voice for longer than `HANDOVER` (someone speaking over the coach)?"""
        return self._voice_since is not None and self._voice_since < at - HANDOVER

    def hand_over(self, at: float) -> bytes:
        """Give the microphone back: the last `HANDOVER` seconds it heard, for the main
        recognizer to hear first. Forgets the rest."""
        self.recognizer.reset()
        self.active = False
        self._voice_since = None
        last = b"".join(chunk for when, chunk in self._heard if when > at - HANDOVER)
        self._heard.clear()
        self._spans.clear()
        self._found.clear()
        return last

    def confirmed_by(
        self,
        main: SpeechRecognizer,
        text: str,
        at: float,
        alike: Callable[[str], bool] | None = None,
    ) -> bool:
        """Does `main`, hearing again what the stopper heard of `text` (its final at `at`),
        hear the same words, or words `alike` takes for the same? (`own_voice.confirmed`;
        leaves `main` reset.)"""
        words = max(len(text.split()), self._spans.get(text, 0))
        start = at - CONFIRM_LEAD - CONFIRM_PER_WORD * words
        audio = b"".join(chunk for when, chunk in self._heard if when >= start)
        return confirmed(main, audio, at, text, alike)


def _new(before: Sequence[str], after: Sequence[str]) -> Sequence[str]:
    """What was added at the end of a bounded list (`Recognizer.decoded`) that was `before`
    and is now `after`."""
    for kept in range(min(len(before), len(after)), -1, -1):
        if tuple(after[:kept]) == tuple(before[len(before) - kept :]):
            return after[kept:]
    return after
