"""The N-best decoder's list for one utterance of the recognizer (voice/hearing/recognizer.py),
read only when the rescue needs it."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from typing import Any

from voice.hearing.transcript import Transcript
from voice.hearing.vocabulary import normalize

log = logging.getLogger(__name__)


class Alternatives:
    """The N-best decoder's list for the utterance that just ended, decoded only if asked
    for: a whole sentence of ours needs none, and its lattice costs ~13 ms at the end of
    every utterance. `done()` starts the decoder's next utterance either way."""

    def __init__(self, nbest: Any, ready: bool = False) -> None:
        self._nbest = nbest
        self._ready = ready  # Vosk's own endpoint fired: Result(), not FinalResult()
        self._listed: list[dict[str, Any]] | None = None if nbest is not None else []

    def get(self) -> list[dict[str, Any]]:
        if self._listed is None:
            raw = self._nbest.Result() if self._ready else self._nbest.FinalResult()
            self._listed = list(json.loads(raw).get("alternatives", []))
        return self._listed

    def done(self) -> None:
        """Start the decoder's next utterance. Unread, it is reset whether or not its own
        endpoint fired: skipping that when it had fired kept one utterance growing for ever
        on digital silence (cost per chunk rising without limit) and let the next rescue
        return the previous utterance's words."""
        if self._listed is None:
            self._nbest.Reset()


def rescue(
    transcript: Transcript,
    alternatives: Alternatives,
    accepts: Sequence[Callable[[str], bool]],
    margin: float,
) -> Transcript:
    """Prefer, for each test in `accepts` in turn (a whole sentence of ours, then one the
    matcher understands): the best path if it passes, else an N-best runner-up within `margin`
    of the best that does. The confidence stays the best path's."""
    if accepts[0](transcript.text) or not alternatives.get():
        return transcript
    listed = alternatives.get()
    top = float(listed[0].get("confidence", 0.0))
    close = [
        normalize(str(a.get("text", "")))
        for a in listed
        if top - float(a.get("confidence", 0.0)) <= margin
    ]
    for accept in accepts:
        if transcript.text and accept(transcript.text):
            return transcript
        for text in close:
            if text and accept(text):
                log.debug("rescued %r as %r", transcript.text, text)
                return Transcript(text, transcript.confidence, 0.0, tuple(text.split()))
    return transcript
