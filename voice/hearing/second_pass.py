"""Second pass: decode one utterance again, with a grammar of only the sentences of ours that
are nearest to what the first pass heard.

Vosk turns the ~19,000-sentence phrase list into a pruned bigram model, so the first pass can
join pieces of different sentences ("shorten the ice my spine" for "should i ice my spine").
With a grammar of twenty sentences there are few such joins left, and the decoder has to pick
among sentences that sound like what was said. The result is kept only when it is one of those
sentences, its words are confidently heard, and it is close in spelling to the first guess
(word salads from the TV must not be turned into commands).

Costs one more decode of the utterance (~35 ms per second of audio on this machine), paid only
when the first pass heard something we do not understand.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from rapidfuzz import fuzz, process

from voice.hearing.transcript import Transcript
from voice.hearing.vocabulary import normalize

log = logging.getLogger(__name__)

UNK = "[unk]"
RATE = 16000
W = TypeVar("W")


@dataclass(frozen=True)
class SecondPassSettings:
    candidates: int = 20
    """Nearest sentences (by spelling) to each first-pass guess that make up the new grammar."""

    min_similarity: float = 60.0
    """Spelling similarity (0-100, rapidfuzz ratio) the chosen sentence must have with one of
    the first-pass guesses."""

    min_confidence: float = 0.7
    """Mean word confidence of the second decode below which it is ignored."""

    lead: float = 0.3
    """Seconds of audio kept before the start of speech."""

    alternatives: int = 10
    """When the best path of the re-decode is no sentence (it too joins pieces of the
    candidates: "hold done" from "hold on" and "... done"), decode once more for an N-best
    list this long and take the best entry that is a candidate sentence (0: off). Benchmark
    subset: clean 85.3 -> 89.0%, white@5 42 -> 52, pink@5 66 -> 72, far 83 -> 90; one more
    false accept in 0.5 h ("go" -> Yes); CPU 0.111 -> 0.116 of a core per second of audio."""

    margin: float = 3.0
    """How far (in Vosk's N-best score) below the best such an entry may be."""

    scored: int = 4
    """When neither the re-decode nor its N-best list gives a candidate sentence, decode the
    utterance once per sentence for the nearest this many (each alone with "[unk]") and take
    the one heard whole with the best score (0: off). Bigram joins are gone there: "slow that
    now" becomes "slow that down". Costs one decode per sentence (~50 ms per second of audio)."""

    confirm_symptoms: bool = True
    """A symptom heard in a loose word string counts only when the second pass hears a
    symptom sentence too (else the string is dropped)."""


@dataclass(frozen=True)
class SecondGuess:
    text: str
    confidence: float
    similarity: float


class SecondPass:
    """Re-decodes utterances for one model and one sentence list. Not thread-safe."""

    def __init__(
        self, model: object, sentences: Sequence[str], settings: SecondPassSettings | None = None
    ) -> None:
        self.settings = settings or SecondPassSettings()
        self.model = model
        self._sentences = list(sentences)

    def nearest(self, guesses: Sequence[str]) -> list[str]:
        """The sentences nearest to any of the guesses, best first, without repeats."""
        return _nearest(guesses, self._sentences, int(self.settings.candidates))

    def revise(
        self,
        transcript: Transcript,
        alternatives: Sequence[dict[str, Any]],
        audio: bytes,
        urgent: Callable[[str], bool],
    ) -> Transcript:
        """The first pass's words that are not one of our sentences (even if the matcher's
        tolerance understands them: it can be wrong about a loose word string), decoded again
        against the sentences nearest to them and to the first pass's N-best `alternatives`.
        A symptom (`urgent`) heard in the first pass is never talked away."""
        text = transcript.text
        guesses = [text, *(normalize(str(a.get("text", ""))) for a in alternatives[:3])]
        guess = self.redecode(audio, [g for g in guesses if g])
        if text and urgent(text) and (guess is None or not urgent(guess.text)):
            if self.settings.confirm_symptoms:  # the words stay, for the warning-sign pass
                return replace(transcript, text="", unknown_share=1.0)
            return transcript
        if guess is None:
            return transcript
        log.debug("second pass: %r -> %r", text, guess.text)
        return Transcript(guess.text, guess.confidence, 0.0, tuple(guess.text.split()))

    def redecode(self, pcm: bytes, guesses: Sequence[str]) -> SecondGuess | None:
        """Decode `pcm` (16 kHz mono int16, one utterance) against the sentences nearest to
        `guesses`; the sentence heard, or None when nothing passes the checks."""
        import vosk

        candidates = self.nearest(guesses)
        if not candidates or not pcm:
            return None
        grammar = json.dumps([*candidates, UNK])
        rec = vosk.KaldiRecognizer(self.model, RATE, grammar)
        rec.SetWords(True)
        rec.AcceptWaveform(pcm)
        heard = json.loads(rec.FinalResult()).get("result") or []
        words = _trim_unknown_edge(heard, lambda w: str(w.get("word")))
        text = " ".join(str(w["word"]) for w in words)
        if not words:
            return None
        confidence = sum(float(w.get("conf", 0.0)) for w in words) / len(words)
        if text not in candidates:
            text, heard_texts = self._best_listed(pcm, grammar, candidates)
            if not text:
                text = self._best_scored(pcm, [*heard_texts, *guesses], candidates, guesses[0])
            if not text:
                return None
        similarity = max(fuzz.ratio(text, g) for g in guesses if g)
        s = self.settings
        if confidence < s.min_confidence or similarity < s.min_similarity:
            return None
        return SecondGuess(text, confidence, similarity)

    def _best_listed(
        self, pcm: bytes, grammar: str, candidates: Sequence[str]
    ) -> tuple[str, list[str]]:
        """The best N-best entry that is one of the candidates, within the margin ("" if
        none or the option is off), and the list's texts. The confidence stays the best
        path's: the N-best list gives no word confidences."""
        s = self.settings
        if s.alternatives <= 0:
            return "", []
        found = self._nbest(pcm, grammar, s.alternatives)
        texts = [" ".join(_trim_unknown_edge(text.split(), str)) for _, text in found]
        top = found[0][0] if found else 0.0
        for (score, _), text in zip(found, texts, strict=True):
            if top - score > s.margin:
                break
            if text in candidates:
                return text, texts
        return "", texts

    def _best_scored(
        self, pcm: bytes, heard: Sequence[str], candidates: Sequence[str], first: str
    ) -> str:
        """Of the `scored` candidates nearest to what was heard, the one that a decode with
        only it (and "[unk]") hears whole, with the best score ("" if none, or if it is one
        word, or has fewer than half the words of the `first` guess: in loud babble those were
        "yup" from "wrap", "lower back seized" from eight words of noise)."""
        n = int(self.settings.scored)
        if n <= 0:
            return ""
        sentences = _nearest(heard, candidates, n)[:n]
        # One after the other, never two at once: Kaldi dithers every frame with noise seeded
        # from the C library's one random sequence, so two decodes at once took each other's
        # draws in whatever order the threads ran, and the same clip came out as other words
        # run to run ("i've got numbness" or "i've [unk] numbness" for "i haven't got any
        # numbness"; vosk-api issue 868): a live test failed one CI run in four.
        decoded = [self._nbest(pcm, json.dumps([s, UNK]), 1) for s in sentences]
        best, best_score = "", float("-inf")
        for sentence, found in zip(sentences, decoded, strict=True):
            if found and found[0][1] == sentence and found[0][0] > best_score:
                best, best_score = sentence, found[0][0]
        words = len(best.split())
        return best if words >= 2 and 2 * words >= len(first.split()) else ""

    def _nbest(self, pcm: bytes, grammar: str, size: int) -> list[tuple[float, str]]:
        """(score, text) of an N-best decode of `pcm` with `grammar`, best first."""
        import vosk

        rec = vosk.KaldiRecognizer(self.model, RATE, grammar)
        rec.SetMaxAlternatives(int(size))
        rec.AcceptWaveform(pcm)
        found = json.loads(rec.FinalResult()).get("alternatives") or []
        return [(float(e.get("confidence", 0.0)), str(e.get("text", "")).strip()) for e in found]


def _nearest(guesses: Sequence[str], sentences: Sequence[str], limit: int) -> list[str]:
    """The `limit` sentences nearest (rapidfuzz ratio) to each guess, best first, no repeats."""
    found: dict[str, float] = {}
    for guess in guesses:
        if not guess:
            continue
        for text, score, _ in process.extract(guess, sentences, scorer=fuzz.ratio, limit=limit):
            found[text] = max(score, found.get(text, 0.0))
    return sorted(found, key=lambda t: -found[t])


def _trim_unknown_edge(words: list[W], word: Callable[[W], str]) -> list[W]:
    """One "[unk]" at the start or end is a word we do not know said around a sentence of
    ours ("my hand feels numb today"): leave it out. Anywhere else it stays (and the result is
    no sentence)."""
    if len(words) > 1 and word(words[-1]) == UNK:
        return words[:-1]
    if len(words) > 1 and word(words[0]) == UNK:
        return words[1:]
    return words


class UtteranceAudio:
    """The audio fed since the last final result (what the first pass decoded), at most
    `keep` seconds of it, with sample positions counted from the first chunk ever fed."""

    def __init__(self, keep: float) -> None:
        self._limit = int(keep * RATE) * 2
        self._audio = bytearray()
        self._start = 0  # sample position of self._audio[0]
        self._fed = 0  # samples fed so far

    @property
    def seconds(self) -> float:
        return len(self._audio) / 2 / RATE

    @property
    def fed(self) -> bytes:
        """All the kept audio."""
        return bytes(self._audio)

    def add(self, chunk: bytes) -> None:
        self._audio += chunk
        self._fed += len(chunk) // 2
        excess = len(self._audio) - self._limit
        if excess > 0:
            excess += excess % 2
            del self._audio[:excess]
            self._start += excess // 2

    def clear(self) -> None:
        self._start = self._fed
        self._audio.clear()

    def since(self, speech_start: int | None, lead: float) -> bytes:
        """The kept audio from `lead` seconds before sample position `speech_start`. Empty
        when no speech started within it (Vosk made words of noise, or of an earlier
        utterance's tail): nothing worth decoding again."""
        if speech_start is None or speech_start < self._start:
            return b""
        skip = max(0, speech_start - int(lead * RATE) - self._start)
        return bytes(self._audio[2 * skip :])
