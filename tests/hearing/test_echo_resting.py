"""The echo canceller rests while the coach is silent: the microphone passes untouched from
`RESTING` seconds after the speaker last played until it plays again, with no sample lost or
repeated at either switch (real speexdsp)."""

from __future__ import annotations

import numpy as np
import pytest

from voice.hearing.echo import RATE, RESTING, EchoCanceller, EchoStage, PlaybackTimeline
from voice.hearing.mic import BLOCK

CHUNK = BLOCK  # as the microphone delivers


@pytest.fixture()
def canceller() -> EchoCanceller:
    if not EchoCanceller.available():
        pytest.skip("libspeexdsp is not installed (make venv installs it)")
    return EchoCanceller()


def test_the_canceller_runs_while_the_coach_speaks_and_rests_after(
    canceller: EchoCanceller,
) -> None:
    rng = np.random.default_rng(7)
    voice = (3000 * rng.standard_normal(RATE)).astype(np.int16)  # 1 s of "speech" at 1.0 s
    timeline = PlaybackTimeline()
    timeline.started(1.0, voice, RATE)
    stage = EchoStage(timeline, canceller, lambda: 0.0)
    total = int((1.0 + 1.0 + RESTING + 1.0) * RATE)
    mic = (500 * rng.standard_normal(total)).astype(np.int16)
    mic[RATE : 2 * RATE] += voice // 2  # its echo
    chunks, outputs = [], []
    for start in range(0, total - CHUNK + 1, CHUNK):
        chunk = mic[start : start + CHUNK]
        chunks.append(chunk)
        outputs.append(np.frombuffer(stage.clean(chunk.tobytes(), start / RATE), np.int16))
    fed = np.concatenate(chunks)
    out = np.concatenate(outputs)
    # Nothing lost or repeated: what comes out lines up with what went in, sample for sample,
    # wherever the canceller rested (before the coach spoke and from RESTING after).
    assert len(out) == len(fed)
    resting_from = int((2.0 + RESTING + 0.1) * RATE)
    before = RATE // CHUNK * CHUNK  # the chunks that end before the coach's voice
    assert np.array_equal(out[:before], fed[:before])
    assert np.array_equal(out[resting_from:], fed[resting_from:])
    # While the coach spoke (and just after) the canceller worked on the signal.
    assert not np.array_equal(out[RATE : 2 * RATE], fed[RATE : 2 * RATE])
    echo_in = float(np.mean(fed[RATE + RATE // 2 : 2 * RATE].astype(float) ** 2))
    echo_out = float(np.mean(out[RATE + RATE // 2 : 2 * RATE].astype(float) ** 2))
    assert echo_out < echo_in / 4
