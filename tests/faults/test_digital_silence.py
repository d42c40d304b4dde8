"""Fault: digital silence (a muted microphone, a null sink, a silent WAV) for ten minutes through
the real recognizer (Vosk with our grammar). The cost of each chunk must stay flat: before the
N-best decoder was reset after its own endpoint, one utterance grew for ever and the CPU per
10 s of audio went from ~1 s to 14 s within two minutes (issue 20, item 1)."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from voice.app.settings import Settings
from voice.app.wiring import build_recognizer
from voice.wav_files import CHUNK_SAMPLES

MINUTES = 10
CHUNKS_PER_MINUTE = 60 * 16000 // CHUNK_SAMPLES


@pytest.mark.live  # timed: run at normal priority (Makefile)
def test_cpu_per_chunk_stays_flat_over_ten_minutes_of_zeros(vosk_model_path: Path) -> None:
    recognizer = build_recognizer(Settings(state_dir=Path("."), model_path=vosk_model_path))
    zeros = np.zeros(CHUNK_SAMPLES, dtype=np.int16).tobytes()
    per_minute: list[float] = []
    heard = []
    for _ in range(MINUTES):
        start = time.process_time()
        for _ in range(CHUNKS_PER_MINUTE):
            heard += recognizer.feed(zeros)
        per_minute.append(time.process_time() - start)
    heard += recognizer.finish()
    first, last = np.median(per_minute[:3]), np.median(per_minute[-3:])
    detail = ", ".join(f"{s:.2f}" for s in per_minute)
    assert last < 2.0 * first + 0.2, f"CPU s per simulated minute grew: {detail}"
    assert max(per_minute) < 12.0, f"slower than 5x real time: {detail}"
    assert [h for h in heard if h.final] == [], "silence was heard as words"
