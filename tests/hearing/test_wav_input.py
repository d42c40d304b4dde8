"""WAV input: real files of every shape, written with the wave module and sox."""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from voice.errors import AudioFormatError
from voice.wav_files import read_wav, wav_chunks


def write_wav(
    path: Path, samples: np.ndarray, rate: int, channels: int = 1, width: int = 2
) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())
    return path


def tone(rate: int, seconds: float, freq: float = 440.0) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return (10000 * np.sin(2 * np.pi * freq * t)).astype(np.int16)


@pytest.mark.parametrize("rate", [8000, 16000, 22050, 44100, 48000])
def test_any_rate_becomes_16k_with_the_same_length_and_pitch(tmp_path: Path, rate: int) -> None:
    path = write_wav(tmp_path / "a.wav", tone(rate, 1.0), rate)
    samples = read_wav(path)
    assert samples.dtype == np.int16
    assert abs(len(samples) - 16000) <= 1
    spectrum = np.abs(np.fft.rfft(samples.astype(float)))
    assert abs(np.argmax(spectrum) * 16000 / len(samples) - 440) < 3


def test_stereo_is_mixed_to_mono(tmp_path: Path) -> None:
    left = tone(16000, 0.5)
    stereo = np.stack([left, np.zeros_like(left)], axis=1)
    samples = read_wav(write_wav(tmp_path / "s.wav", stereo, 16000, channels=2))
    assert len(samples) == len(left)
    assert np.max(np.abs(samples - left // 2)) <= 1


def test_chunks_cover_the_file(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "a.wav", tone(16000, 0.35), 16000)
    chunks = list(wav_chunks(path, 1600))
    assert [len(c) for c in chunks] == [3200, 3200, 3200, 1600]


def test_other_sample_widths_are_refused_by_name(tmp_path: Path) -> None:
    path = write_wav(
        tmp_path / "eight.wav", (tone(8000, 0.1) // 256 + 128).astype(np.uint8), 8000, width=1
    )
    with pytest.raises(AudioFormatError, match=r"eight\.wav: 8-bit WAV; need 16-bit PCM"):
        read_wav(path)


@pytest.mark.skipif(shutil.which("sox") is None, reason="sox is not installed")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-b", "24"], "24-bit WAV"),
        (["-e", "floating-point", "-b", "32"], "32-bit float WAV"),
        (["-e", "mu-law"], "mu-law WAV"),
    ],
)
def test_sox_formats_are_refused(tmp_path: Path, args: list[str], message: str) -> None:
    source = write_wav(tmp_path / "src.wav", tone(16000, 0.1), 16000)
    out = tmp_path / "out.wav"
    subprocess.run(["sox", str(source), *args, str(out)], check=True)
    with pytest.raises(AudioFormatError, match=f"out.wav: {message}"):
        read_wav(out)


def test_not_a_wav_missing_and_truncated(tmp_path: Path) -> None:
    text = tmp_path / "notes.wav"
    text.write_text("hello, this is not audio at all")
    with pytest.raises(AudioFormatError, match=r"notes\.wav: not a WAV file"):
        read_wav(text)
    with pytest.raises(AudioFormatError, match=r"missing\.wav: no such file"):
        read_wav(tmp_path / "missing.wav")
    good = write_wav(tmp_path / "cut.wav", tone(16000, 0.2), 16000)
    good.write_bytes(good.read_bytes()[:30])
    with pytest.raises(AudioFormatError, match=r"cut\.wav"):
        read_wav(good)
