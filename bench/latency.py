"""How fast the coach answers, through the whole live pipeline (not a test; prints tables).

For each test utterance (espeak-ng and flite voices) the real `LiveRun` wiring is used: audio
is fed to the listener at real speed in 32 ms chunks, exactly as the microphone delivers it;
Vosk + our end-of-speech detector hear it, the matcher and the coach answer, the speech queue
synthesizes with pyttsx3, and the speaker plays through sounddevice into a private PulseAudio
null sink. Measured per utterance: from the end of speech in the audio (last sample above the
noise floor) to the first sample of the reply reaching the output (the stream's DAC time).

Also: real-time factor of recognition, idle CPU while listening to room noise, peak RSS, and
start-up time from process start to the first microphone chunk.

    python bench/latency.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice.app.live_mode import LiveRun  # noqa: E402
from voice.app.settings import Settings  # noqa: E402
from voice.clock import SystemClock  # noqa: E402
from voice.hearing.mic import BLOCK, RATE  # noqa: E402
from voice.hearing.speech_recognizer import transcribe  # noqa: E402
from voice.wav_files import read_wav  # noqa: E402

# Questions whose answers neither start a routine nor end the session.
UTTERANCES = [
    "my back locked up",
    "how long do i ice it",
    "can i use heat",
    "what can i take for the pain",
    "is tylenol okay",
    "how much time is left",
    "what is happening to me",
    "i have a knot",
    "how can i prevent this",
    "should i lie down",
    "what now",
    "help",
]
VOICES = [("espeak-ng", "en-us", 160), ("flite", "slt", 0)]
NOISE_RMS = 60.0  # a quiet room through a laptop microphone, roughly


def synthesize(text: str, voice: tuple[str, str, int], path: Path) -> np.ndarray:
    engine, name, speed = voice
    if engine == "espeak-ng":
        cmd = ["espeak-ng", "-v", name, "-s", str(speed), "-w", str(path), text]
    else:
        cmd = ["flite", "-voice", name, "-t", text, "-o", str(path)]
    subprocess.run(cmd, check=True, capture_output=True)
    return read_wav(path)


def speech_end(samples: np.ndarray, floor: float = 200.0) -> int:
    """Index just after the last 10 ms window whose RMS is above `floor`."""
    window = 160
    usable = len(samples) // window * window
    frames = samples[:usable].astype(np.float64).reshape(-1, window)
    loud = np.nonzero(np.sqrt(np.mean(frames**2, axis=1)) > floor)[0]
    return int((loud[-1] + 1) * window) if len(loud) else 0


def noise(seconds: float, rng: np.random.Generator) -> np.ndarray:
    return rng.normal(0, NOISE_RMS, int(seconds * RATE)).astype(np.int16)


def start_pulse(stack: ExitStack, loopback: list[str] | None = None) -> None:
    """A private PulseAudio with a null sink as the speaker (../shared/AUDIO-TESTING.md);
    with `loopback` (extra module arguments, may be empty) the speaker is looped into the
    room, as a laptop's speakers reach its microphone."""
    runtime = Path(tempfile.mkdtemp(prefix="bench-pulse-"))
    os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    os.environ["PULSE_RUNTIME_PATH"] = str(runtime / "pulse")
    cmd = ["pulseaudio", "--daemonize=yes", "--exit-idle-time=-1", "--disallow-exit", "-n"]
    cmd += ["--use-pid-file=yes", "--load=module-native-protocol-unix"]
    cmd += ["--load=module-null-sink sink_name=coach_speaker rate=48000"]
    cmd += ["--load=module-null-sink sink_name=room rate=48000"]
    cmd += ["--load=module-remap-source master=room.monitor source_name=coach_mic"]
    subprocess.run(cmd, check=True, capture_output=True)
    pid = int((runtime / "pulse" / "pid").read_text().split()[0])
    subprocess.run(["pactl", "set-default-sink", "coach_speaker"], check=True)
    subprocess.run(["pactl", "set-default-source", "coach_mic"], check=True)
    stack.callback(shutil.rmtree, runtime, True)
    stack.callback(os.kill, pid, signal.SIGTERM)
    if loopback is not None:
        loop = ["source=coach_speaker.monitor", "sink=room", *loopback]
        subprocess.run(["pactl", "load-module", "module-loopback", *loop], check=True)


class Feeder:
    """Feeds samples to the listener at real speed, one microphone block at a time."""

    def __init__(self, live: LiveRun) -> None:
        self.live = live
        self.clock = live.clock
        self.next_due = self.clock.now().mono

    def feed(self, samples: np.ndarray) -> float:
        """Feed all of `samples`; return the monotonic time its first sample 'was captured'."""
        first = self.next_due
        for start in range(0, len(samples), BLOCK):
            self.next_due += BLOCK / RATE
            self.clock.wait_until(self.next_due, threading.Event())
            self.live.listener.feed(samples[start : start + BLOCK].tobytes(), self.next_due)
        return first


def quiet(live: LiveRun) -> bool:
    return not (live.queue.speaking or live.queue.pending() or live.player.speaking)


def measure_latency(live: LiveRun, clips: list[tuple[str, np.ndarray]], rng: np.random.Generator):
    starts: list[float] = []
    finals: list[float] = []
    output = live.player.output  # type: ignore[union-attr]
    output.on_start = starts.append
    post = live.listener._post  # noqa: SLF001 - the bench taps the listener's output

    def tap(event: object) -> None:
        if getattr(event, "final", False):
            finals.append(live.clock.now().mono)
        post(event)  # type: ignore[arg-type]

    live.listener._post = tap  # noqa: SLF001
    feeder = Feeder(live)
    rows = []
    for label, clip in clips:
        silent = 0
        while silent < 4:  # a second of nothing said or queued
            feeder.feed(noise(0.25, rng))
            silent = silent + 1 if quiet(live) else 0
        before, heard_before = len(starts), len(finals)
        spoken = clip.astype(np.float64) + rng.normal(0, NOISE_RMS, len(clip))
        first = feeder.feed(np.clip(spoken, -32768, 32767).astype(np.int16))
        end_of_speech = first + speech_end(clip) / RATE
        waited = 0.0
        while len(starts) == before and waited < 4.0:
            feeder.feed(noise(0.064, rng))
            waited += 0.064
        if len(starts) == before or len(finals) == heard_before:
            rows.append((label, None, None))
            continue
        heard = finals[heard_before] - end_of_speech
        rows.append((label, starts[before] - end_of_speech, heard))
        live.queue.stop(keep=0)  # type: ignore[arg-type]  # cut the answer: next question
    return rows


def measure_idle(live: LiveRun, seconds: float, rng: np.random.Generator) -> float:
    feeder = Feeder(live)
    cpu0, wall0 = time.process_time(), time.monotonic()
    feeder.feed(noise(seconds, rng))
    return (time.process_time() - cpu0) / (time.monotonic() - wall0)


def measure_rtf(live: LiveRun, clips: list[tuple[str, np.ndarray]]) -> float:
    audio = sum(len(c) / RATE + 1.5 for _, c in clips)  # transcribe pads 1.5 s of silence
    start = time.perf_counter()
    for _, clip in clips:
        transcribe(live.recognizer, clip)
    return (time.perf_counter() - start) / audio


STARTUP_PROBE = """
import sys, time
sys.path.insert(0, {root!r})
from contextlib import ExitStack
from pathlib import Path
from voice.clock import SystemClock
from voice.app.live_mode import LiveRun
from voice.hearing.mic import Microphone, MicSettings
from voice.app.settings import Settings
with ExitStack() as stack:
    settings = Settings(state_dir=Path({state!r}), recognizer={recognizer!r},
                        moonshine_model={moonshine!r})
    live = LiveRun(settings, SystemClock(), stack)
    ready = time.monotonic()
    mic = Microphone(SystemClock(), MicSettings())
    for chunk, at in mic.chunks():
        print(ready, time.monotonic(), flush=True)
        mic.close()
"""


def measure_startup(
    state: Path, recognizer: str, attempts: int = 3, moonshine: str = "tiny"
) -> tuple[float, float]:
    """Seconds from process start to a ready coach and to the first microphone chunk. The
    probe process sometimes exits without a chunk (about 1 run in 3 here, exit status 0,
    nothing on stderr; not seen when run alone): tried again, NaN if it never answers."""
    code = STARTUP_PROBE.format(
        root=str(ROOT), state=str(state), recognizer=recognizer, moonshine=moonshine
    )
    for _ in range(attempts):
        began = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
        )
        times = done.stdout.split()[:2]
        if len(times) == 2:
            ready, listening = (float(x) for x in times)
            return ready - began, listening - began
        print(f"start-up probe gave no microphone chunk {done.stderr[-300:]!r}", file=sys.stderr)
    return float("nan"), float("nan")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1, help="passes over the utterances")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    parser.add_argument("--recognizer", default="vosk", help="vosk | moonshine | both")
    parser.add_argument("--moonshine-model", default="tiny", help="tiny | base")
    args = parser.parse_args()
    if not os.environ.get("BACKCOACH_MODEL"):
        shared = ROOT.parent / "shared" / "models" / "vosk-model-small-en-us"
        os.environ["BACKCOACH_MODEL"] = str(shared)
    rng = np.random.default_rng(7)
    with ExitStack() as stack:
        start_pulse(stack)
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        clips = [
            (f"{voice[0]}:{voice[1]} {text}", synthesize(text, voice, tmp / "u.wav"))
            for voice in VOICES
            for text in UTTERANCES
        ] * args.repeat
        moonshine = args.moonshine_model
        startup = measure_startup(tmp / "probe-state", args.recognizer, moonshine=moonshine)
        settings = Settings(
            state_dir=tmp / "state", recognizer=args.recognizer, moonshine_model=moonshine
        )
        live = LiveRun(settings, SystemClock(), stack)
        session = threading.Thread(target=live.session.run, daemon=True)
        session.start()
        rows = measure_latency(live, clips, rng)
        idle = measure_idle(live, 10.0, rng)
        rtf = measure_rtf(live, clips[: len(UTTERANCES) * len(VOICES)])
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    answered = [ms for _, ms, _ in rows if ms is not None]
    heard = [h for _, _, h in rows if h is not None]
    print(f"\nmachine: {machine()}; recognizer: {args.recognizer} ({args.moonshine_model})")
    print("\n| utterance | final result after end of speech | reply starts after end of speech |")
    print("|---|---|---|")
    for label, value, final in rows:
        if value is None or final is None:
            print(f"| {label} | - | no reply |")
        else:
            print(f"| {label} | {final * 1000:.0f} ms | {value * 1000:.0f} ms |")
    p95 = float(np.percentile(answered, 95)) if answered else float("nan")
    summary = {
        "utterances": len(rows),
        "answered": len(answered),
        "median_ms": round(statistics.median(answered) * 1000) if answered else None,
        "p95_ms": round(p95 * 1000) if answered else None,
        "median_final_result_ms": round(statistics.median(heard) * 1000) if heard else None,
        "real_time_factor": round(rtf, 3),
        "idle_cpu_percent": round(idle * 100, 1),
        "peak_rss_mb": round(rss),
        "startup_to_ready_s": round(startup[0], 2),
        "startup_to_listening_s": round(startup[1], 2),
        "machine": machine(),
    }
    print("\n| measure | value |\n|---|---|")
    for key, value in summary.items():
        print(f"| {key} | {value} |")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
