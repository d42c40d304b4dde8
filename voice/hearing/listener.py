"""Between the audio source and the session: full-duplex listening.

The recognizer listens all the time, also while the coach's voice plays. Laptop speakers reach
the laptop microphone, so while the coach speaks (and for `tail_guard` seconds after its last
voiced sample, while its echo dies away) the recognizer hears the microphone signal with the
coach's voice cancelled (`EchoStage`: the speaker's own samples, speexdsp's echo canceller);
otherwise it hears the microphone as it is.

A result whose utterance overlapped the coach's voice is passed on (as `Heard(over_speech=
True)`; what it then does is the session's decision) only if both hold:
- double talk: during the utterance, over some 0.3 s, the canceller removed much less than it
  removes from the coach's voice alone (someone besides the coach spoke), and
- it is not an echo of the coach's words: not every content word of it is a word of what the
  coach said in the last few seconds, and
- it is a whole sentence of ours (`is_sentence`), not a loose string of our words: the
  coach's voice half-cancelled and mixed with a person's comes out as such strings.
Anything else heard over the coach's voice is kept in `ignored` (and logged at debug level).
Without an echo canceller only the stop phrases count over the coach's voice, and only words
the coach is not saying itself.

Half duplex (the default, `full` False): over the coach's voice only a small recognizer, the
stopper, listens; with an echo canceller it knows the sentences that cut the coach (`SPOTTED`:
a warning sign, "it hurts", stop), judged as above; a question said over the coach is not
taken (full duplex answers it after the sentence).

Measured with the coach's voice looped back at full level: bench/duplex.py,
bench/results/duplex.md.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from voice.events import Event, Heard
from voice.hearing.double_talk import DoubleTalk
from voice.hearing.echo import EchoStage
from voice.hearing.own_voice import STOP_ALONE, STOP_WORDS, echo_of, not_said, words_in
from voice.hearing.speech_recognizer import DROPPED_KEPT, SpeechRecognizer
from voice.hearing.stopper import Stopper

log = logging.getLogger(__name__)


TAIL_GUARD = 0.3
"""Seconds after the coach's last voiced sample reached the speaker (counted from the last
microphone chunk that arrived while it played) during which its echo is still cancelled and
what is heard is judged as heard over its voice. A living room's echo dies 60 dB in about
0.4 s, so 30 dB in 0.2 s (textbook figures, not measured here). 0.5 s counted from the end of
espeak-ng's trailing silence (as before) clipped a "yes" said as soon as an offer ended."""
ECHO_TAIL = 0.5
"""Seconds after the last chunk captured while the speaker played during which its echo may
still arrive: the echo path's delay (0.21 s through PulseAudio's loopback here) and the
room's decay; the canceller's filter is 0.4 s long."""
SPOTTED = ("Emergency", "RedFlag", "ItHurts", "Stop")
"""Intents whose sentences the spotter listens for over the coach's voice (they cut it)."""
REPEAT_WINDOW = 3.0
"""Seconds in which the same words from the spotter and the main recognizer are one result."""
RECENT_SPEECH = 6.0
"""Seconds the coach's sentences are remembered for the echo-of-its-words test (a sentence's
echo can come out of the recognizer a second or two after the next one starts)."""


@dataclass(frozen=True)
class SpeechState:
    """How the listener sees the speaker: is it speaking, and what is it saying."""

    speaking: Callable[[], bool]
    saying: Callable[[], str]


@dataclass
class _Utterance:
    """What the listener knows of the utterance in progress."""

    over_speech: bool = False
    """The coach's voice (or its echo) overlapped it."""
    start: float | None = None
    """When the voice detector heard it start (None: not yet)."""


class Listener:
    def __init__(
        self,
        recognizer: SpeechRecognizer,
        speech: SpeechState,
        post: Callable[[Event], None],
        tail_guard: float = TAIL_GUARD,
        echo: EchoStage | None = None,
        spotter: SpeechRecognizer | None = None,
        full: bool = False,
        stopper: Stopper | None = None,
        urgent: Callable[[str], bool] | None = None,
    ) -> None:
        """`echo` cancels the coach's voice from the microphone signal; without it only the
        stop phrases are heard over the coach's voice. `spotter` (`spotter_recognizer`)
        listens over the coach's voice for the sentences that cut it, besides the main
        recognizer: a small grammar picks them out of a mixture the main one hears as a
        string of words. `full` False (the default, as `--full-duplex` off): over the
        coach's voice only the stop phrases count, echo-cancelled and with double talk.
        `stopper` (half duplex only): a recognizer of the sentences that cut the coach
        (`Stopper` of `spotter_recognizer`: `SPOTTED` with an echo canceller, the stop phrases
        without) that listens over the coach's voice instead of `recognizer` (which, decoding
        its voice, kept 2 cores busy: listener_over_speech.md). `urgent`: is text a warning
        sign?"""
        self._recognizer = recognizer
        self._full = full
        self._spotter = spotter
        self._stopper = stopper if not full else None
        self._urgent = urgent
        self._posted: deque[tuple[float, str]] = deque(maxlen=4)  # over the coach's voice
        self._echo = echo
        self._speech = speech
        self._post = post
        self._tail_guard = tail_guard
        self._echo_until = 0.0
        self._utterance = _Utterance()
        self._cleaned_input = False  # the recognizer hears the cleaned signal
        self._double_talk = DoubleTalk()
        self._said: deque[tuple[float, str]] = deque(maxlen=8)  # (when, sentence) recently
        self.ignored: deque[str] = deque(maxlen=DROPPED_KEPT)  # heard over its voice, not passed on
        self.over_speech = 0  # finals heard over the coach's voice and passed on
        self.busy = 0.0  # seconds spent in feed() (for bench/duplex.py)

    def feed(self, chunk: bytes, at: float) -> None:
        began = time.perf_counter()
        cleaned = self._echo.clean(chunk, at) if self._echo is not None else chunk
        if self._speech.speaking():
            self._echo_until = at + self._tail_guard
            self._remember_said(at)
        voiced = self._echo.voiced_at + ECHO_TAIL if self._echo is not None else 0.0
        echoing = at < max(self._echo_until, voiced)
        trained = self._echo.trained if self._echo is not None else 0.0
        self._double_talk.observe(chunk, cleaned, at, echoing, trained)
        if self._stopper is not None and (echoing or self._stopper.active):
            self._listen_for_stop(cleaned, at, echoing)
            self.busy += time.perf_counter() - began
            return
        in_utterance = self._recognizer.in_speech
        if self._cleaned_input and not (echoing or in_utterance or self._utterance.over_speech):
            self._cleaned_input = False  # the utterance handed over has ended
        if echoing:
            self._utterance.over_speech = True
            self._cleaned_input = self._echo is not None
        elif self._utterance.over_speech and not in_utterance:
            # The coach's voice has died away and nobody is mid-sentence: forget its echo.
            self._recognizer.reset()
            if self._spotter is not None:
                self._spotter.reset()
            self._utterance = _Utterance()
            self._cleaned_input = False
        if self._spotter is not None and self._cleaned_input:
            for heard in self._spotter.feed(cleaned, at):
                if heard.final:
                    self._spotted(heard, at)
        if in_utterance and self._utterance.start is None:
            self._utterance.start = at
        audio = cleaned if self._cleaned_input else chunk
        for heard in self._recognizer.feed(audio, at):
            self._pass_on(heard, at, echoing)
        self.busy += time.perf_counter() - began

    def _listen_for_stop(self, audio: bytes, at: float, echoing: bool) -> None:
        """Half duplex over the coach's voice: only the stopper listens, until the voice has
        died away and nobody has been speaking over it for longer than `stopper.HANDOVER`; then the
        main recognizer starts afresh, hearing first the last `HANDOVER` seconds (what it had
        of an utterance the voice overlapped would only have been ignored), echo-cancelled,
        and the rest of that utterance echo-cancelled too: switching to the raw microphone
        mid-word (its noise floor six times the cleaned one's) lost a "yes" said 0.15 s after
        the reply in 6 of 20 decodes (Kaldi's random dither picks which), 0 of 20 now."""
        assert self._stopper is not None
        if not self._stopper.active:
            self._recognizer.reset()
            self._utterance = _Utterance(over_speech=True)
        if self._stopper.in_speech and self._utterance.start is None:
            self._utterance.start = at
        for heard in self._stopper.hear(audio, at):
            self._pass_on(heard, at, echoing)
        if echoing or self._stopper.spoken_over(at):
            return  # the coach's voice, or someone speaking over it
        last = self._stopper.hand_over(at)
        self._recognizer.reset()
        self._utterance = _Utterance()
        self._cleaned_input = self._echo is not None  # what it hears first is cleaned
        for heard in self._recognizer.feed(last, at):
            self._pass_on(heard, at, False)

    def finish(self, at: float) -> None:
        """End of input: pass on whatever was pending."""
        for heard in self._recognizer.finish(at):
            self._pass_on(heard, at, at < self._echo_until)

    def _pass_on(self, heard: Heard, at: float, echoing: bool) -> None:
        utterance = self._utterance
        if heard.final:
            self._utterance = _Utterance(over_speech=echoing)
        if not utterance.over_speech:
            self._post(heard)
            return
        if not heard.final:
            return  # partials over the coach's voice may be its own words: not logged
        said = heard.text
        if self._stopper is not None and self._echo is not None and self._urgent is not None:
            # the rest: the coach's voice half cancelled; signs only (a stop so found cut falsely)
            said = self._stopper.warning_in(said, self._urgent) or said
        why = self._doubt(said, utterance, at)
        if why is not None:
            log.info("heard over the coach's voice, ignored (%s): %r", why, heard.text)
            self.ignored.append(heard.text)
            return
        whole = self._echo is not None and (self._full or self._guarded(said))
        text = said if whole else self._stop_word(said) or ""
        stop_alone = self._stop_word(text) and len(text.split()) <= STOP_ALONE
        stopper = self._stopper if whole and not stop_alone else None
        main, alike = self._recognizer, self._alike
        if stopper is not None and not stopper.confirmed_by(main, text, at, alike(text)):
            log.info("heard over the coach's voice, ignored (not confirmed): %r", text)
            self.ignored.append(text)
            return
        self._post_over_speech(Heard(text=text, confidence=heard.confidence, at=at))

    def _spotted(self, heard: Heard, at: float) -> None:
        """A final of the spotter: judged as the main recognizer's are (it knows only whole
        sentences), the utterance being the last two seconds."""
        if not heard.text:
            return
        why = self._doubt(heard.text, _Utterance(True, at - 2.0), at, whole=False)
        if why is not None:
            log.info("spotted over the coach's voice, ignored (%s): %r", why, heard.text)
            self.ignored.append(heard.text)
            return
        self._post_over_speech(Heard(text=heard.text, confidence=heard.confidence, at=at))

    def _post_over_speech(self, heard: Heard) -> None:
        if any(
            text == heard.text and heard.at - when < REPEAT_WINDOW for when, text in self._posted
        ):
            return  # the spotter and the main recognizer heard the same words
        self._posted.append((heard.at, heard.text))
        log.info("heard over the coach's voice: %r", heard.text)
        self.over_speech += 1
        self._post(
            Heard(text=heard.text, confidence=heard.confidence, at=heard.at, over_speech=True)
        )

    def _doubt(self, text: str, utterance: _Utterance, at: float, whole: bool = True) -> str | None:
        """Why a final heard over the coach's voice is not taken as someone else's words
        (None: it is)."""
        said = " ".join(sentence for _, sentence in self._said)
        if self._echo is None and not self._stop_word(text):
            return "stop phrases only (no echo canceller)"
        if not self._full and not (self._stop_word(text) or self._guarded(text)):
            return "full duplex off: only the stopper's sentences count"
        if self._echo is None:
            return None
        start = utterance.start if utterance.start is not None else at - 1.0
        if not self._double_talk.heard_since(start):
            return "no double talk"
        if echo_of(text, said):
            return "the coach's own words"
        if whole and not self._recognizer.is_sentence(text):
            return "not a whole sentence"
        return None

    def _alike(self, text: str) -> Callable[[str], bool] | None:
        """What confirms a warning sign the stopper heard besides the same words: the main
        recognizer hearing a warning sign too, in its words left when the coach's are taken
        out (`not_said`; "i can't breathe" came out of the stopper word for word over the
        coach's voice and the main recognizer heard other words: not confirmed, bench/results/
        duplex_calm_half_aligned.md)."""
        urgent = self._urgent
        if urgent is None or not urgent(text):
            return None
        said = " ".join(sentence for _, sentence in self._said)
        return lambda heard: urgent(not_said(heard, said))

    def _guarded(self, text: str) -> bool:
        """Half duplex: is `text` a whole sentence of the stopper's (with an echo canceller it
        knows the warning signs, "it hurts" and stop: `SPOTTED`)?"""
        return self._stopper is not None and self._stopper.is_sentence(text)

    def _stop_word(self, text: str) -> str | None:
        """The stop word in `text` that the coach has not said itself in the last few seconds
        (`RECENT_SPEECH`: its echo is heard a moment after it plays, when the coach may be on
        its next sentence; "say it hurts to stop" then cut the reply it was part of)."""
        sentences = [self._speech.saying(), *(sentence for _, sentence in self._said)]
        said = set(words_in(" ".join(sentences)))
        return next((w for w in text.split() if w in STOP_WORDS and w not in said), None)

    def _remember_said(self, at: float) -> None:
        text = self._speech.saying()
        if self._said and self._said[-1][1] == text:
            self._said[-1] = (at, text)  # when it was last heard playing
        elif text:
            self._said.append((at, text))
        while len(self._said) > 1 and self._said[0][0] < at - RECENT_SPEECH:
            self._said.popleft()
