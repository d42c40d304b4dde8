"""Waiting in a quiet room, the live coach decodes nothing until someone speaks (the speech
gate, voice/hearing/speech_gate.py); a command said out of the room tone is still heard whole.
A real `backcoach` process on the private PulseAudio (see test_live_audio.py)."""

from __future__ import annotations

import subprocess
import time
import wave
from pathlib import Path

import numpy as np
import pytest
from pulse_server import Pulse
from test_live_audio import BYE, HEARD_BYE, Coach, speech

pytestmark = [pytest.mark.audio, pytest.mark.model]
RATE = 16000


def room_tone(path: Path, seconds: float) -> Path:
    """A quiet room through a laptop microphone, roughly (white noise, RMS 60)."""
    noise = np.random.default_rng(5).normal(0, 60, int(seconds * RATE)).astype(np.int16)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(noise.tobytes())
    return path


def test_a_command_said_out_of_room_tone_is_heard(
    pulse: Pulse, vosk_model_path: Path, tmp_path: Path
) -> None:
    tone = room_tone(tmp_path / "room.wav", 60.0)
    coach = Coach(pulse, vosk_model_path, tmp_path)
    room: subprocess.Popen[bytes] | None = None
    try:
        coach.wait_quiet("Greeting")
        room = pulse.play(tone)
        time.sleep(6.0)  # room tone alone: the gate has long closed (1 s after the last speech)
        pulse.play(speech("help", tmp_path / "help.wav")).wait(timeout=10)
        coach.wait_quiet("Help")  # a long answer (about 20 s)
        pulse.play(speech(BYE, tmp_path / "bye.wav")).wait(timeout=10)
        coach.said("Goodbye")
    finally:
        if room is not None and room.poll() is None:
            room.terminate()
        code, err = coach.finish()
    assert code == 0, err
    finals = [e["text"] for e in coach.events() if e["type"] == "Heard" and e["final"]]
    assert finals[:1] == ["help"] and len(finals) == 2 and finals[1] in HEARD_BYE
    assert coach.understood() == ["Help", "Goodbye"]
