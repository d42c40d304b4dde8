"""Half duplex: the small recognizer that has the microphone while the coach speaks.

Over the coach's voice only the stopper listens (voice.hearing.listener): a recognizer of the
sentences that cut the coach (`own_voice.spotter_recognizer`). It keeps the last
`CONFIRM_WINDOW` seconds of what it heard, so that a warning sign it hears there can be heard
again by the main recognizer (`own_voice.confirmed`), and so that the main recognizer, taking
the microphone back, hears first the last `HANDOVER` seconds.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from voice.events import Heard
from voice.hearing.own_voice import CONFIRM_LEAD, CONFIRM_PER_WORD, CONFIRM_WINDOW, confirmed
from voice.hearing.speech_recognizer import SpeechRecognizer

HANDOVER = 0.6
"""Seconds of what the stopper heard last that the main recognizer hears first when it takes
over (the coach's voice has died away): a "yes" said as soon as an offer ends starts in the
echo's last moments (`listener.ECHO_TAIL`), and was lost or heard clipped ("gasping", "yes
yes"). Someone who started longer ago than this spoke over the coach: the stopper keeps
listening until they stop."""


class Stopper:
    """The stopper recognizer and what it heard. `active`: it has the microphone (the coach's
    voice, or someone speaking over it)."""

    def __init__(self, recognizer: SpeechRecognizer) -> None:
        self.recognizer = recognizer
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
        words = text.split()
        for size in range(len(words), 1, -1):
            for start in range(len(words) - size + 1):
                run = " ".join(words[start : start + size])
                if self.is_sentence(run):
                    return run
        return text

    def hear(self, audio: bytes, at: float) -> list[Heard]:
        """Feed it `audio` (echo-cancelled) that ended at `at`: its finals."""
        self.active = True
        self._heard.append((at, audio))
        while self._heard and self._heard[0][0] <= at - CONFIRM_WINDOW:
            self._heard.popleft()
        finals = [heard for heard in self.recognizer.feed(audio, at) if heard.final]
        if not self.recognizer.in_speech:
            self._voice_since = None
        elif self._voice_since is None:
            self._voice_since = at
        return finals

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
        start = at - CONFIRM_LEAD - CONFIRM_PER_WORD * len(text.split())
        audio = b"".join(chunk for when, chunk in self._heard if when >= start)
        return confirmed(main, audio, at, text, alike)
