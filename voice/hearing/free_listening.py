"""The warning-sign pass: an utterance decoded with an open vocabulary, kept only if the words
hold a warning sign. A paraphrase of a symptom ("my toes feel all funny") is no sentence of our
phrase list, and the grammar turns it into other words; decoded freely, the safety lexicon can
read it (RecognizerSettings.listen_freely_for_warnings)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from voice.events import Heard
from voice.hearing.vocabulary import normalize

log = logging.getLogger(__name__)

RATE = 16000
MIN_FREE_AUDIO = RATE  # bytes
"""Half a second of 16-bit audio: shorter is no sentence, and not worth a second decode."""


class FreeListening:
    """`hear(audio, at, transcriber)`: the Heard to pass on, if the transcriber's words (default:
    the Vosk model's own open vocabulary) hold a warning sign."""

    def __init__(
        self, model: Any, warns: Callable[[str], bool] | None, on: bool, confidence: float
    ) -> None:
        self._model = model
        self._warns = warns
        self._on = on and warns is not None
        self._confidence = confidence
        self._vosk: Any = None  # Vosk's open-vocabulary decoder, made on first use

    def hear(
        self, audio: bytes, at: float, transcriber: Callable[[bytes], str] | None = None
    ) -> list[Heard]:
        if not self._on or self._warns is None or len(audio) < MIN_FREE_AUDIO:
            return []
        text = normalize((transcriber or self.vosk_words)(audio))
        if not text or not self._warns(text):
            return []
        log.info("heard freely, a warning sign: %r", text)
        return [Heard(text=text, confidence=self._confidence, at=at)]

    def vosk_words(self, audio: bytes) -> str:
        if self._vosk is None:
            import vosk

            self._vosk = vosk.KaldiRecognizer(self._model, RATE)
        self._vosk.AcceptWaveform(audio)
        return str(json.loads(self._vosk.FinalResult()).get("text", ""))
