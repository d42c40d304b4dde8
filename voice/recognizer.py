"""Vosk constrained by our grammar, with word confidences and our own end of speech.

Feed 16 kHz mono int16 chunks to `Recognizer.feed(chunk, at)`; it returns `Heard` events:
partial ones while words come in, and one final per utterance. A final is dropped (never
reaches the matcher) when it is mostly "[unk]" or its mean word confidence is too low: that is
speech not meant for us, or noise.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from voice.endpoint import EndOfSpeech, EndpointSettings
from voice.errors import ModelError
from voice.events import Heard

log = logging.getLogger(__name__)

UNK = "[unk]"
RATE = 16000
_MISSING = re.compile(r"Ignoring word missing in vocabulary: '([^']*)'")


@dataclass(frozen=True)
class RecognizerSettings:
    min_confidence: float = 0.55
    """Mean word confidence below which a final result is dropped."""

    max_unknown_share: float = 0.34
    """Share of "[unk]" words above which a final result is dropped."""

    endpoint: EndpointSettings = field(default_factory=EndpointSettings)


@dataclass(frozen=True)
class Transcript:
    """One final result before the accept/drop decision."""

    text: str
    confidence: float
    unknown_share: float
    words: tuple[str, ...]

    @staticmethod
    def from_vosk(result: dict[str, Any]) -> Transcript:
        words = result.get("result") or []
        tokens = tuple(str(w["word"]) for w in words) or tuple(result.get("text", "").split())
        confs = [float(w.get("conf", 0.0)) for w in words]
        known = [t for t in tokens if t != UNK]
        share = (len(tokens) - len(known)) / len(tokens) if tokens else 1.0
        confidence = sum(confs) / len(confs) if confs else 0.0
        return Transcript(" ".join(known), confidence, share, tokens)


def normalize(text: str) -> str:
    return " ".join(text.lower().split())


def unknown_words(model: Any, words: Iterable[str]) -> list[str]:
    """Grammar words the model does not know. Vosk only logs them ("Ignoring word missing in
    vocabulary") and drops them, so build a one-word-per-phrase grammar with Kaldi's stderr
    captured and read the log back."""
    import vosk

    vocabulary = sorted({w for w in words if w and w != UNK})
    if not vocabulary:
        return []
    vosk.SetLogLevel(-1)  # warnings on, info off
    with tempfile.TemporaryFile(mode="w+b") as captured:
        saved = os.dup(2)
        try:
            os.dup2(captured.fileno(), 2)
            vosk.KaldiRecognizer(model, RATE, json.dumps(vocabulary))
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        captured.seek(0)
        text = captured.read().decode("utf-8", "replace")
    return sorted(set(_MISSING.findall(text)))


def check_vocabulary(model: Any, phrases: Iterable[str]) -> None:
    words = {w for p in phrases for w in normalize(p).split()}
    missing = unknown_words(model, words)
    if missing:
        raise ModelError(
            f"the speech model does not know {len(missing)} grammar word(s): "
            f"{', '.join(missing)}; change the templates or use a model that knows them"
        )


class Recognizer:
    """One utterance stream. Not thread-safe: one listener thread feeds it."""

    def __init__(
        self,
        model: Any,
        phrases: Iterable[str],
        settings: RecognizerSettings | None = None,
    ) -> None:
        import vosk

        self.settings = settings or RecognizerSettings()
        sentences = sorted({normalize(p) for p in phrases if normalize(p)})
        self._complete = frozenset(sentences)
        self._grammar = json.dumps([*sentences, UNK])
        self._rec = vosk.KaldiRecognizer(model, RATE, self._grammar)
        self._rec.SetWords(True)
        self._endpoint = EndOfSpeech(self.settings.endpoint)
        self._partial = ""
        self.dropped: list[Transcript] = []  # rejected finals, for tests and the log

    @property
    def in_speech(self) -> bool:
        return self._endpoint.in_speech

    @property
    def position(self) -> int:
        """Samples fed so far (audio time = position / 16000)."""
        return self._endpoint.position

    def reset(self) -> None:
        """Forget the utterance in progress (e.g. the coach's own voice)."""
        self._rec.Reset()
        self._endpoint.reset()
        self._partial = ""

    def feed(self, chunk: bytes, at: float = 0.0) -> list[Heard]:
        out: list[Heard] = []
        if self._rec.AcceptWaveform(chunk):  # Vosk's own endpoint came first
            self._endpoint.feed(chunk)
            self._endpoint.reset()
            self._partial = ""
            return self._final(self._rec.Result(), at)
        partial = normalize(json.loads(self._rec.PartialResult()).get("partial", ""))
        if partial != self._partial:
            self._partial = partial
            if partial:
                out.append(Heard(text=partial, confidence=0.0, final=False, at=at))
        if self._endpoint.feed(chunk, complete=partial in self._complete) is not None:
            self._partial = ""
            out.extend(self._final(self._rec.FinalResult(), at))
        return out

    def finish(self, at: float = 0.0) -> list[Heard]:
        """End of input: whatever is pending becomes a final result."""
        self._endpoint.reset()
        self._partial = ""
        return self._final(self._rec.FinalResult(), at)

    def _final(self, raw: str, at: float) -> list[Heard]:
        transcript = Transcript.from_vosk(json.loads(raw))
        if not transcript.words:
            return []
        s = self.settings
        if (
            not transcript.text
            or transcript.unknown_share > s.max_unknown_share
            or transcript.confidence < s.min_confidence
        ):
            log.info(
                "dropped %r (confidence %.2f, unknown %.0f%%)",
                " ".join(transcript.words),
                transcript.confidence,
                100 * transcript.unknown_share,
            )
            self.dropped.append(transcript)
            return []
        return [Heard(text=transcript.text, confidence=round(transcript.confidence, 3), at=at)]
