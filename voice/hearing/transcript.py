"""One final result of the recognizer, before it is accepted or dropped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from voice.hearing.vocabulary import UNK

if TYPE_CHECKING:
    from voice.hearing.recognizer_settings import RecognizerSettings


@dataclass(frozen=True)
class Transcript:
    """One final result before the accept/drop decision."""

    text: str
    confidence: float
    unknown_share: float
    words: tuple[str, ...]
    confidences: tuple[float, ...] = ()
    """Each of `words`' confidence, when Vosk gave them for these words (else empty)."""

    @staticmethod
    def from_vosk(result: dict[str, Any]) -> Transcript:
        words = result.get("result") or []
        tokens = tuple(str(w["word"]) for w in words) or tuple(result.get("text", "").split())
        confs = [float(w.get("conf", 0.0)) for w in words]
        known = [t for t in tokens if t != UNK]
        share = (len(tokens) - len(known)) / len(tokens) if tokens else 1.0
        confidence = sum(confs) / len(confs) if confs else 0.0
        paired = tuple(confs) if len(confs) == len(tokens) else ()
        return Transcript(" ".join(known), confidence, share, tokens, paired)

    def why_dropped(self, whole: bool, s: RecognizerSettings) -> str | None:
        """Why this final is not passed on (None: it is). `whole`: it is one of our
        sentences; anything else is a loose word string the matcher may still understand."""
        n = len(self.words)
        if not self.text:
            return "no words"
        if not whole and n > min(s.max_words, s.max_loose_words):  # ours: any length
            return f"{n} words"
        if not whole and n < s.min_loose_words:
            return f"only {n} loose words"
        if self.unknown_share > s.max_unknown_share:
            return f"{100 * self.unknown_share:.0f}% unknown"
        if self.confidence < (s.min_sentence_confidence if whole else s.min_confidence):
            return f"confidence {self.confidence:.2f}"
        return None
