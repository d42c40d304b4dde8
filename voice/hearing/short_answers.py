"""One-word answers ("yes", "no", "stop"): they act only when two decoders read them the same.

Vosk's grammar is a bigram model of our ~19,000 sentences. Pressed with one short word, it
gives whichever one-word string of our words its bigrams like best, sure of it or not: on real
human speech (Speech Commands, bench/real_speech.py) a third of the "no"s came out "now" (no
sentence of ours, dropped) and others "no" at a confidence under the gate, while Moonshine's
free decode and Vosk's own open vocabulary both heard "no"; words that are not ours came out as
one-word sentences that are ("house" -> "hush", Stop; "sheila" -> "sure", "five" -> "fine",
Yes; "six" -> "thanks"), the second pass turning a word we do not know into the nearest of ours.
The free decodes had heard "house", "sheila", "why" and "six".

So a final of at most `RecognizerSettings.short_answer_words` words (one) acts only when two
decoders agree on what it means: the grammar's sentence and a free decode (then even below the
confidence gate), or two free decodes that are both sentences of ours, or a free decode's
one-word sentence and the grammar's best path when that is one word, no sentence of ours, that
sounds like it ("now" for "no": `SOUNDS_ALIKE`). Anything else is dropped: asking again beats a
wrong action. Not touched: warning signs (the recognizer's own rules decide those), and what
must never be lost (`NEVER_LOST`): the grammar's best path for it acts alone as before, and so
does a free decode that is one. Two-word finals are left out: from espeak-ng and flite, with
only Vosk's open vocabulary to agree, "what now" and "talk slower" were lost
(tests/integration/test_speech_recognition.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from rapidfuzz import fuzz

from voice.hearing.free_listening import MIN_FREE_AUDIO
from voice.hearing.transcript import Transcript
from voice.hearing.vocabulary import UNK, normalize

NEVER_LOST = frozenset({"Stop", "Help"})
"""Intents that act when one decoder hears them: missing one costs more than acting on one
wrongly (stopping the coach's voice, or saying what it can do)."""

UNKNOWN = "Unknown"
SOUNDS_ALIKE = 65.0
"""Spelling similarity (rapidfuzz ratio, 0-100) at which the grammar's best path, one word that
is no sentence of ours, counts as hearing a free decode's one-word sentence: Vosk's small model
hears many a real "no" as "now" (80), "yes" as "yet" (67), where Moonshine hears "no", "yes"."""
Meaning = tuple[str, object]
"""A sentence's intent and slots (voice.hearing.matcher_wiring.meaning_of)."""


class ShortAnswers:
    """`decide(transcript, passed, audio)`: what a short utterance acts on, if anything."""

    def __init__(
        self,
        reads: Callable[[str], Meaning],
        is_sentence: Callable[[str], bool],
        decoders: Sequence[Callable[[bytes], str]],
        words: int,
        never_lost: frozenset[str] = NEVER_LOST,
    ) -> None:
        """`reads(text)`: what a sentence of ours does. `is_sentence(text)`: is it one of ours.
        `decoders`: the free decoders, best first (Moonshine's free words, Vosk's own open
        vocabulary), each asked only when needed. `words`: the most words a short final has
        (0: the rule is off)."""
        self._reads = reads
        self._is_sentence = is_sentence
        self._decoders = decoders
        self.words = words
        self._never_lost = never_lost

    def applies(self, text: str) -> bool:
        """Is this final (the grammar's words after the rescue and the second pass) short?"""
        return 0 < len(text.split()) <= self.words

    def decide(
        self, transcript: Transcript, alone: bool, audio: bytes, first: Sequence[str] = ()
    ) -> tuple[Transcript, str | None]:
        """The grammar's words after the rescue and the second pass, and the utterance's audio
        -> what acts, and why it is dropped (None: it acts). `alone`: the words may act alone
        if they must never be lost: they passed the confidence and "[unk]" gates, and are
        the first pass's (its best path or an N-best runner-up: real "stop"s came out "stone",
        "step", "start" with "stop" next); the second pass's nearest sentence to a word we do not
        know is no evidence ("house" -> "hush"). `first`: the best path's words."""
        best = " ".join(w for w in first if w != UNK)
        text = self.agreed(transcript.text, alone, self._free(audio), best)
        if not text:
            return transcript, "no second decoder agrees"
        if text == transcript.text:
            return transcript, None
        return Transcript(text, transcript.confidence, 0.0, tuple(text.split())), None

    def agreed(self, heard: str, alone: bool, free: Iterator[str], best: str = "") -> str:
        """The sentence two decoders agree on ("" if none): `heard` (the grammar's words) and
        a free decode, or two free decodes, or a free decode's one-word sentence and the best
        path's one word that sounds like it (`SOUNDS_ALIKE`); one alone for what is never
        lost."""
        mine = self._meaning(heard)
        if mine is not None and alone and mine[0] in self._never_lost:
            return heard
        seen: list[Meaning] = []
        for text in free:
            its = self._meaning(text)
            if its is None:
                continue
            if its == mine:
                return heard
            if its[0] in self._never_lost or its in seen or self._sounds_like(best, text):
                return text
            seen.append(its)
        return ""

    def _free(self, audio: bytes) -> Iterator[str]:
        if len(audio) >= MIN_FREE_AUDIO:
            for decode in self._decoders:
                yield normalize(decode(audio))

    def _sounds_like(self, best: str, text: str) -> bool:
        one = " " not in best and " " not in text and not self._is_sentence(best)
        return bool(best) and one and fuzz.ratio(best, text) >= SOUNDS_ALIKE

    def _meaning(self, text: str) -> Meaning | None:
        if not text or not self._is_sentence(text):
            return None
        meaning = self._reads(text)
        return None if meaning[0] == UNKNOWN else meaning
