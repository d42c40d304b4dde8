"""What keeps the recognizers' memory flat over hours (bench/results/memory.md), with the real
Vosk model, the real Moonshine model and real espeak-ng speech."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from voice.hearing.free_listening import RENEW_AFTER, FreeListening, FreeReaders
from voice.hearing.models import load_model
from voice.hearing.moonshine_model import MoonshineModel
from voice.hearing.moonshine_recognizer import free_words
from voice.wav_files import read_wav


def spoken(text: str, folder: Path) -> bytes:
    """16 kHz int16 PCM of espeak-ng saying `text`."""
    wav = folder / "said.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(wav), text], check=True)
    samples = read_wav(wav)
    return np.asarray(samples, dtype=np.int16).tobytes()


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return spoken("my toes feel all funny", tmp_path_factory.mktemp("speech"))


def test_the_open_vocabulary_decoder_is_made_anew_after_its_budget(
    vosk_model_path: Path, speech: bytes
) -> None:
    """Kept for ever, its lazily composed graph grows with every utterance; made anew per
    utterance, each decode costs twice the CPU: it is let go after RENEW_AFTER bytes, and
    goes on hearing. (Not the same words each time: Vosk's open-vocabulary decode of one clip
    varies from decode to decode, with a kept decoder or fresh ones alike.)"""
    listening = FreeListening(
        load_model(vosk_model_path), FreeReaders(warns=lambda text: False), True, 0.5
    )
    decoders, texts = [], []
    for _ in range(RENEW_AFTER // len(speech) + 2):
        texts.append(listening.vosk_words(speech))
        decoders.append(listening._vosk)  # noqa: SLF001 - which decoder heard it (kept here)
    renewed = (RENEW_AFTER + len(speech) - 1) // len(speech)  # the call that reached the budget
    assert all(d is decoders[0] for d in decoders[: renewed - 1])
    assert decoders[renewed - 1] is None  # let go at once, not at the next call
    assert decoders[renewed] is not None and decoders[renewed] is not decoders[0]
    assert all(len(text.split()) >= 3 for text in texts), texts


def test_moonshine_keeps_no_arena_and_no_shape_plans(speech: bytes) -> None:
    """Audio lengths vary: ONNX Runtime's arena would keep the longest utterance's tensors and
    its memory patterns one plan per input shape; both off, and it still hears the words."""
    model = MoonshineModel()
    for session in (model._encoder, model._decoder):  # noqa: SLF001
        options = session.get_session_options()
        assert not options.enable_cpu_mem_arena
        assert not options.enable_mem_pattern
    heard = free_words(model)
    assert heard(speech) == heard(speech)
    assert "toes" in heard(speech)
