"""The coach's own voice (pyttsx3 on espeak-ng): where a synthesized sentence's voice ends, which
is where the listener's echo guard starts (espeak-ng's trailing silence is not waited out)."""

from __future__ import annotations

import numpy as np

from voice.speaking.synthesizer import OUTPUT_RATE, Synthesizer, voiced_samples


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
