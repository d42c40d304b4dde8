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
an agreement (`affirmed`: the grammar's "can't" where both decoders heard "can")."""

from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from typing import Any

from rapidfuzz import fuzz

from voice.events import Heard
from voice.hearing.vocabulary import normalize

log = logging.getLogger(__name__)

RATE = 16000
MIN_FREE_AUDIO = RATE  # bytes
"""Half a second of 16-bit audio: shorter is no sentence, and not worth a second decode."""
PASSED_KEPT = 8
"""Texts `hear` passed on, remembered so the reader knows them for free words (`passed_on`)."""
RENEW_AFTER = 30 * 2 * RATE
"""Bytes of audio (30 s) the open-vocabulary decoder decodes before it is made anew."""


class FreeListening:
    """`hear(audio, at, transcriber)`: the Heard to pass on, if the transcriber's words (default:
    the Vosk model's own open vocabulary) hold a warning sign."""

    def __init__(
        self,
        model: Any,
        warns: Callable[[str], bool] | None,
        on: bool,
        confidence: float,
        net: Callable[[str], bool] | None = None,
    ) -> None:
        self._model = model
        self._warns = warns
        self._net = net or (lambda text: False)
        self._passed: deque[str] = deque(maxlen=PASSED_KEPT)
        self._on = on and warns is not None
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

    def passed_on(self, text: str) -> bool:
        """Was `text` passed on by `hear` lately (the free decode's own words)?"""
        return normalize(text) in self._passed

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
        if not self._warns(words) or denied(words, self.heard, self._warns):
            return []
        if agrees(words, self.heard, self._warns) and not affirmed(words, self.heard, self._warns):
            log.info("a warning sign in the grammar's words, the free decodes agreeing: %r", words)
        elif sure(words, confidences, self._warns) and not contradicted(
            words, self.heard, self._warns
        ):
            log.info("a warning sign in the grammar's words, heard surely: %r", words)
        elif self.net_reads_any() and not affirmed(words, self.heard, self._warns):
            log.info("a warning sign in the grammar's words, the net reading one freely: %r", words)
        else:
            return []
        return [Heard(text=words, confidence=self._confidence, at=at)]


_FUNCTION = """i my me a an the and to of in on it it's is was be been am are at that this so
um uh like with for from up down off all just now when i've i'm its"""
FUNCTION_WORDS = frozenset(_FUNCTION.split())
_NEGATIONS = """no not don't didn't haven't hasn't isn't wasn't can't cannot never nothing none
without won't aren't"""
NEGATIONS = frozenset(_NEGATIONS.split())
MIN_SHARED = 0.3
"""Share of the grammar's content words a free decode must also have."""


def denied(words: str, free: list[str], warns: Callable[[str], bool]) -> bool:
    """Has a free decode a negation the grammar's `words` lack that, put in its place among
    them, unsays the warning ("no chest pain" heard by the grammar as "know chest pain")? In
    its place: before the word it lines up with, and instead of that word when the free decode
    has it for one the warning does not rest on ("no fever" for the grammar's "low fever").
    A negation that unsays nothing there is about something else ("my speech is slurred and i
    haven't been drinking"), or a mishearing ("i can't scrawling" for "like ants crawling")."""
    said = words.split()
    where = set(resting(said, warns))
    for text in free:
        other = text.split()
        for op, i1, i2, j1, j2 in SequenceMatcher(None, said, other, autojunk=False).get_opcodes():
            for j in range(j1, j2) if op != "equal" else ():
                word = other[j]
                if word not in NEGATIONS or word in said:
                    continue
                i = i1 + min(j - j1, i2 - i1)
                if not warns(" ".join([*said[:i], word, *said[i:]])):
                    return True
                swapped = op == "replace" and i < i2 and i not in where
                if swapped and not warns(" ".join([*said[:i], word, *said[i + 1 :]])):
                    return True
    return False


def affirmed(words: str, free: list[str], warns: Callable[[str], bool]) -> bool:
    """Have two free decodes or more, and every one of them, in the place of a negation the
    warning in the grammar's `words` rests on, one word that is no negation ("i can breathe
    okay" where the grammar said "can't")? The grammar adds negations nobody said; but one
    decoder alone also drops them ("half my face will move" for "won't"), so it takes all."""
    said = words.split()
    where = {i for i in resting(said, warns) if said[i] in NEGATIONS}
    if len(free) < 2 or not where:
        return False
    for text in free:
        other = text.split()
        opcodes = SequenceMatcher(None, said, other, autojunk=False).get_opcodes()
        if not any(
            op == "replace" and i2 - i1 == 1 and j2 - j1 == 1 and i1 in where
            and other[j1] not in NEGATIONS
            for op, i1, i2, j1, j2 in opcodes
        ):  # fmt: skip
            return False
    return True


def contradicted(words: str, free: list[str], warns: Callable[[str], bool]) -> bool:
    """Has a free decode, between words both heard, another word in the very place of one the
    warning rests on, one that sounds nothing like it (`different`)? "i checked and i can
    feel my toes" where the grammar said "tripped"; "can" where it said "can't". (Only for
    words Vosk was `sure` of: the free decodes of bench voices miss too many words of
    warning signs, "fit" for "get" in "i can't get my breath", to overrule an agreement.)"""
    said = words.split()
    where = set(resting(said, warns))
    for text in free:
        other = text.split()
        for op, i1, i2, j1, j2 in SequenceMatcher(None, said, other, autojunk=False).get_opcodes():
            single = op == "replace" and i2 - i1 == 1 and j2 - j1 == 1
            if single and i1 in where and 0 < i1 < len(said) - 1 and different(said[i1], other[j1]):
                return True
    return False


UNLIKE = 40.0
"""Spelling similarity (rapidfuzz ratio, 0-100) below which two words are not one misheard:
"tripped" and "checked" 29, "not" and "are" 0; "numbness" and "helmless" 50."""


def different(said: str, other: str) -> bool:
    """Is `other` another word than `said`, not a mishearing of it? A negation and a word
    that is none always are ("can't" and "can")."""
    if (said in NEGATIONS) != (other in NEGATIONS):
        return True
    return fuzz.ratio(said, other) < UNLIKE


def agrees(words: str, free: list[str], warns: Callable[[str], bool]) -> bool:
    """Do the free decodes bear out the warning sign in the grammar's `words`? A word the
    warning rests on (`resting`) is in a free decode, and at least MIN_SHARED of the content
    words are in one of them. (A negation in a free decode is `denied`'s to catch.)"""
    said = words.split()
    decoded = [set(text.split()) for text in free]
    anywhere = set().union(*decoded)
    content = [w for w in said if w not in FUNCTION_WORDS]
    if not content or denied(words, free, warns):
        return False
    if max(sum(w in d for w in content) / len(content) for d in decoded) < MIN_SHARED:
        return False
    return any(said[i] in anywhere for i in resting(said, warns))


def resting(said: list[str], warns: Callable[[str], bool]) -> list[int]:
    """Where the words are that the warning rests on: content words that, left out, leave no
    warning. When no one word does (the sign said twice: "i crashed the car and hit my head"),
    each content word that holds a warning with only the function words around it ("crashed"),
    or failing that every content word."""
    content = [i for i, w in enumerate(said) if w not in FUNCTION_WORDS]
    needed = [i for i in content if not warns(" ".join(said[:i] + said[i + 1 :]))]
    if needed:
        return needed
    return [
        i
        for i in content
        if warns(" ".join(w for j, w in enumerate(said) if j == i or w in FUNCTION_WORDS))
    ] or content


SURE_WORD = 0.95
"""Vosk's confidence in each word a warning rests on, for the grammar's words to count alone."""
SURE_MEAN = 0.8
"""... and its mean confidence over the content words."""


def sure(words: str, confidences: Sequence[float], warns: Callable[[str], bool]) -> bool:
    """Was Vosk sure of the grammar's `words` where the warning sign is? Pressed with speech
    that is not ours, the grammar says "numb" and "not" where nobody did, and then with less
    confidence than where it hears our words."""
    said = words.split()
    if len(confidences) != len(said):
        return False
    content = [c for w, c in zip(said, confidences, strict=True) if w not in FUNCTION_WORDS]
    where = resting(said, warns)
    if not content or not where or sum(content) / len(content) < SURE_MEAN:
        return False
    return all(confidences[i] >= SURE_WORD for i in where)
