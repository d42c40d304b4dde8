"""The warning-sign pass: an utterance decoded with an open vocabulary, kept only if the words
hold a warning sign. A paraphrase of a symptom ("my toes feel all funny") is no sentence of our
phrase list, and the grammar turns it into other words; decoded freely, the safety lexicon can
read it (RecognizerSettings.listen_freely_for_warnings). So can the safety net (`net`: its own
model, intents.trained_models), on these free words only and only when both free decodes of the
utterance (Moonshine's and Vosk's) hold a sign it reads: one decoder's words alone were taken for
signs nobody said ("heat the oven to four hundred" heard "key to the arm and a four hundred")
(bench/results/spoken_safety_net_agreement.md).

When neither open-vocabulary decode holds a warning sign but the grammar's own words for the
utterance do (a loose string, dropped as no sentence of ours: "my foot won't lift up properly
when i try" came out of Vosk's grammar word for word while both free decodes misheard "foot"),
the grammar's words count if the free decodes agree with them (`agrees`): the grammar can only
say our words, and pressed with speech that is not ours it says "numb" and "not" where nobody
did. Measured on the spoken blind dev safety set (bench voices, clean; bench/spoken_blind.py):
the grammar's words alone would catch 50 more of 216 warning signs and raise 15 more false
alarms of 102 harmless sentences; with the agreement 23 more and 2. They count too when the net
reads a sign in a free decode's own words, however misheard (`net_reads_any`: two decoders each
heard one; bench/results/spoken_free_pass_net.md).

Bench voices are where Moonshine mishears most ("helmless" for "numbness", "talking" for
"choking"), so a warning sign can come out of the grammar word for word with nothing to agree.
Vosk's word confidences tell those from the grammar's guesses: its "numb" for "the" or "no"
comes with less confidence than a word it heard. So the grammar's words also count when Vosk
was `sure` of them where the warning is, unless a free decode put a quite different word in
that very place (`contradicted`: "i checked" for its "i tripped"). A negation only a free decode
heard still vetoes both when, put in its place among the grammar's words, it unsays the warning
(`denied`: a negation elsewhere, "i haven't been drinking", is about something else), and a
negation the warning rests on that every free decode (two at least) has another word for vetoes
an agreement (`affirmed`: the grammar's "can't" where both decoders heard "can"). Those
judgements of the words are voice.hearing.free_agreement's.

Two more judgements go beyond warning signs: free words with a word of dying that the grammar's
lack act in their place, for the emergency concern (`graver`: "i don't want to die" heard by the
grammar as "i don't want the ice"), and a timer command whose verb or amount a free decode says
otherwise is asked again (`doubts`: "stop the timers now" heard as "start a timer now")
(bench/results/graver_words.md).

Two decoders agreeing count beyond the lexicon too: the grammar's loose words are a sign when
the net reads one in them and in Moonshine's free decode (`confirms`, `_read_twice`), and a
request when both ask the same of the coach, read whole (`agreed`); where only one heard a
request, the coach asks whether it was meant (`offered`): those request rules are
voice.hearing.free_requests'."""

from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from voice.events import Heard
from voice.hearing import free_agreement as agreement
from voice.hearing.free_requests import RequestRules
from voice.hearing.vocabulary import normalize

log = logging.getLogger(__name__)

RATE = 16000
MIN_FREE_AUDIO = RATE  # bytes
"""Half a second of 16-bit audio: shorter is no sentence, and not worth a second decode."""
PASSED_KEPT = 8
"""Texts `hear` passed on, remembered so the reader knows them for free words (`passed_on`)."""
RENEW_AFTER = 30 * 2 * RATE
"""Bytes of audio (30 s) the open-vocabulary decoder decodes before it is made anew."""


@dataclass(frozen=True)
class FreeReaders:
    """How the free pass reads words (voice.hearing.matcher_wiring builds them on the matcher)."""

    warns: Callable[[str], bool] | None = None
    """Do free words hold a warning sign the safety lexicon reads?"""
    net: Callable[[str], bool] | None = None
    """Does the safety net read a sign in them (free words only, where two decoders agree)?"""
    grave: Callable[[str, str, bool], bool] | None = None
    """Are free words graver than the grammar's for the utterance (`graver`)?"""
    other_action: Callable[[str, list[str]], bool] | None = None
    """Does a free decode name another action than the grammar's words (`doubts`)?"""
    means: Callable[[str], object] | None = None
    """What words ask of the coach, read whole (the matcher's intent and slots); None for no
    request: not understood, or a warning sign (the rules above decide those) (`agreed`)."""
    offer: Callable[[str, str], bool] | None = None
    """Would the coach ask whether free words' request was meant, where the grammar's words
    for the utterance ("" if none) ask nothing (`offered`)?"""


class FreeListening(RequestRules):
    """`hear(audio, at, transcriber)`: the Heard to pass on, if the transcriber's words (default:
    the Vosk model's own open vocabulary) hold a warning sign."""

    def __init__(
        self, model: Any, readers: FreeReaders | None, on: bool, confidence: float
    ) -> None:
        readers = readers or FreeReaders()
        self._model = model
        self._grave = readers.grave
        self._other_action = readers.other_action
        self._means = readers.means
        self._offer = readers.offer
        self._warns = readers.warns
        self._net = readers.net or (lambda text: False)
        self._passed: deque[str] = deque(maxlen=PASSED_KEPT)
        self._passed_gravely: deque[str] = deque(maxlen=PASSED_KEPT)
        self._agreed: deque[str] = deque(maxlen=PASSED_KEPT)
        self._offered: deque[str] = deque(maxlen=PASSED_KEPT)
        self._on = on and readers.warns is not None
        self._confidence = confidence
        self._vosk: Any = None  # Vosk's open-vocabulary decoder, made on first use
        self._decoded = 0  # bytes of audio it has decoded
        self.heard: list[str] = []
        """This utterance's free decodes so far (`forget` starts the next)."""
        self._read: dict[str, bool] = {}  # the net's readings of this utterance's free decodes

    def hear(
        self, audio: bytes, at: float, transcriber: Callable[[bytes], str] | None = None
    ) -> list[Heard]:
        if not self._on or self._warns is None or len(audio) < MIN_FREE_AUDIO:
            return []
        text = normalize((transcriber or self.vosk_words)(audio))
        log.debug("free decode: %r", text)
        self.heard.append(text)
        if not text:
            return []
        if self._warns(text):
            log.info("heard freely, a warning sign: %r", text)
        elif self._net_reads(text) and self.net_reads_earlier():
            log.info("heard freely by two decoders, a sign the safety net reads: %r", text)
        else:
            return []
        self._passed.append(text)
        return [Heard(text=text, confidence=self._confidence, at=at)]

    def net_reads_earlier(self) -> bool:
        """Does the safety net read a warning sign in an earlier free decode of this utterance
        (one decoder's words: on its own never enough, `hear`)?"""
        return any(self._net_reads(text) for text in self.heard[:-1])

    def net_reads_any(self) -> bool:
        """Does the safety net read a warning sign in any free decode of this utterance ("my
        mark locked and my left foot salt and limit" for the grammar's "... is all tingly")?"""
        return any(self._net_reads(text) for text in self.heard)

    def second_opinion(self) -> bool:
        """Should Vosk's free decode be asked even though the grammar heard a whole sentence of
        ours: the net read a sign in the only free decode so far (Moonshine's)?"""
        first = self.heard[0] if len(self.heard) == 1 else ""
        return self._on and self._net_reads(first)

    def _net_reads(self, text: str) -> bool:
        """The net's reading of one free decode, made once per utterance (`hear`,
        `net_reads_earlier` and `second_opinion` ask about the same words)."""
        if text not in self._read:
            self._read[text] = bool(text) and self._net(text)
        return self._read[text]

    def graver(self, words: str, whole: bool, at: float) -> list[Heard]:
        """A free decode of this utterance that `grave(text, words, whole)` finds graver than
        the grammar's `words` ("" if it passes none on; voice.hearing.matcher_wiring.grave_with:
        a word of life and death, read as a warning sign or the emergency concern where theirs
        are not): passed on in place of the grammar's words. The grammar can only say our
        sentences: "i don't want to die" came out "i don't want the ice" (the ice timer
        cancelled) while Moonshine heard it word for word; "i think i'm going to die" came out
        as nothing (one free decode heard "today": the net reads free words only where two
        agree)."""
        if not self._on or self._grave is None:
            return []
        for text in self.heard:
            if self._grave(text, words, whole):
                log.info("heard freely, graver than the grammar's words: %r", text)
                self._passed_gravely.append(text)
                return [Heard(text=text, confidence=self._confidence, at=at)]
        return []

    def doubts(self, words: str) -> bool:
        """Does the first free decode of this utterance (Moonshine's, asked of every one; the
        one measured) say another action or amount than the grammar's `words`
        (voice.hearing.matcher_wiring.other_action_with)? Then they are dropped: asked again."""
        return self._other_action is not None and self._other_action(words, self.heard[:1])

    def passed_on(self, text: str) -> bool:
        """Was `text` passed on by `hear` or `confirms` lately?"""
        return normalize(text) in self._passed

    def passed_gravely(self, text: str) -> bool:
        """Was `text` passed on by `graver` lately (one free decode's words)?"""
        return normalize(text) in self._passed_gravely

    def vosk_words(self, audio: bytes) -> str:
        """The Vosk model's open-vocabulary words. Its decoder is let go once it has decoded
        RENEW_AFTER bytes (the next call makes a new one): one kept for ever grew by 2-5 MB
        per utterance of TV talk (its lazily composed graph keeps every state it reached),
        and one made per utterance doubles the decode's CPU (bench/results/memory.md)."""
        if self._vosk is None:
            import vosk

            self._vosk = vosk.KaldiRecognizer(self._model, RATE)
            self._decoded = 0
        self._vosk.AcceptWaveform(audio)
        self._decoded += len(audio)
        text = str(json.loads(self._vosk.FinalResult()).get("text", ""))
        if self._decoded >= RENEW_AFTER:
            self._vosk = None  # its memory freed now, for the heap trim after this utterance
        return text

    def forget(self) -> None:
        self.heard = []
        self._read = {}

    def confirms(self, words: str, at: float, confidences: Sequence[float] = ()) -> list[Heard]:
        """The grammar's `words` as a warning sign, if they hold one, no free decode of this
        utterance denies it (`denied`), and the free decodes agree with them (`agrees`), or
        Vosk was sure of the words the warning rests on (`sure`, with each word's
        `confidences`), or the net reads a sign in a free decode (`net_reads_any`)."""
        if not self._on or self._warns is None or not words or not self.heard:
            return []
        if not self._warns(words):
            return self._read_twice(words, at)
        if agreement.denied(words, self.heard, self._warns):
            return []
        if agreement.agrees(words, self.heard, self._warns) and not agreement.affirmed(
            words, self.heard, self._warns
        ):
            log.info("a warning sign in the grammar's words, the free decodes agreeing: %r", words)
        elif agreement.sure(words, confidences, self._warns) and not agreement.contradicted(
            words, self.heard, self._warns
        ):
            log.info("a warning sign in the grammar's words, heard surely: %r", words)
        elif self.net_reads_any() and not agreement.affirmed(words, self.heard, self._warns):
            log.info("a warning sign in the grammar's words, the net reading one freely: %r", words)
        else:
            return []
        return [Heard(text=words, confidence=self._confidence, at=at)]

    def _read_twice(self, words: str, at: float) -> list[Heard]:
        """The grammar's loose `words` as a sign the safety net reads in them and in the first
        free decode (Moonshine's) too, unless a free decode's negation in its place unsays it:
        two decoders each heard one ("every time i cough it short since on my leg", "every
        time i copied she would send it to my leg"). The net alone on the grammar's words took
        the "numb" and "floppy" it says where nobody did for signs (heard_as); with a second
        decoder's words it caught 12 more of 432 spoken signs for 1 more false alarm of 204
        harmless utterances, and no request or room talk changed (bench/free_pass_replay.py).
        Passed on as free words, for the net to read (`passed_on`)."""
        if not (self._net_reads(self.heard[0]) and self._net_reads(words)):
            return []
        if agreement.denied(words, self.heard, self._net_reads):
            return []
        log.info("a sign the net reads in the grammar's words and a free decode's: %r", words)
        self._passed.append(words)
        return [Heard(text=words, confidence=self._confidence, at=at)]
