"""The speech gate (voice/hearing/speech_gate.py) alone, with the real Silero VAD on espeak-ng
speech over room tone, and in front of the real Vosk: room tone is never decoded, and a first
word said straight out of silence ("stop", "help") is still heard whole."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from voice.hearing.cleanup import CleanupSettings
from voice.hearing.mic import BLOCK  # the microphone's chunk
from voice.hearing.recognizer import Recognizer
from voice.hearing.recognizer_settings import RecognizerSettings
from voice.hearing.speech_gate import GateSettings, SpeechGate
from voice.wav_files import read_wav

RATE = 16000
ROOM_RMS = 60.0  # a quiet room through a laptop microphone, roughly (as bench/latency.py)
PHRASES = ["stop", "help", "stop the timer", "i need help", "how much time is left", "yes"]


def said(text: str, tmp: Path) -> np.ndarray:
    """espeak-ng's voice, trimmed to the words (no lead-in: the word starts the speech), at
    about -25 dBFS."""
    wav = tmp / "said.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(wav), text], check=True)
    samples = read_wav(wav).astype(np.float64)
    loud = np.nonzero(np.abs(samples) > 300)[0]
    samples = samples[loud[0] : loud[-1] + 1]
    return samples * (1800.0 / np.sqrt(np.mean(samples**2)))


def room(seconds: float, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).normal(0, ROOM_RMS, int(seconds * RATE))


def in_room(words: np.ndarray, before: float = 3.0, after: float = 2.0) -> tuple[np.ndarray, int]:
    """Room tone, the words over it, room tone; and the sample where the words start."""
    audio = room(before + len(words) / RATE + after, seed=len(words))
    start = int(before * RATE)
    audio[start : start + len(words)] += words
    return np.clip(audio, -32768, 32767).astype(np.int16), start


def chunks(samples: np.ndarray) -> list[bytes]:
    return [samples[i : i + BLOCK].tobytes() for i in range(0, len(samples), BLOCK)]


def test_room_tone_is_never_decoded_nor_put_to_the_voice_detector() -> None:
    gate = SpeechGate()
    tone = np.clip(room(20.0, seed=1), -32768, 32767).astype(np.int16)
    passed = b"".join(gate.feed(c) for c in chunks(tone))
    assert passed == b""
    assert gate.openings == 0
    assert gate.windows == len(tone) // 512
    assert gate.detector_windows == 0  # the level alone kept the detector asleep


@pytest.mark.parametrize("text", ["stop", "help", "how much time is left"])
def test_speech_opens_the_gate_with_the_audio_before_it(tmp_path: Path, text: str) -> None:
    settings = GateSettings()
    words = said(text, tmp_path)
    audio, start = in_room(words)
    gate = SpeechGate(settings)
    passed, first_chunk, states = [], None, []
    for index, chunk in enumerate(chunks(audio)):
        out = gate.feed(chunk)
        if out and first_chunk is None:
            first_chunk = index
        passed.append(out)
        states.append(gate.is_open)
    assert gate.openings == 1
    assert first_chunk is not None
    emitted = b"".join(passed)
    opened_at = (first_chunk + 1) * BLOCK  # the end of the chunk that opened it
    # What came out is one unbroken stretch of the input, from before the words began.
    begin = audio.tobytes().find(emitted[: BLOCK * 2])
    assert begin >= 0 and audio.tobytes()[begin : begin + len(emitted)] == emitted
    first_sample = begin // 2
    assert first_sample <= start - int(0.25 * RATE), (first_sample, start)
    # (the ring holds whole chunks: the pre-roll rounded up, then the chunk that opened it)
    assert opened_at - first_sample <= int(settings.preroll * RATE) + 2 * BLOCK
    # ... to after they ended, and the gate is shut again by the end of the room tone.
    assert first_sample + len(emitted) // 2 >= start + len(words)
    assert not states[-1]


def gated_recognizer(model: object, gate: GateSettings | None) -> Recognizer:
    settings = RecognizerSettings(
        second_pass=None,
        listen_freely_for_warnings=False,
        cleanup=CleanupSettings(noise_suppression=0, auto_gain=0),
        speech_gate=gate,
    )
    return Recognizer(model, PHRASES, settings)


@pytest.mark.parametrize("text", ["stop", "help"])
def test_a_first_word_out_of_silence_is_heard_through_the_gate(
    model: object, tmp_path: Path, text: str
) -> None:
    """Without the pre-roll (GateSettings(preroll=0)) "stop" was lost here: the voice detector
    fires a window or two after the word begins."""
    rec = gated_recognizer(model, GateSettings())
    audio, _ = in_room(said(text, tmp_path))
    finals = [h.text for c in chunks(audio) for h in rec.feed(c) if h.final]
    finals += [h.text for h in rec.finish()]
    assert finals == [text]
    assert rec._gate is not None and rec._gate.openings == 1  # noqa: SLF001 - it was gated


def test_the_gate_decodes_a_share_of_the_audio_only(model: object, tmp_path: Path) -> None:
    """Three commands in a minute of room tone: Vosk is given little more than the words."""
    rec = gated_recognizer(model, GateSettings())
    parts = []
    for text in ("stop", "i need help", "how much time is left"):
        audio, _ = in_room(said(text, tmp_path), before=10.0, after=8.0)
        parts.append(audio)
    audio = np.concatenate(parts)
    finals = [h.text for c in chunks(audio) for h in rec.feed(c) if h.final]
    assert finals == ["stop", "i need help", "how much time is left"]
    decoded = rec._endpoint.position / RATE  # noqa: SLF001 - audio given to the decoders
    assert decoded < 0.2 * len(audio) / RATE, decoded
