"""The coach's own voice (pyttsx3 on espeak-ng): where a synthesized sentence's voice ends, which
is where the listener's echo guard starts (espeak-ng's trailing silence is not waited out)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import numpy as np
import pytest

from intents.replies import Replies
from voice.clock import FakeClock
from voice.events import AdjustVoice, Say
from voice.speaking.speech_policy import sentences
from voice.speaking.speech_queue import SpeechQueue
from voice.speaking.spoken_length import spoken_seconds
from voice.speaking.synthesizer import OUTPUT_RATE, Synthesizer, Utterance, voiced_samples


def test_voice_ends_before_espeaks_trailing_silence() -> None:
    utterance = Synthesizer().synthesize("Would you like me to count you through the hold?")
    voiced = voiced_samples(utterance.samples)
    silence = (len(utterance.samples) - voiced) / OUTPUT_RATE
    assert 0.25 < silence < 0.45, f"{silence:.3f} s after the voice (espeak-ng: 0.33-0.39)"
    last_word = utterance.samples[voiced - OUTPUT_RATE // 10 : voiced].astype(np.float64)
    assert np.sqrt(np.mean(last_word**2)) > 100, "the 0.1 s before the end is voice"
    after = utterance.samples[voiced:].astype(np.float64)
    assert np.sqrt(np.mean(after**2)) < 20, "what follows is (near) silence"


def test_voiced_samples_on_a_tone_and_on_silence() -> None:
    tone = (8000 * np.sin(np.arange(2205) * 0.3)).astype(np.int16)
    whisper = np.full(100, 70, dtype=np.int16)  # -41 dB under the tone: counts as silence
    samples = np.concatenate([np.zeros(500, np.int16), tone, whisper, np.zeros(7000, np.int16)])
    assert voiced_samples(samples) == 500 + int(np.flatnonzero(np.abs(tone) > 80)[-1]) + 1
    assert voiced_samples(np.zeros(1000, np.int16)) == 0
    assert voiced_samples(np.zeros(0, np.int16)) == 0


def test_the_spoken_length_estimate_matches_espeak_closely_and_errs_long() -> None:
    """The speech queue estimates sentences not yet synthesized (voice.speaking.spoken_length)
    to decide whether a whole reply ends before the next countdown number: an estimate too
    short would let it run into the number."""
    replies = Replies.load()
    texts = [
        replies.variants("PainRelief")[0],
        replies.variants("HeatQuestion.no_episode")[0],
        replies.variants("Help")[0],
        replies.variants("Offer.stretch")[0],
        "Release... and rest.",
    ]
    synthesizer = Synthesizer()
    for text in texts:
        real = synthesizer.synthesize(text).duration
        estimate = spoken_seconds(text)
        assert real - 0.3 <= estimate <= real * 1.15 + 0.3, f"{text[:30]!r}: {estimate} vs {real}"


def test_the_speech_queue_learns_espeaks_pace_after_a_change_of_voice() -> None:
    """espeak-ng's times do not follow the rate in proportion (measured through pyttsx3: after
    "slower" twice then "faster" a reply still takes as long as at the slowest rate): the queue
    learns the pace from the sentences it has synthesized, so its estimate of a sentence not
    yet made stays close."""
    replies = Replies.load()
    synthesizer = Synthesizer()
    queue = SpeechQueue(_SynthesizeOnly(synthesizer), FakeClock())
    for factor, key in ((0.8, "Help"), (0.8, "Prevention"), (1.5625, "Knot")):
        queue.adjust(AdjustVoice(rate_factor=factor))  # slower, slower, faster
        queue.warm(part.text for part in sentences(Say(replies.variants(key)[0])))  # said
    for key in ("PainRelief", "IceHowLong", "AskProfessional"):
        text = replies.variants(key)[0]
        real = synthesizer.synthesize(text).duration
        estimate = queue.pace.seconds(text)
        assert real * 0.85 <= estimate <= real * 1.25, f"{key}: {estimate:.2f} vs {real:.2f}"


class _SynthesizeOnly:
    """The real synthesizer behind the queue's Player; nothing is played in this test."""

    def __init__(self, synthesizer: Synthesizer) -> None:
        self._synthesizer = synthesizer

    def synthesize(self, text: str) -> Utterance:
        return self._synthesizer.synthesize(text)

    def play(self, utterance: Utterance, on_done: Callable[[bool], None]) -> None:
        raise AssertionError("nothing is played here")

    def stop(self) -> None:
        pass

    def set_voice(self, rate_factor: float, volume_delta: float) -> None:
        self._synthesizer.set_voice(rate_factor, volume_delta)


def test_what_other_threads_print_while_it_synthesizes_is_kept(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Live mode prints what it heard and says from several threads; synthesis used to swap
    the process's stdout for a buffer (to hide pyttsx3's "Audio saved to ..."), and lines
    printed meanwhile were lost."""
    synthesizer = Synthesizer()
    done = threading.Event()
    worker = threading.Thread(
        target=lambda: (
            synthesizer.synthesize("Lie on your back and rest a while. " * 40),
            done.set(),
        )
    )
    printed = 0
    worker.start()
    while not done.is_set():
        print(f"line {printed}")
        printed += 1
        time.sleep(0.001)
    worker.join()
    out = capsys.readouterr().out
    assert printed > 3  # some lines were printed while it synthesized
    assert out.splitlines() == [f"line {i}" for i in range(printed)]
    assert "Audio saved" not in out
