"""Real audio for integration tests: a private PulseAudio server with a virtual room (where
tests play the user's voice), the coach's microphone (`coach_mic`, the room's monitor) and the
coach's speaker (`coach_speaker`, recorded through its monitor). See ../shared/AUDIO-TESTING.md.

The server gets its own XDG_RUNTIME_DIR (never the desktop's) and is killed by its pid. Tests
skip only when `pulseaudio` is not installed, and fail instead when CI=true.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pulse_server import Pulse, stop

from intents.matcher import Matcher, load_matcher
from voice.app.settings import Settings
from voice.app.wiring import build_recognizer, understand_speech
from voice.hearing.speech_recognizer import SpeechRecognizer, transcribe
from voice.wav_files import read_wav

# Both sinks at a fixed 48 kHz: otherwise PulseAudio switches an idle sink between 44.1 and
# 48 kHz when the first stream starts (seen here: coach_speaker 44100 -> 48000 Hz while the
# recording of its monitor runs), one moving part fewer under the recordings.
MODULES = [
    "module-native-protocol-unix",
    "module-null-sink sink_name=coach_speaker rate=48000",
    "module-null-sink sink_name=room rate=48000",
    "module-remap-source master=room.monitor source_name=coach_mic",
]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required in CI: the Makefile installs pulseaudio)")
    pytest.skip(f"{reason}: install pulseaudio alsa-utils libasound2-plugins (make system-deps)")


@pytest.fixture(scope="session")
def pulse() -> Iterator[Pulse]:
    if shutil.which("pulseaudio") is None or shutil.which("pactl") is None:
        _unavailable("pulseaudio is not installed")
    runtime = Path(tempfile.mkdtemp(prefix="backcoach-pulse-"))
    env = {
        **os.environ,
        "XDG_RUNTIME_DIR": str(runtime),
        "PULSE_RUNTIME_PATH": str(runtime / "pulse"),
    }
    env.pop("PULSE_SERVER", None)
    cmd = ["pulseaudio", "--daemonize=yes", "--exit-idle-time=-1", "--disallow-exit", "-n"]
    cmd += ["--use-pid-file=yes", *[f"--load={m}" for m in MODULES]]
    started = subprocess.run(cmd, env=env, capture_output=True, text=True)
    pid_file = runtime / "pulse" / "pid"
    if started.returncode != 0 or not pid_file.exists():
        shutil.rmtree(runtime, ignore_errors=True)
        _unavailable(f"pulseaudio did not start: {started.stderr.strip()[-300:]}")
    server = Pulse(runtime, env, int(pid_file.read_text().split()[0]))
    server.pactl("set-default-sink", "coach_speaker")
    server.pactl("set-default-source", "coach_mic")
    saved = {key: os.environ.get(key) for key in ("XDG_RUNTIME_DIR", "PULSE_RUNTIME_PATH")}
    os.environ.update({key: env[key] for key in saved})  # sounddevice in this process uses it
    try:
        yield server
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        stop(server)
        shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture()
def loopback(pulse: Pulse) -> Iterator[None]:
    """The coach's speaker leaks into its microphone, as on a laptop."""
    pulse.pactl("load-module", "module-loopback", "source=coach_speaker.monitor", "sink=room")
    yield
    for module in pulse.module_ids("module-loopback"):
        pulse.pactl("unload-module", module)


@pytest.fixture(scope="module")
def model(vosk_model_path: Path) -> object:
    """The real Vosk model, loaded once per test module."""
    from voice.hearing.models import load_model

    return load_model(vosk_model_path)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return load_matcher()


@pytest.fixture(scope="module")
def recognizer(tmp_path_factory: pytest.TempPathFactory) -> SpeechRecognizer:
    """The recognizer the app builds (`--recognizer vosk`: Vosk, with Moonshine's free pass)."""
    return build_recognizer(Settings(state_dir=tmp_path_factory.mktemp("state"), recognizer="vosk"))


def said_words(recognizer: SpeechRecognizer, voice: str, speed: int, text: str, tmp: Path) -> str:
    """The words the app's recognizer hears of `text` said by espeak-ng in `voice` at `speed`."""
    wav = tmp / "said.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(wav), text], check=True)
    return " ".join(h.text for h in transcribe(recognizer, read_wav(wav)))


def said_intent(
    recognizer: SpeechRecognizer, matcher: Matcher, voice: str, speed: int, text: str, tmp: Path
) -> str:
    """What the app understands of `text` said by espeak-ng in `voice` at `speed`."""
    heard = said_words(recognizer, voice, speed, text, tmp)
    return understand_speech(recognizer, matcher)(heard).intent
