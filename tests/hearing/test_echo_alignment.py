"""The echo canceller's reference is lined up with its echo by the signals themselves
(voice.hearing.echo_alignment), not only by the times the audio system reports: real
espeak-ng speech, real speexdsp. Live, those times put the reference 180-250 ms ahead of its
echo, drifting and jumping by tens of ms (bench/results/echo_aligned.md)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from voice.hearing.echo import RATE, EchoCanceller, EchoStage, PlaybackTimeline
from voice.hearing.echo_alignment import LEAD, EchoAligner, echo_lag
from voice.hearing.mic import BLOCK
from voice.wav_files import read_wav

REPLY = (
    "Lie on your back with your knees bent and breathe slowly. Gentle movement helps more "
    "than lying still for a long time. If the pain shoots down your leg, tell me."
)


@pytest.fixture(scope="module")
def reply(tmp_path_factory: pytest.TempPathFactory) -> np.ndarray:
    wav = Path(tmp_path_factory.mktemp("reply")) / "reply.wav"
    subprocess.run(["espeak-ng", "-v", "en-gb", "-s", "175", "-w", str(wav), REPLY], check=True)
    return np.asarray(read_wav(wav), dtype=np.int16)


@pytest.fixture()
def canceller() -> EchoCanceller:
    if not EchoCanceller.available():
        pytest.skip("libspeexdsp is not installed (make venv installs it)")
    return EchoCanceller()


def room(reply: np.ndarray, lags: list[tuple[int, int]], length: int) -> np.ndarray:
    """The microphone: the reply's echo (quieter, smeared) trailing it by `lags` [(from sample,
    lag)], each lag from its sample on, and a little noise."""
    echo = np.convolve(reply.astype(np.float64), [0.5, 0.2, 0.08])
    mic = np.random.default_rng(5).normal(0, 30, length)
    bounds = [*(start for start, _ in lags[1:]), length]
    for (start, lag), end in zip(lags, bounds, strict=True):
        piece = np.zeros(length)
        piece[lag : lag + len(echo)] = echo[: length - lag]
        mic[start:end] += piece[start:end]
    return np.clip(mic, -32768, 32767).astype(np.int16)


def removed(mic: np.ndarray, stage: EchoStage, since: float) -> float:
    """dB of the echo the stage removes from `since` seconds to the end of the echo."""
    out = []
    for start in range(0, len(mic) - BLOCK + 1, BLOCK):
        out.append(np.frombuffer(stage.clean(mic[start : start + BLOCK].tobytes(), start / RATE),
                                 np.int16))  # fmt: skip
    cleaned = np.concatenate(out).astype(np.float64)
    heard = mic[: len(cleaned)].astype(np.float64)
    span = slice(int(since * RATE), int((since + 2.0) * RATE))
    return float(10 * np.log10(np.sum(heard[span] ** 2) / max(np.sum(cleaned[span] ** 2), 1.0)))


def stage_for(reply: np.ndarray, canceller: EchoCanceller, aligned: bool) -> EchoStage:
    timeline = PlaybackTimeline()
    timeline.started(0.0, reply, RATE)
    stage = EchoStage(timeline, canceller, lambda: 0.0)
    if not aligned:  # the reference as timed, for comparison
        stage._aligner.aligned = lambda mic, reference: reference  # type: ignore[method-assign]
    return stage


def test_the_lag_of_an_echo_is_measured_to_the_sample(reply: np.ndarray) -> None:
    mic = room(reply, [(0, 3000)], len(reply) + 8000)
    window = slice(2 * RATE, 2 * RATE + 8192)
    assert echo_lag(mic[window], reply[window]) == 3000
    longer = slice(2 * RATE - 8000, 2 * RATE + 8192)  # the reference reaching further back
    assert echo_lag(mic[window], reply[longer]) == 3000
    assert echo_lag(mic[window], np.zeros(8192, np.int16)) is None  # the coach silent


def test_an_echo_further_behind_than_the_filter_reaches_is_still_removed(
    reply: np.ndarray, canceller: EchoCanceller
) -> None:
    """0.45 s behind its reference: past the filter's 0.4 s, nothing of it can be removed as
    timed; lined up by the signals, most of it is."""
    mic = room(reply, [(0, 7200)], len(reply) + RATE)
    as_timed = removed(mic, stage_for(reply, EchoCanceller(), aligned=False), 3.0)
    aligned = removed(mic, stage_for(reply, canceller, aligned=True), 3.0)
    assert as_timed < 6.0
    assert aligned > 20.0


def test_the_reference_follows_the_echo_when_its_path_jumps(
    reply: np.ndarray, canceller: EchoCanceller
) -> None:
    """The echo jumps 60 ms later at 4 s (an underflow in the audio system): the reference
    follows it within a second, and the echo is removed again."""
    jump = 4 * RATE
    mic = room(reply, [(0, 2000), (jump, 2960)], len(reply) + RATE)
    stage = stage_for(reply, canceller, aligned=True)
    after = removed(mic, stage, 5.0)
    assert stage._aligner.shift == 2960 - LEAD
    assert after > 20.0


def test_one_stray_peak_does_not_move_the_reference() -> None:
    aligner = EchoAligner()
    aligner.shift = 2000
    assert aligner._moved(2030)  # a drift: followed at once
    assert not aligner._moved(5000)  # a jump nobody confirmed
    aligner._measured = 5000  # the measure before asked for the same shift
    assert aligner._moved(5000)
