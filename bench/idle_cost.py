"""What listening costs while nobody talks to the coach, with the speech gate and without
(voice.hearing.speech_gate), in the same run (not a test; prints tables).

1. The product recognizer (voice.app.wiring.build_recognizer: Vosk, its N-best decoder, the
   second pass, Moonshine's free pass) fed as fast as it goes: CPU seconds per second of audio
   for a quiet room (pink noise at -55 dBFS), a TV talking (the corpus's out-of-domain
   programmes over the same room tone) and spoken commands (espeak-ng and flite), and what it
   heard of the commands, so the gate is seen to lose no word.
2. The whole live process (`LiveRun`, the real microphone on a private PulseAudio whose room
   plays the same room tone): process CPU over wall time while it listens (every thread: the
   microphone callback, the session loop, the speech queue, the speaker's stream).
3. Start-up: process start to a ready coach and to the first microphone chunk
   (bench/latency.py's probe).

    python bench/idle_cost.py [--seconds 60] [--tv-minutes 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import audio, conditions, corpus  # noqa: E402
from bench.latency import (  # noqa: E402
    UTTERANCES,
    VOICES,
    machine,
    measure_startup,
    start_pulse,
    synthesize,
)
from voice.app.settings import Settings  # noqa: E402
from voice.hearing.mic import BLOCK, RATE  # noqa: E402
from voice.hearing.recognizer_settings import RecognizerSettings  # noqa: E402
from voice.hearing.speech_recognizer import SpeechRecognizer  # noqa: E402

GATES = {"gate off": None, "gate on": RecognizerSettings().speech_gate}
ROOM_DBFS = -55.0


def room_tone(seconds: float, seed: int = 1) -> np.ndarray:
    hiss = conditions.colored_noise("pink", int(seconds * RATE), np.random.default_rng(seed))
    return hiss * 10 ** (ROOM_DBFS / 20)


def tv_audio(minutes: float) -> np.ndarray:
    """The first `minutes` of the corpus's out-of-domain programmes, at conversational level
    (-30 dBFS speech) over the room tone."""
    parts, total = [], 0.0
    for entry in corpus.load_ood():
        if entry["kind"] == "groans":
            continue
        samples = audio.read_wav(corpus.CORPUS / entry["file"])
        parts.append(samples)
        total += len(samples) / RATE
        if total >= minutes * 60:
            break
    speech = np.concatenate(parts)[: int(minutes * 60 * RATE)]
    speech = speech * (10 ** (-30 / 20) / max(audio.active_rms(speech), 1e-9))
    return speech + room_tone(len(speech) / RATE, seed=2)


def feed_cost(recognizer: SpeechRecognizer, samples: np.ndarray) -> tuple[float, list[str]]:
    """CPU seconds per audio second, and the finals heard."""
    pcm = audio.to_int16(samples)
    recognizer.restart()
    heard: list[str] = []
    cpu0 = time.process_time()
    for start in range(0, len(pcm), BLOCK):
        heard += [h.text for h in recognizer.feed(pcm[start : start + BLOCK].tobytes()) if h.final]
    heard += [h.text for h in recognizer.finish()]
    return (time.process_time() - cpu0) / (len(pcm) / RATE), heard


def commands(tmp: Path) -> np.ndarray:
    """Every latency-bench utterance in both voices, two seconds of room tone between."""
    parts = []
    for voice in VOICES:
        for text in UTTERANCES:
            clip = synthesize(text, voice, tmp / "c.wav").astype(np.float32) / 32768.0
            parts += [room_tone(2.0, seed=len(parts)), clip * 0.5]
    return np.concatenate([*parts, room_tone(2.0)])


def recognizer_costs(args: argparse.Namespace, tmp: Path) -> dict[str, dict]:
    from voice.app.wiring import build_recognizer

    inputs = {
        "quiet room": room_tone(args.seconds),
        "TV talking": tv_audio(args.tv_minutes),
        "commands": commands(tmp),
    }
    out: dict[str, dict] = {}
    for name, gate in GATES.items():
        rec = build_recognizer(
            Settings(state_dir=tmp / "state"), replace(RecognizerSettings(), speech_gate=gate)
        )
        out[name] = {}
        for label, samples in inputs.items():
            cost, heard = feed_cost(rec, samples)
            out[name][label] = {"cpu": cost, "heard": heard}
            print(f"{name:9} {label:11} {100 * cost:5.1f}% of a core, {len(heard)} finals")
    return out


LIVE_PROBE = """
import sys, time, threading
from dataclasses import replace
from pathlib import Path
sys.path.insert(0, {root!r})
from contextlib import ExitStack
import voice.app.live_mode as live_mode
from voice.app.settings import Settings
from voice.clock import SystemClock
from voice.hearing.recognizer_settings import RecognizerSettings
from voice.hearing.speech_gate import GateSettings
gate = GateSettings() if {gate!r} else None
build = live_mode.build_recognizer
live_mode.build_recognizer = lambda s: build(s, replace(RecognizerSettings(), speech_gate=gate))
with ExitStack() as stack:
    live = live_mode.LiveRun(Settings(state_dir=Path({state!r})), SystemClock(), stack)
    threading.Thread(target=live.run, daemon=True).start()
    time.sleep({settle})  # the greeting is said and the speech queue's warm-up is done
    cpu0, wall0 = time.process_time(), time.monotonic()
    time.sleep({seconds})
    print((time.process_time() - cpu0) / (time.monotonic() - wall0), flush=True)
    live.stop.set()
"""


def live_idle(gate: bool, seconds: float, tmp: Path, root: Path = ROOT) -> float:
    """Process CPU share of a live coach (the checkout at `root`) listening to room tone
    through PulseAudio."""
    tone = tmp / "room.wav"
    audio.write_wav(tone, room_tone(seconds + 60))
    player = subprocess.Popen(["paplay", "--device=room", str(tone)])
    try:
        code = LIVE_PROBE.format(
            root=str(root), gate=gate, state=str(tmp / f"live-{gate}"), settle=30, seconds=seconds
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=seconds + 120
        )
        lines = done.stdout.split()
        if not lines:
            print(f"live probe failed: {done.stderr[-500:]}", file=sys.stderr)
            return float("nan")
        return float(lines[-1])
    finally:
        player.terminate()
        player.wait()


def compare_live(roots: list[Path], seconds: float, repeat: int, tmp: Path) -> int:
    """The live process's CPU in a quiet room for several checkouts, measured in turn."""
    shares: dict[Path, list[float]] = {root: [] for root in roots}
    for round_ in range(repeat):
        for root in roots:
            shares[root].append(live_idle(True, seconds, tmp / f"{round_}-{root.name}", root))
            print(f"round {round_ + 1}: {root}: {100 * shares[root][-1]:.2f}%", flush=True)
    print(f"\nmachine: {machine()}, load average {os.getloadavg()[0]:.1f} at the end\n")
    print("| checkout | live process, quiet room (median) | each round |\n|---|---|---|")
    for root, values in shares.items():
        each = ", ".join(f"{100 * v:.2f}%" for v in values)
        print(f"| {root} | {100 * statistics.median(values):.2f}% | {each} |")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0, help="room tone per measure")
    parser.add_argument("--tv-minutes", type=float, default=5.0)
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    parser.add_argument(
        "--live-roots", type=Path, nargs="+",
        help="only the live process, gate on, for each of these checkouts (interleaved)",
    )  # fmt: skip
    parser.add_argument("--repeat", type=int, default=3, help="rounds with --live-roots")
    args = parser.parse_args()
    if not os.environ.get("BACKCOACH_MODEL"):
        shared = ROOT.parent / "shared" / "models" / "vosk-model-small-en-us"
        os.environ["BACKCOACH_MODEL"] = str(shared)
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        start_pulse(stack)
        if args.live_roots:
            return compare_live(args.live_roots, args.seconds, args.repeat, tmp)
        costs = recognizer_costs(args, tmp)
        live = {
            name: live_idle(gate is not None, args.seconds, tmp) for name, gate in GATES.items()
        }
        startup = measure_startup(tmp / "probe-state", "vosk")
    print(f"\nmachine: {machine()}\n")
    print("| CPU, share of one core | gate off | gate on |\n|---|---|---|")
    for label in costs["gate off"]:
        off, on = costs["gate off"][label]["cpu"], costs["gate on"][label]["cpu"]
        print(f"| recognizer, {label} | {100 * off:.1f}% | {100 * on:.1f}% |")
    print(f"| live process, quiet room | {100 * live['gate off']:.1f}% | "
          f"{100 * live['gate on']:.1f}% |")  # fmt: skip
    same = costs["gate off"]["commands"]["heard"] == costs["gate on"]["commands"]["heard"]
    print(f"\ncommands heard, gate off: {costs['gate off']['commands']['heard']}")
    print(f"commands heard, gate on:  {costs['gate on']['commands']['heard']}")
    print(f"the same: {same}")
    print(f"\nstart-up: ready {startup[0]:.2f} s, listening {startup[1]:.2f} s")
    if args.json:
        summary = {"costs": costs, "live": live, "startup": startup, "machine": machine()}
        args.json.write_text(json.dumps(summary, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
