"""The free pass (voice.hearing.free_listening) on some of its readers, as if it had heard an
utterance's free decodes: its judgements tested on the words the recognizers gave."""

from __future__ import annotations

from voice.hearing.free_listening import FreeListening, FreeReaders


def listening(readers: FreeReaders, *decodes: str) -> FreeListening:
    """The free pass on `readers`, having heard `decodes` (this utterance's free decodes,
    Moonshine's first)."""
    free = FreeListening(None, readers, True, 0.5)
    free.heard = list(decodes)
    return free
