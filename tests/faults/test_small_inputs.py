"""Fault: a WAV shorter than the resampler's filter (under 63 samples above 16 kHz) gave a
traceback and stopped the other files of a multi-file `parse --wav` (issue 20, item 7)."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import numpy as np
import pytest

from faults.processes import backcoach
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
