"""What every recognizer offers the listener (Vosk's `Recognizer`, `MoonshineRecognizer`), and
`transcribe`, which runs one over a whole recording."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

import numpy as np

from voice.events import Heard

if TYPE_CHECKING:
    from voice.hearing.endpoint import EndOfSpeech
    from voice.hearing.second_pass import UtteranceAudio

RATE = 16000
DROPPED_KEPT = 64
"""Results a recognizer or the listener dropped that are kept, the last ones, for the log and
tests: a coach waiting for days beside a television would keep every one (a few kB each)."""


class SpeechRecognizer(Protocol):
    """One utterance stream of 16 kHz mono int16 chunks in, final `Heard` results out."""

    @property
    def in_speech(self) -> bool: ...

    def feed(self, chunk: bytes, at: float = 0.0) -> list[Heard]: ...

    def finish(self, at: float = 0.0) -> list[Heard]: ...

    def reset(self) -> None:
        """Forget the utterance in progress (e.g. the coach's own voice)."""

    def restart(self) -> None:
        """A new recording: heard the same whatever came before."""

    def is_sentence(self, text: str) -> bool:
        """Is `text` a whole sentence of ours (not a loose string of its words)?"""

    def heard_freely(self, text: str) -> bool:
        """Did its warning-sign pass (an open-vocabulary decode) pass `text` on, lately?"""

    def heard_gravely(self, text: str) -> bool:
        """Did its warning-sign pass pass `text` on, lately, as one free decode's words graver
        than the grammar's (read for the emergency concern, not by the safety net)?"""

    def heard_agreed(self, text: str) -> bool:
        """Did its free pass pass `text` on, lately, as loose words a free decode asked the
        same of the coach with (read whole, as a sentence of ours is)?"""

    def heard_offered(self, text: str) -> bool:
        """Did its free pass pass `text` on, lately, as a free decode's request to ask about
        (where the grammar's words asked nothing: voice.hearing.matcher_wiring.offered_as)?"""

    @property
    def decoded(self) -> Sequence[str]:
        """The grammar decoder's own words for each utterance decided since the last `reset`,
        before any gate dropped them (voice.hearing.own_voice.confirmed reads them)."""


class UtteranceStream:
    """What both recognizers share: a voice detector that cuts utterances (`_endpoint`) and the
    audio of the one in progress (`_audio`)."""

    _endpoint: EndOfSpeech
    _audio: UtteranceAudio

    @property
    def in_speech(self) -> bool:
        return self._endpoint.in_speech

    @property
    def position(self) -> int:
        """Samples fed so far (audio time = position / 16000)."""
        return self._endpoint.position

    @property
    def buffered_seconds(self) -> float:
        """Audio kept of the utterance in progress."""
        return self._audio.seconds


def transcribe(recognizer: SpeechRecognizer, samples: np.ndarray) -> list[Heard]:
    """Final results for a whole recording, padded with silence at both ends (a file may start
    or end mid-word; the recognizers and the VAD need a little silence around speech). Each
    recording starts afresh (`restart`), so the result does not depend on what came before."""
    pad = np.zeros(RATE // 2, dtype=np.int16)
    audio = np.concatenate([pad, samples.astype(np.int16), pad, pad])
    recognizer.restart()
    heard: list[Heard] = []
    for start in range(0, len(audio), 1600):
        heard.extend(h for h in recognizer.feed(audio[start : start + 1600].tobytes()) if h.final)
    heard.extend(recognizer.finish())
    return heard
