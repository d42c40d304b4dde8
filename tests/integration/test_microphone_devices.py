"""No microphone, a microphone that comes later, one lost mid-session, and choosing one: real
`backcoach` processes on private PulseAudio servers.

- A server with no sink and no source is a computer with no microphone: PortAudio still lists
  ALSA's `pulse` and `default`, but opening them fails (with ALSA's own lines on stderr).
- No server at all (and no sound card here) is PortAudio with no device at all.
- Unloading the virtual source mid-session is a microphone unplugged; loading it again, plugged
  back in.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pulse_server import Pulse, start_bare, stop
from test_live_audio import speech

pytestmark = [pytest.mark.audio, pytest.mark.model]
ROOT = Path(__file__).resolve().parents[2]
NO_MIC = "No microphone found. Plug one in, or type with `backcoach --text`."
NOISE = ("Error querying device", "ALSA lib", "Expression '", "PortAudio", "stopped working")


def no_autospawn(tmp: Path) -> dict[str, str]:
    """A client that never starts a PulseAudio server by itself (it would, for a user who is
    not root, when none answers)."""
    conf = tmp / "client.conf"
    conf.write_text("autospawn = no\n")
    return {"PULSE_CLIENTCONFIG": str(conf)}


class Run:
    """A `backcoach` process with its stderr, stdout and event log in files."""

    def __init__(self, env: dict[str, str], tmp: Path, *args: str) -> None:
        self.tmp = tmp
        self.state = tmp / "state"
        self.log = tmp / "events.jsonl"
        self.err = tmp / "stderr.txt"
        cmd = [sys.executable, "-m", "voice", "--state-dir", str(self.state)]
        cmd += ["--events", str(self.log), *args]
        self.process = subprocess.Popen(
            cmd,
            env={**env, "PYTHONPATH": str(ROOT)},
            stdout=(tmp / "stdout.txt").open("w"),
            stderr=self.err.open("w"),
        )

    def stderr(self) -> str:
        return self.err.read_text() if self.err.exists() else ""

    def events(self) -> list[dict[str, Any]]:
        text = self.log.read_text() if self.log.exists() else ""
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    def status(self) -> dict[str, Any]:
        path = self.state / "status.json"
        return json.loads(path.read_text()) if path.exists() else {}

    def wait_for(self, check: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not check():
            if time.monotonic() > deadline or self.process.poll() is not None:
                if self.process.poll() is None:  # where each thread is, for the failure
                    self.process.send_signal(signal.SIGUSR1)
                    time.sleep(1.0)
                self.end()
                raise AssertionError(f"{what}: not seen\nstderr: {self.stderr()[-6000:]}")
            time.sleep(0.1)  # polling a real process's files, not product code

    def said(self, key: str) -> list[dict[str, Any]]:
        return [e for e in self.events() if e["type"] == "Said" and e["key"] == key]

    def end(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)


@pytest.fixture()
def bare_pulse(tmp_path: Path) -> Iterator[Pulse]:
    server = start_bare(tmp_path / "bare")
    if server is None:
        pytest.fail("a bare pulseaudio did not start (make system-deps installs it)")
    try:
        yield server
    finally:
        stop(server)


def test_no_microphone_is_one_line_then_one_plugged_in_is_picked_up(
    bare_pulse: Pulse, vosk_model_path: Path, tmp_path: Path
) -> None:
    env = {**bare_pulse.env, **no_autospawn(tmp_path), "BACKCOACH_MODEL": str(vosk_model_path)}
    run = Run(env, tmp_path)
    try:
        run.wait_for(lambda: run.status().get("microphone_state") == "missing", "no microphone")
        looked = time.monotonic()
        run.wait_for(lambda: time.monotonic() > looked + 4.5, "two more looks")  # 2 s apart
        lines = run.stderr().splitlines()
        assert lines[0] == "Loading the speech model..." and lines[2:] == [NO_MIC], lines
        assert not [line for line in lines if any(n in line for n in NOISE)]
        assert not run.said("Problem.microphone_lost")  # missing is not lost: nothing said
        assert [e["key"] for e in run.events() if e["type"] == "Said"][0] == "Greeting"
        # Plugged in: a source appears and becomes the default.
        bare_pulse.pactl("load-module", "module-null-sink", "sink_name=room")
        bare_pulse.pactl(
            "load-module", "module-remap-source", "master=room.monitor", "source_name=mic"
        )
        bare_pulse.pactl("set-default-source", "mic")
        run.wait_for(lambda: "Listening (" in run.stderr(), "listening", timeout=20)
        assert run.status()["microphone_state"] == "listening"
        assert run.status()["microphone"] == "default"
    finally:
        code = run.end()
    assert code == 0
    assert not run.said("Problem.microphone_lost") and not run.said("Problem.microphone_back")


def test_no_audio_devices_at_all(tmp_path: Path) -> None:
    if Path("/dev/snd").exists():
        pytest.skip("this computer has a sound card: PortAudio lists it even with no server")
    none = str(tmp_path / "none")  # no PulseAudio server answers here (nor the fixture's)
    env = {**os.environ, **no_autospawn(tmp_path), "XDG_RUNTIME_DIR": none}
    env |= {"PULSE_RUNTIME_PATH": none, "PULSE_SERVER": f"unix:{none}/native"}
    done = subprocess.run(
        [sys.executable, "-m", "voice", "--list-devices"],
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("No input devices found. Plug in a microphone, or type")
    assert done.stderr == ""


def test_devices_are_listed_and_picked_by_name_or_number(pulse: Pulse, tmp_path: Path) -> None:
    def backcoach(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "voice", "--state-dir", str(tmp_path / "s"), *args],
            env={**pulse.env, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=60,
        )

    listed = backcoach("--list-devices")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].startswith("Input devices")
    names = {line.split()[1]: int(line.split()[0]) for line in lines[1:]}
    assert {"pulse", "default"} <= set(names)
    wrong = backcoach("--device", "headset")  # refused before the model loads
    assert wrong.returncode == 2
    assert wrong.stderr == (
        f"backcoach: no input device 'headset' (input devices: "
        f"{', '.join(f'{i} {n}' for n, i in names.items())})\n"
    )
    assert backcoach("--device", "99").returncode == 2


def test_the_device_asked_for_is_used_and_are_you_there_is_answered(
    pulse: Pulse, vosk_model_path: Path, tmp_path: Path
) -> None:
    env = {**pulse.env, "BACKCOACH_MODEL": str(vosk_model_path)}
    run = Run(env, tmp_path, "--device", "DEFAULT")  # any case
    try:
        run.wait_for(lambda: "Listening (default)." in run.stderr(), "listening on default")
        assert run.status()["microphone"] == "default"
        run.wait_for(lambda: len(run.said("Greeting")) == 2, "the greeting, both sentences")
        time.sleep(0.5)  # its last sentence's trailing silence (test_live_audio.py)
        pulse.play(speech("are you there", tmp_path / "there.wav")).wait(timeout=10)
        run.wait_for(lambda: bool(run.said("AreYouThere")), "I'm here")
    finally:
        assert run.end() == 0
    assert [e["text"] for e in run.said("AreYouThere")] == ["I'm here."]
    assert run.status()["last_heard"]["text"] == "are you there"


def test_a_microphone_lost_mid_session_is_said_once_and_so_is_its_return(
    pulse: Pulse, vosk_model_path: Path, tmp_path: Path
) -> None:
    """PULSE_SOURCE pins the stream (and every reopening) to the virtual source. PulseAudio
    moves a stream whose source goes away to another source if there is one (here a sink's
    monitor; on a laptop the built-in microphone): the coach then keeps hearing and nothing is
    lost. With no other source the stream is killed: done here by hand."""
    env = {**pulse.env, "BACKCOACH_MODEL": str(vosk_model_path), "PULSE_SOURCE": "coach_mic"}
    run = Run(env, tmp_path)
    try:
        run.wait_for(lambda: bool(run.said("Greeting")), "the greeting")
        run.wait_for(lambda: "Listening (" in run.stderr(), "listening")
        pulse.pactl("unload-module", pulse.module_ids("source_name=coach_mic")[0])
        pulse.kill_recordings()  # the coach's stream, moved to a monitor
        run.wait_for(lambda: bool(run.said("Problem.microphone_lost")), "lost, said")
        assert run.status()["microphone_state"] == "lost"
        time.sleep(3)  # it keeps trying meanwhile; saying it once is the point
        pulse.pactl(
            "load-module", "module-remap-source", "master=room.monitor", "source_name=coach_mic"
        )
        pulse.pactl("set-default-source", "coach_mic")
        run.wait_for(lambda: bool(run.said("Problem.microphone_back")), "back, said", 30)
        assert run.status()["microphone_state"] == "listening"
    finally:
        if not pulse.module_ids("source_name=coach_mic"):
            pulse.pactl(
                "load-module", "module-remap-source", "master=room.monitor", "source_name=coach_mic"
            )
            pulse.pactl("set-default-source", "coach_mic")
        code = run.end()
    assert code == 0
    lost, back = run.said("Problem.microphone_lost"), run.said("Problem.microphone_back")
    assert len(lost) == 1 and len(back) == 1
    assert lost[0]["text"] == "I can't hear you any more. The microphone stopped working."
    assert back[0]["text"] == "I can hear you again."
    assert not lost[0]["cut"] and lost[0]["end"] > lost[0]["start"]  # played on the speaker
    problems = [e for e in run.events() if e["type"] == "Problem" and e["where"] == "microphone"]
    assert len(problems) == 2  # logged: lost, then back
    # Reopening the missing source (every 0.25-4 s) is quiet. Left: PortAudio's lines from
    # the dying stream's own thread at the moment it dies, and ALSA's "underrun occurred" from
    # the speaker on a busy machine.
    noise = [line for line in run.stderr().splitlines() if "pcm_pulse" in line]
    noise += [line for line in run.stderr().splitlines() if "PaAlsaStream_Configure" in line]
    assert not noise
