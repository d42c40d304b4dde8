"""The N-best decoder's list for one utterance of the recognizer (voice/hearing/recognizer.py),
read only when the rescue needs it."""

from __future__ import annotations

import json
from typing import Any


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
