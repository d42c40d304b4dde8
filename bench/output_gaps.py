"""Does the speaker's output buffer underrun? (Not a test; prints one line per buffer size.)

Plays a 6 s 440 Hz tone through `voice.speaking.speaker.AudioOutput` at several output latencies
into a private PulseAudio null sink while N busy processes load the CPU, records the sink's monitor
with parec, and counts 2 ms windows of near-silence inside the tone (an underrun shows as a gap).

    python bench/output_gaps.py [--busy 2]
"""

from __future__ import annotations

import argparse
import multiprocessing
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
sys.path.insert(0, str(ROOT / "bench"))

from latency import machine, start_pulse  # noqa: E402

import voice.speaking.speaker as speaker  # noqa: E402
from voice.clock import SystemClock  # noqa: E402

RATE = speaker.OUTPUT_RATE
LATENCIES = [0.04, 0.02, 0.01, 0.005]


def busy(stop: object) -> None:
    while not stop.is_set():  # type: ignore[attr-defined]
        sum(i * i for i in range(10000))


def gaps(latency: float, raw: Path) -> tuple[float, float, int]:
    """Play the tone; (reported latency s, recorded tone s, quiet 2 ms windows inside it)."""
    speaker.OUTPUT_LATENCY = latency
    with raw.open("wb") as sink:
        record = subprocess.Popen(
            ["parec", "-d", "coach_speaker.monitor", "--format=s16le", f"--rate={RATE}",
             "--channels=1"], stdout=sink, stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(0.5)
        out = speaker.AudioOutput(SystemClock())
        tone = (8000 * np.sin(2 * np.pi * 440 * np.arange(RATE * 6) / RATE)).astype(np.int16)
        done = threading.Event()
        out.play(tone, lambda *_: done.set())
        done.wait(10)
        time.sleep(0.5)
        out.close()
        record.terminate()
        record.wait()
    x = np.abs(np.frombuffer(raw.read_bytes(), dtype=np.int16).astype(np.int32))
    loud = np.nonzero(x > 500)[0]
    inside = x[loud[0] : loud[-1]]
    w = RATE // 500
    n = len(inside) // w
    quiet = int((inside[: n * w].reshape(n, w).max(axis=1) < 300).sum())
    return float(out.latency), len(inside) / RATE, quiet


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--busy", type=int, default=2, help="busy processes loading the CPU")
    args = parser.parse_args()
    with ExitStack() as stack:
        start_pulse(stack)
        raw = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "out.raw"
        stop = multiprocessing.Event()
        procs = [multiprocessing.Process(target=busy, args=(stop,)) for _ in range(args.busy)]
        for p in procs:
            p.start()
        stack.callback(lambda: [stop.set(), *(p.join() for p in procs)])
        print(f"machine: {machine()}; {args.busy} busy processes\n")
        print("| asked latency ms | stream latency ms | tone recorded s (6.00 played) | gaps |")
        print("|---|---|---|---|")
        for latency in LATENCIES:
            reported, seconds, quiet = gaps(latency, raw)
            print(f"| {latency * 1000:.0f} | {reported * 1000:.1f} | {seconds:.2f} | {quiet} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
