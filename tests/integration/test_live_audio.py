"""The real microphone and speaker path through a private PulseAudio server: the user's voice
is played into the virtual room, the coach (a real `backcoach` process) hears it on its
default microphone, answers through its default speaker, and what it said is recorded from the
speaker's monitor and transcribed back with Vosk. Also: the coach's voice looping back into its
own microphone (it must not answer itself, and "stop" still barges in), and a microphone that
disappears mid-session."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pulse_server import Pulse

from voice.clock import SystemClock
from voice.hearing.mic import BLOCK, Microphone, MicSettings

pytestmark = [pytest.mark.audio, pytest.mark.model]
ROOT = Path(__file__).resolve().parents[2]
Event = dict[str, Any]
BYE = "bye bye"
"""How the tests' user ends a session. espeak-ng's "goodbye" is heard "don't buy" by Moonshine
and by Vosk's best path; only Vosk's N-best made it "goodbye", and a one-word final now acts
only when two decoders agree (voice/hearing/short_answers.py): it was dropped."""
HEARD_BYE = {BYE, "bye"}
"""What the coach may hear for BYE: under load (CI, 2 cores) it heard "bye" once, and acted on
it as Goodbye all the same (a playback or capture gap in the room splits the two words; "bye"
alone is a whole goodbye)."""


def speech(text: str, path: Path) -> Path:
    """The user's voice: espeak-ng at 16 kHz with a little silence around it."""
    raw = path.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(raw), text], check=True)
    cmd = ["sox", str(raw), "-r", "16000", str(path), "pad", "0.2", "0.3"]
    subprocess.run(cmd, check=True)
    return path


class Coach:
    """A live `backcoach` process, its event log, and a recording of its speaker."""

    def __init__(self, pulse: Pulse, model: Path, tmp: Path, *options: str) -> None:
        self.log = tmp / "events.jsonl"
        self.said_raw = tmp / "said.raw"
        self.recording = pulse.record("coach_speaker.monitor", self.said_raw)
        env = {**pulse.env, "PYTHONPATH": str(ROOT), "BACKCOACH_MODEL": str(model)}
        cmd = [sys.executable, "-m", "voice", "--state-dir", str(tmp / "state")]
        cmd += ["--events", str(self.log), *options]
        self.process = subprocess.Popen(
            cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )

    def events(self) -> list[Event]:
        if not self.log.exists():
            return []
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def wait_for(self, check: Callable[[Event], bool], timeout: float = 30.0) -> Event:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event in self.events():
                if check(event):
                    return event
            if self.process.poll() is not None:
                break
            time.sleep(0.05)  # polling a log file from the test, not product code
        _, err = self.finish(0)
        raise AssertionError(f"no such event; log: {self.events()}\nstderr: {err[-2000:]}")

    def said(self, key: str, timeout: float = 40.0) -> Event:
        return self.wait_for(lambda e: e["type"] == "Said" and e["key"] == key, timeout)

    def wait_quiet(self, key: str, quiet: float = 1.0, timeout: float = 60.0) -> None:
        """Until `key` was said and then the speaker has been silent for `quiet` seconds
        (replies are spoken sentence by sentence, each logged when it ends)."""
        self.said(key)
        deadline = time.monotonic() + timeout
        window = int(16000 * quiet) * 2
        while time.monotonic() < deadline:
            data = self.said_raw.read_bytes()[-window:]
            if len(data) == window:
                samples = np.frombuffer(data, dtype=np.int16).astype(np.float64)
                if np.sqrt(np.mean(samples**2)) < 30:
                    return
            time.sleep(0.1)  # polling the recording from the test, not product code
        raise AssertionError(f"the coach did not fall silent after {key}: {self.events()}")

    def understood(self) -> list[str]:
        return [e["match"]["intent"] for e in self.events() if e["type"] == "Understood"]

    def finish(self, timeout: float = 30.0) -> tuple[int | None, str]:
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        _, err = self.process.communicate()
        self.recording.terminate()
        self.recording.wait()
        return self.process.returncode, err


def transcribe_raw(raw: Path, model: Path) -> str:
    """Free-form Vosk (no grammar): what a listener in the room would have heard."""
    import vosk

    recognizer = vosk.KaldiRecognizer(vosk.Model(str(model)), 16000)
    recognizer.AcceptWaveform(raw.read_bytes())
    return str(json.loads(recognizer.FinalResult())["text"])


def voiced_seconds(raw: Path) -> float:
    """Seconds of 16 kHz s16le audio in 20 ms frames louder than RMS 100 (for a failure's
    message: a recording much shorter than what was played points at the recording)."""
    samples = np.frombuffer(raw.read_bytes(), dtype=np.int16).astype(np.float64)
    frames = samples[: len(samples) // 320 * 320].reshape(-1, 320)
    return float(np.sum(np.sqrt(np.mean(frames**2, axis=1)) > 100) * 0.02)


def test_spoken_question_gets_a_spoken_answer(
    pulse: Pulse, vosk_model_path: Path, tmp_path: Path
) -> None:
    coach = Coach(pulse, vosk_model_path, tmp_path)
    try:
        coach.wait_quiet("Greeting")
        pulse.play(speech("my back locked up", tmp_path / "back.wav")).wait(timeout=10)
        coach.wait_quiet("SpasmStarted")
        pulse.play(speech(BYE, tmp_path / "bye.wav")).wait(timeout=10)
        coach.said("Goodbye")
    finally:
        code, err = coach.finish()
    assert code == 0, err
    for key in ("Greeting", "SpasmStarted"):
        said = [e for e in coach.events() if e["type"] == "Said" and e["key"] == key]
        assert said and all(not e["cut"] and e["end"] > e["start"] for e in said), key
    heard = [e for e in coach.events() if e["type"] == "Heard"]
    assert any(not e["final"] for e in heard), "partial results are logged"
    finals = [e for e in heard if e["final"]]
    assert [e["text"] for e in finals][:1] == ["my back locked up"] and len(finals) == 2
    assert finals[1]["text"] in HEARD_BYE
    assert all(0 < e["confidence"] <= 1 for e in finals)
    assert coach.understood() == ["SpasmStarted", "Goodbye"]
    text = transcribe_raw(tmp_path / "said.raw", vosk_model_path)
    words = set(text.split())
    # Free-form Vosk on espeak's voice gets most words, not all: two of each part suffice.
    # The greeting is the recording's first speech: free Vosk decodes it with little to adapt
    # to (its features normalise over what came before), and under load (average 3-6 here) the
    # output stream's first buffers come late. It gave "tell me what happens but a failed",
    # "i'm it tell me what boss a fail" and "i mean top and both a failed" for "I'm here. Tell
    # me what happened, or say help." So the greeting is checked as Said (above) and as sound
    # (below), and the words are checked in the answer and the goodbye.
    parts = {
        "answer": {"sorry", "take", "strain", "down", "muscles"},
        "goodbye": {"take", "care", "rest", "gently"},
    }
    played = sum(e["end"] - e["start"] for e in coach.events() if e["type"] == "Said")
    recorded = voiced_seconds(tmp_path / "said.raw")
    timing = f"speech recorded {recorded:.1f} s, played by the coach {played:.1f} s"
    for part, expected in parts.items():
        assert len(words & expected) >= 2, f"{part} not heard ({timing}): {text!r}"
    assert recorded >= 0.5 * played, f"too little of the coach's speech recorded ({timing})"


def test_a_yes_said_as_soon_as_the_offer_ends_is_heard(
    pulse: Pulse, vosk_model_path: Path, tmp_path: Path
) -> None:
    """Every sentence espeak-ng makes ends in ~0.33 s of silence, and the coach's sentence is
    logged as said when that silence has played. The user answers the offer then: the "yes"
    (0.2 s of lead-in) starts ~0.55-0.65 s after the last word. The echo guard (0.3 s) runs
    from the last voiced sample, so the whole "yes" is heard; before, the guard (0.5 s) ran
    from the end of the silence, the coach was deaf until ~0.85 s and heard half of it."""
    yes = speech("yes", tmp_path / "yes.wav")  # 0.2 s of lead-in
    coach = Coach(pulse, vosk_model_path, tmp_path)
    try:
        coach.wait_quiet("Greeting")
        pulse.play(speech("my back locked up", tmp_path / "back.wav")).wait(timeout=10)
        coach.wait_for(lambda e: e["type"] == "Said" and "would you like" in e["text"].lower())
        pulse.play(yes).wait(timeout=10)
        coach.wait_for(lambda e: e["type"] == "Understood" and e["match"]["intent"] == "Yes")
        coach.said("Timers.stretch.intro")  # the answer to the "yes": the holds begin (~2 min)
    finally:
        coach.process.terminate()
        coach.finish()
    finals = [e["text"] for e in coach.events() if e["type"] == "Heard" and e["final"]]
    assert finals == ["my back locked up", "yes"]


def test_coach_does_not_answer_its_own_voice(
    pulse: Pulse, vosk_model_path: Path, tmp_path: Path, loopback: None
) -> None:
    coach = Coach(pulse, vosk_model_path, tmp_path)
    try:
        coach.wait_quiet("Greeting")  # heard through the loopback, not answered
        pulse.play(speech("my back locked up", tmp_path / "back.wav")).wait(timeout=10)
        coach.wait_quiet("SpasmStarted")  # five sentences, all looping back
        pulse.play(speech(BYE, tmp_path / "bye.wav")).wait(timeout=10)
        coach.said("Goodbye")
    finally:
        code, err = coach.finish()
    assert code == 0, err
    # Nothing it said was taken as a request. (Its own voice heard as "stop" over it would stop
    # the speech; it is not an answer to itself, so it is tolerated here: bench/duplex.py
    # counts such false cuts, tests/integration/test_live_duplex.py allows none.)
    barge_ins = {"stop", "quiet", "enough"}
    finals = [e["text"] for e in coach.events() if e["type"] == "Heard" and e["final"]]
    requests = [t for t in finals if t not in barge_ins]
    assert requests[:1] == ["my back locked up"] and len(requests) == 2
    assert requests[1] in HEARD_BYE
    assert [i for i in coach.understood() if i != "Stop"] == ["SpasmStarted", "Goodbye"]


def test_microphone_that_disappears_is_reported_once_and_comes_back(pulse: Pulse) -> None:
    """A real input stream on a PulseAudio source that is unloaded mid-stream and loaded again.
    PULSE_SOURCE pins the stream to that source, so the loss is not hidden by a fallback."""
    os.environ["PULSE_SOURCE"] = "coach_mic"
    lost: list[str] = []
    back: list[float] = []
    mic = Microphone(
        SystemClock(),
        MicSettings(watchdog=1.0, backoff=(0.2, 0.4)),
        on_lost=lost.append,
        on_back=lambda: back.append(time.monotonic()),
    )
    phases: dict[str, int] = {}
    count = 0

    def drive() -> None:
        try:
            unplug_and_plug_back()
        finally:
            mic.close()  # also when a step failed: the test then fails instead of hanging

    def unplug_and_plug_back() -> None:
        wait_until(lambda: count > 5)
        phases["before"] = count
        pulse.pactl("unload-module", pulse.module_ids("source_name=coach_mic")[0])
        # PulseAudio moves the stream to another source (a monitor) when there is one: whether
        # it did depended on the tests before (after a live coach's test, this one hung).
        pulse.kill_recordings()
        wait_until(lambda: bool(lost), timeout=10)
        time.sleep(1.5)  # retrying while the device is gone
        phases["during"] = count
        pulse.pactl(
            "load-module", "module-remap-source", "master=room.monitor", "source_name=coach_mic"
        )
        pulse.pactl("set-default-source", "coach_mic")
        wait_until(lambda: bool(back), timeout=15)
        after = count
        wait_until(lambda: count > after + 5)

    driver = threading.Thread(target=drive)
    try:
        driver.start()
        for chunk, _ in mic.chunks():
            assert len(chunk) == 2 * BLOCK
            count += 1
        driver.join()
    finally:
        os.environ.pop("PULSE_SOURCE", None)
        if not pulse.module_ids("source_name=coach_mic"):
            pulse.pactl(
                "load-module", "module-remap-source", "master=room.monitor", "source_name=coach_mic"
            )
            pulse.pactl("set-default-source", "coach_mic")
    assert len(lost) == 1, lost  # said once, however many retries
    assert mic.outages == 1 and len(back) == 1
    assert count > phases["during"] >= phases["before"]


def wait_until(check: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_silence_in_the_room_is_delivered_as_audio(pulse: Pulse) -> None:
    mic = Microphone(SystemClock(), MicSettings())
    chunks = []
    for chunk, _ in mic.chunks():
        chunks.append(np.frombuffer(chunk, dtype=np.int16))
        if len(chunks) == 10:
            mic.close()
    assert all(len(c) == BLOCK for c in chunks) and mic.outages == 0


def test_input_wav_goes_through_the_same_pipeline(
    pulse: Pulse, vosk_model_path: Path, tmp_path: Path
) -> None:
    """`backcoach --input FILE.wav`: a 44.1 kHz stereo recording (the greeting plays first, so
    the question comes after nine seconds), answered, then the session ends by itself."""
    question = speech("my back locked up", tmp_path / "q.wav")
    recording = tmp_path / "input.wav"
    cmd = ["sox", str(question), "-r", "44100", "-c", "2", str(recording), "pad", "9", "2"]
    subprocess.run(cmd, check=True)
    env = {**pulse.env, "PYTHONPATH": str(ROOT), "BACKCOACH_MODEL": str(vosk_model_path)}
    done = subprocess.run(
        [sys.executable, "-m", "voice", "--state-dir", str(tmp_path / "state")]
        + ["--input", str(recording), "--events", "-"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    loading, ready = done.stderr.splitlines()[:2]  # a word while the model loads (6-8 s)
    assert loading == "Loading the speech model..."
    assert re.fullmatch(r"Speech model ready in \d+\.\d s\.", ready)
    events = [json.loads(line) for line in done.stdout.splitlines()]
    intents = [e["match"]["intent"] for e in events if e["type"] == "Understood"]
    assert intents == ["SpasmStarted"]
    said = [e for e in events if e["type"] == "Said"]
    assert said[0]["key"] == "Greeting" and said[-1]["key"].startswith("SpasmStarted")
    assert events[-1] == {"type": "EndSession", "reason": "end of input"}


def test_input_that_is_not_a_wav_is_one_line(pulse: Pulse, vosk_model_path: Path, tmp_path: Path):
    bad = tmp_path / "notes.wav"
    bad.write_text("not audio")
    env = {**pulse.env, "PYTHONPATH": str(ROOT), "BACKCOACH_MODEL": str(vosk_model_path)}
    done = subprocess.run(
        [sys.executable, "-m", "voice", "--state-dir", str(tmp_path / "s"), "--input", str(bad)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == f"backcoach: {bad}: not a WAV file (no RIFF/WAVE header)"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_live_mode_ends_cleanly_on_sigterm_and_sighup(
    pulse: Pulse, vosk_model_path: Path, tmp_path: Path, sig: signal.Signals
) -> None:
    """A background coach is stopped with SIGTERM (systemd) or loses its terminal (SIGHUP): it
    ends as Ctrl-C does, exit 0, and the event log says why (it was killed mid-run)."""
    recording = tmp_path / "input.wav"
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", "-b", "16", str(recording),
                    "trim", "0", "60"], check=True)  # fmt: skip
    log = tmp_path / "events.jsonl"
    env = {**pulse.env, "PYTHONPATH": str(ROOT), "BACKCOACH_MODEL": str(vosk_model_path)}
    coach = subprocess.Popen(
        [sys.executable, "-m", "voice", "--state-dir", str(tmp_path / "state")]
        + ["--input", str(recording), "--events", str(log)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 90
    while '"Said"' not in (log.read_text() if log.exists() else ""):  # the greeting was said
        assert time.monotonic() < deadline and coach.poll() is None, coach.communicate()
        time.sleep(0.2)
    coach.send_signal(sig)
    _, err = coach.communicate(timeout=30)
    assert coach.returncode == 0, err
    events = [json.loads(line) for line in log.read_text().splitlines()]
    assert {"type": "EndSession", "reason": f"interrupted ({sig.name})"} in events
    assert events[-1]["type"] in ("EndSession", "Said")  # the greeting, cut short, may end it
