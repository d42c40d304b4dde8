"""Synthesized sentences kept so they start at once: short ones (countdown numbers, "Release.")
in a small cache, and the opening sentences of the coach's fixed replies for good, made on a
helper thread (`keep_ready`). A change of voice drops them all and makes them again. Also
learns how long sentences take to say (`pace`) from every one synthesized."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from voice.speaking.spoken_length import Pace

if TYPE_CHECKING:
    from voice.speaking.speech_policy import UtteranceLike
    from voice.speaking.speech_queue import Player

log = logging.getLogger(__name__)

CACHE_SIZE = 48
"""Synthesized short sentences kept (countdown numbers, "Release.") so they start instantly."""
SHORT = 24
"""Sentences up to this many characters are kept after they are said."""


class SynthesisCache:
    def __init__(self, player: Player, lock: threading.RLock) -> None:
        self._player = player
        self._lock = lock  # the speech queue's
        self.pace = Pace()
        self._cache: dict[str, UtteranceLike] = {}
        self._ready: dict[str, UtteranceLike] = {}  # keep_ready's sentences, never evicted
        self._ready_texts: tuple[str, ...] = ()
        self._voice = 0  # bumped by voice_changed(): audio made for an older voice is not kept
        self.ready_worker: threading.Thread | None = None

    def get(self, text: str) -> UtteranceLike | None:
        with self._lock:
            return self._ready.get(text) or self._cache.get(text)

    def synthesize(self, text: str) -> UtteranceLike:
        """Synthesized now (raises what the player raises); kept if short."""
        utterance = self._player.synthesize(text)
        self.pace.learn(text, utterance.duration)
        if len(text) <= SHORT:
            self._remember(text, utterance)
        return utterance

    def warm(self, texts: Iterable[str]) -> None:
        for text in texts:
            if text not in self._cache:
                utterance = self._player.synthesize(text)
                self._remember(text, utterance)
                self.pace.learn(text, utterance.duration)

    def keep_ready(self, texts: Iterable[str], wait: bool = False) -> threading.Thread:
        ready = self._ready_texts = tuple(dict.fromkeys(texts))
        voice = self._voice

        def work() -> None:
            for text in ready:
                if self._voice != voice:
                    return  # the voice changed: voice_changed() started a fresh warm-up
                if text in self._ready:
                    continue
                try:
                    utterance = self._player.synthesize(text)
                except Exception:
                    log.exception("could not synthesize %r ahead of time", text)
                    return
                with self._lock:
                    if self._voice == voice:
                        self._ready[text] = utterance
                        self.pace.learn(text, utterance.duration)

        self.ready_worker = threading.Thread(target=work, name="speech-ready", daemon=True)
        self.ready_worker.start()
        if wait:
            self.ready_worker.join()
        return self.ready_worker

    def voice_changed(self, rate_factor: float) -> None:
        """Drop what was made with the old voice; make the ready sentences again."""
        with self._lock:
            self.pace.changed(rate_factor)
            self._cache.clear()
            self._ready.clear()
            self._voice += 1
        if self._ready_texts:
            self.keep_ready(self._ready_texts)

    def _remember(self, text: str, utterance: UtteranceLike) -> None:
        with self._lock:
            if len(self._cache) >= CACHE_SIZE:
                self._cache.pop(next(iter(self._cache)))
            self._cache[text] = utterance
