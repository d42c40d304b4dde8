"""One final result of the recognizer, before it is accepted or dropped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from voice.vocabulary import UNK


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
