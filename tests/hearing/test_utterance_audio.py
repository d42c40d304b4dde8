"""The audio the recognizer keeps for its second pass: bounded, cut at the start of speech
(with a little lead), emptied after each final result, empty when no speech started in it."""

from __future__ import annotations

import numpy as np

from voice.hearing.second_pass import UtteranceAudio


def chunk(first: int, count: int) -> bytes:
    """`count` samples whose values are their own positions (mod 2**15), to see what is kept."""
    return (np.arange(first, first + count) % 32768).astype(np.int16).tobytes()


def samples(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.int16)


def test_keeps_at_most_its_limit_of_the_latest_audio() -> None:
    kept = UtteranceAudio(keep=1.0)
    for start in range(0, 16000 * 3, 1600):
        kept.add(chunk(start, 1600))
    assert kept.seconds == 1.0
    assert samples(kept.since(16000 * 2, 0.0))[0] == (16000 * 2) % 32768  # the last second
    assert kept.since(16000, 0.0) == b""  # speech began before what is kept


def test_since_cuts_a_little_before_the_start_of_speech() -> None:
    kept = UtteranceAudio(keep=10.0)
    kept.add(chunk(0, 16000))
    out = samples(kept.since(8000, lead=0.25))
    assert out[0] == 4000 and len(out) == 12000
    assert len(samples(kept.since(100, lead=0.25))) == 16000  # lead reaches before the start
    assert kept.since(None, lead=0.25) == b""  # no speech detected: nothing to decode


def test_positions_carry_on_after_clear() -> None:
    kept = UtteranceAudio(keep=10.0)
    kept.add(chunk(0, 16000))
    kept.clear()
    assert kept.seconds == 0 and kept.since(0, 0.3) == b""
    kept.add(chunk(16000, 16000))
    out = samples(kept.since(24000, lead=0.0))
    assert out[0] == 24000 % 32768 and len(out) == 8000
    assert kept.since(4000, lead=0.0) == b""  # that speech was the utterance before the clear
