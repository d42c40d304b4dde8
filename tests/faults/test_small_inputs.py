"""Faults of size (issue 20, item 7): a WAV shorter than the resampler's filter (under 63
samples above 16 kHz) gave a traceback and stopped the other files of a multi-file `parse
--wav`; a long one was read whole into float arrays (2.67 GB for 30 minutes of 48 kHz stereo)."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from faults.processes import ROOT, backcoach
from voice.wav_files import resample


@pytest.mark.parametrize("rate", [22050, 44100, 48000])
def test_every_short_length_resamples_to_its_length(rate: int) -> None:
    for length in range(1, 130):
        samples = np.full(length, 1000, dtype=np.int16)
        out = resample(samples, rate)
        assert len(out) == round(length * 16000 / rate), length


def test_the_same_signal_as_before_for_a_long_input() -> None:
    """The centre of the full convolution is what mode="same" gave for inputs >= the filter."""
    rng = np.random.default_rng(7)
    samples = rng.integers(-8000, 8000, 4800).astype(np.int16)
    from voice.wav_files import _lowpass

    kernel = _lowpass(0.45 * 16000 / 48000)
    same = np.convolve(samples.astype(np.float64), kernel, mode="same")
    expected = np.interp(np.arange(1600) * 3.0, np.arange(4800), same)
    assert np.array_equal(resample(samples, 48000), np.clip(np.round(expected), -32768, 32767))


def tiny_wav(path: Path, frames: int, rate: int) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\x10\x00" * frames)
    return path


@pytest.mark.model
def test_a_tiny_wav_among_others_is_parsed_and_the_others_still_run(
    vosk_model_path: Path, tmp_path: Path
) -> None:
    tiny = tiny_wav(tmp_path / "tiny.wav", 40, 48000)
    second = tiny_wav(tmp_path / "second.wav", 16000, 16000)
    done = backcoach("parse", "--wav", str(tiny), str(second),
                     env={"BACKCOACH_MODEL": str(vosk_model_path)})  # fmt: skip
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["file"] for line in lines] == [str(tiny), str(second)]


def _one_pass(samples: np.ndarray, rate: int, target: int = 16000) -> np.ndarray:
    """The resampler as it was before blocks: the whole signal as floats at once."""
    from voice.wav_files import _lowpass

    signal = samples.astype(np.float64)
    if target < rate:
        kernel = _lowpass(0.45 * target / rate)
        start = (len(kernel) - 1) // 2
        signal = np.convolve(signal, kernel, mode="full")[start : start + len(samples)]
    count = int(round(len(samples) * target / rate))
    out = np.interp(np.arange(count) * (rate / target), np.arange(len(samples)), signal)
    return np.clip(np.round(out), -32768, 32767).astype(np.int16)


@pytest.mark.parametrize("rate", [8000, 22050, 44100, 48000])
def test_block_resampling_gives_the_one_pass_samples(rate: int) -> None:
    """70 s crosses two block edges (blocks of 30 s of output)."""
    rng = np.random.default_rng(rate)
    samples = (rng.standard_normal(rate * 70) * 3000).astype(np.int16)
    assert np.array_equal(resample(samples, rate), _one_pass(samples, rate))


def test_a_long_stereo_recording_is_read_in_little_memory(tmp_path: Path) -> None:
    """Ten minutes of 48 kHz stereo (110 MB): read whole, the bytes and the floats made of them
    peaked at 886 MB of the process; mapped and resampled in blocks, the memory Python and numpy
    allocate peaks at 62 MB, the 16 kHz mono result (18 MB) and a block (the mapped file is the
    page cache's, not allocated)."""
    path = tmp_path / "long.wav"
    frames = 48000 * 600
    with path.open("wb") as out:
        data_size = frames * 4
        out.write(b"RIFF" + struct.pack("<I", 36 + data_size) + b"WAVE")
        out.write(b"fmt " + struct.pack("<IHHIIHH", 16, 1, 2, 48000, 48000 * 4, 4, 16))
        out.write(b"data" + struct.pack("<I", data_size))
        second = (np.sin(np.arange(48000 * 2) * 0.01) * 1000).astype("<i2").tobytes()
        for _ in range(600):
            out.write(second)
    code = (
        "import tracemalloc; from pathlib import Path; from voice.wav_files import read_wav;"
        f"tracemalloc.start(); n = len(read_wav(Path({str(path)!r})));"
        "print(n, tracemalloc.get_traced_memory()[1] // 2**20)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    samples, peak_mb = (int(x) for x in done.stdout.split())
    assert samples == 16000 * 600
    assert peak_mb < 120, f"{peak_mb} MB allocated at the peak"  # was 860
