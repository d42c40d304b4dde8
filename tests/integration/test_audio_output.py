"""The speaker's output stream pauses while there is nothing to say and starts again for the
next sound, which is then played whole: real sounddevice/PortAudio into a private PulseAudio,
recorded from the speaker's monitor."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
from pulse_server import Pulse

from voice.clock import SystemClock
from voice.speaking.speaker import AudioOutput
from voice.speaking.synthesizer import OUTPUT_RATE

pytestmark = [pytest.mark.audio]


def tone(hz: float, seconds: float) -> np.ndarray:
    t = np.arange(int(seconds * OUTPUT_RATE)) / OUTPUT_RATE
    return (8000 * np.sin(2 * np.pi * hz * t)).astype(np.int16)


def until(check: object, timeout: float = 10.0) -> bool:
    """Wait for a real device's stream (its threads run in real time)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def seconds_of(recording: np.ndarray, hz: float) -> float:
    """Seconds of the 16 kHz recording in which `hz` is the loudest frequency."""
    frame = 320
    count = 0
    for start in range(0, len(recording) - frame, frame):
        window = recording[start : start + frame].astype(float)
        if np.abs(window).max() < 1000:
            continue
        spectrum = np.abs(np.fft.rfft(window))
        peak = np.argmax(spectrum) * 16000 / frame
        count += abs(peak - hz) < 100
    return count * frame / 16000


def test_the_stream_pauses_when_idle_and_the_next_sound_plays_whole(
    pulse: Pulse, tmp_path: Path
) -> None:
    raw = tmp_path / "speaker.raw"
    recorder = pulse.record("coach_speaker.monitor", raw)
    output = AudioOutput(SystemClock(), idle_pause=0.3)
    done: list[bool] = []
    finished = threading.Event()

    def on_done(cut: bool) -> None:
        done.append(cut)
        finished.set()

    try:
        assert output.running
        output.play(tone(500, 0.5), on_done)
        assert finished.wait(5)
        assert until(lambda: not output.running), "the stream never paused"
        finished.clear()
        output.play(tone(1500, 0.8), on_done)
        assert output.running
        assert finished.wait(5)
    finally:
        output.close()
        time.sleep(0.3)  # the monitor's last blocks reach the recorder
        recorder.terminate()
        recorder.wait()
    assert done == [False, False]
    recording = np.frombuffer(raw.read_bytes(), dtype=np.int16)
    assert seconds_of(recording, 500) == pytest.approx(0.5, abs=0.08)
    assert seconds_of(recording, 1500) == pytest.approx(0.8, abs=0.08)
