"""The echo path of the test rig: how the coach's speaker reaches its microphone through a
private PulseAudio, and how much speexdsp removes of it. Not a test; prints a table.

For each rig (`--rig NAME=ARGS`, ARGS the extra module-loopback arguments, or `remap` for a
coach speaker that is a remap sink of the room: one clock, no loopback buffer) the coach's
voice (espeak-ng, about `--seconds` of it) is played into `coach_speaker` while the room's
monitor (the microphone) and the speaker's monitor (the reference) are recorded. Then, per
second of audio:
- the delay from reference to microphone (cross-correlation peak): its median, how far it
  moves (drift, in samples per minute: the slope of a line through it) and its jumps (a change
  of more than 2 ms from one second to the next);
- the share of the echo's energy that speexdsp's canceller (`EchoCanceller`, as the product
  runs it) leaves, given the reference shifted by the median delay: the echo return loss
  enhancement (ERLE) in dB, median over the seconds with speech, after the first 4 s.

    python bench/echo_path.py [--seconds S] [--rig NAME=ARGS ...]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from latency import machine, start_pulse  # noqa: E402

from voice.hearing.echo import EchoCanceller  # noqa: E402

RATE = 16000
TEXT = (
    "A back spasm is a muscle that tightens and will not let go. It usually eases within a "
    "few minutes to a few days. Lie on your back with your knees bent, breathe slowly, and "
    "let the muscle soften. Ice for fifteen minutes at a time helps in the first two days. "
    "Gentle movement is better than bed rest. If your leg goes numb, or you lose control of "
    "your bladder, call for help at once. "
)
MAX_LAG = 8000  # samples searched around zero (0.5 s)
RIGS = ["today=", "fixed=adjust_time=0"]


def speech(seconds: float, tmp: Path) -> Path:
    """About `seconds` of the coach's voice, 16 kHz mono."""
    wav = tmp / "coach.wav"
    raw = tmp / "coach_raw.wav"
    text = TEXT * max(1, int(seconds / 25) + 1)
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "165", "-w", str(raw), text], check=True)
    subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(wav), "trim",
                    "0", str(seconds)], check=True)  # fmt: skip
    return wav


def record(device: str, out: Path) -> subprocess.Popen[bytes]:
    cmd = ["parec", "-d", device, "--rate=16000", "--channels=1", "--format=s16le", "--raw"]
    return subprocess.Popen(cmd, stdout=out.open("wb"))


def start_remap(stack: ExitStack) -> None:
    """The coach's speaker as a remap sink of the room: its voice is mixed into the room (the
    microphone) by the room's own thread, one clock, no buffer in between."""
    start_pulse(stack)
    subprocess.run(["pactl", "load-module", "module-remap-sink", "master=room",
                    "sink_name=coach_leak"], check=True)  # fmt: skip


def capture(rig: str, wav: Path, tmp: Path) -> tuple[np.ndarray, np.ndarray]:
    """(microphone, reference) recorded while `wav` plays on the coach's speaker."""
    with ExitStack() as stack:
        speaker = "coach_speaker"
        if rig == "remap":
            start_remap(stack)
            speaker = "coach_leak"
        else:
            start_pulse(stack, rig.split())
        mic_raw, ref_raw = tmp / "mic.raw", tmp / "ref.raw"
        recorders = [record("coach_mic", mic_raw), record(f"{speaker}.monitor", ref_raw)]
        time.sleep(1.0)
        subprocess.run(["paplay", f"--device={speaker}", str(wav)], check=True)
        time.sleep(1.0)
        for recorder in recorders:
            recorder.terminate()
            recorder.wait()
    mic = np.fromfile(mic_raw, dtype=np.int16)
    ref = np.fromfile(ref_raw, dtype=np.int16)
    return mic, ref


def lag_of(mic: np.ndarray, ref: np.ndarray) -> int | None:
    """Samples the microphone is behind the reference (None: no clear peak)."""
    if np.sum(ref.astype(np.float64) ** 2) < 1e6 * len(ref) / RATE:
        return None
    n = 1 << int(np.ceil(np.log2(len(mic) + len(ref))))
    spectrum = np.fft.rfft(mic.astype(np.float64), n) * np.conj(
        np.fft.rfft(ref.astype(np.float64), n)
    )
    corr = np.fft.irfft(spectrum / (np.abs(spectrum) + 1e-9), n)  # phase transform: sharp peak
    lags = np.concatenate([corr[: MAX_LAG + 1], corr[-MAX_LAG:]])
    index = int(np.argmax(lags))
    peak = lags[index]
    if peak < 5 * np.median(np.abs(lags)):
        return None
    return index if index <= MAX_LAG else index - len(lags)


def delays(mic: np.ndarray, ref: np.ndarray, offset: int) -> list[tuple[float, int]]:
    """(second, delay) for each second of the reference with speech; `offset` is the recordings'
    start difference found on the whole."""
    out = []
    for start in range(RATE * 2, len(ref) - RATE * 2, RATE):
        r = ref[start : start + RATE]
        lo = start + offset - MAX_LAG // 2
        if lo < 0 or lo + RATE + MAX_LAG > len(mic):
            continue
        m = mic[lo : lo + RATE + MAX_LAG]
        lag = lag_of(m, np.concatenate([np.zeros(MAX_LAG // 2, np.int16), r]))
        if lag is not None:
            out.append((start / RATE, offset + lag))
    return out


def erle(mic: np.ndarray, ref: np.ndarray, delay: int, tail: float) -> list[float]:
    """dB removed by the canceller per second of speech (after 4 s of it), with the reference
    shifted by a fixed `delay` minus 10 ms (a causal filter needs the reference a bit early)."""
    shift = delay - RATE // 100
    if shift > 0:
        ref = np.concatenate([np.zeros(shift, np.int16), ref])[: len(mic)]
    else:
        mic = np.concatenate([np.zeros(-shift, np.int16), mic])
    n = min(len(mic), len(ref)) // 256 * 256
    canceller = EchoCanceller(tail=tail)
    cleaned = canceller.process(mic[:n], ref[:n])
    canceller.close()
    out = []
    voiced = 0.0
    for start in range(0, n - RATE, RATE):
        m = mic[start : start + RATE].astype(np.float64)
        c = cleaned[start : start + RATE].astype(np.float64)
        if np.sqrt(np.mean(m**2)) < 300:
            continue
        voiced += 1
        if voiced > 4:
            out.append(10 * np.log10(np.sum(m**2) / max(np.sum(c**2), 1.0)))
    return out


def measure(rig: str, wav: Path, tmp: Path, tail: float) -> dict[str, float]:
    mic, ref = capture(rig, wav, tmp)
    whole = lag_of(mic[: RATE * 20], ref[: RATE * 20])
    if whole is None:
        raise SystemExit(f"bench/echo_path.py: no echo found in the microphone for rig {rig!r}")
    path = delays(mic, ref, whole)
    seconds = np.array([s for s, _ in path])
    lags = np.array([d for _, d in path], dtype=np.float64)
    slope = float(np.polyfit(seconds, lags, 1)[0]) * 60 if len(path) > 2 else float("nan")
    jumps = int(np.sum(np.abs(np.diff(lags)) > 0.002 * RATE))
    median = int(np.median(lags))
    removed = erle(mic, ref, median, tail)
    return {
        "delay_ms": median / RATE * 1000,
        "spread_ms": float(np.percentile(lags, 95) - np.percentile(lags, 5)) / RATE * 1000,
        "drift_per_min": slope,
        "jumps": jumps,
        "windows": len(path),
        "erle_median": float(np.median(removed)) if removed else float("nan"),
        "erle_p10": float(np.percentile(removed, 10)) if removed else float("nan"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--rig", action="append", help="NAME=LOOPBACK ARGS, or NAME=remap")
    parser.add_argument("--tail", type=float, default=0.4, help="canceller filter, seconds")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    rigs = [r.split("=", 1) for r in (args.rig or RIGS)]
    print(f"machine: {machine()}; load average {os.getloadavg()}")
    print("| rig | delay | spread p5-p95 | drift | jumps > 2 ms | seconds | ERLE median | p10 |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        wav = speech(args.seconds, tmp)
        for _ in range(args.repeat):
            for label, rig in rigs:
                m = measure(rig, wav, tmp, args.tail)
                print(
                    f"| {label} ({rig or 'defaults'}) | {m['delay_ms']:.1f} ms "
                    f"| {m['spread_ms']:.1f} ms | {m['drift_per_min']:+.1f} samples/min "
                    f"| {m['jumps']} | {m['windows']} | {m['erle_median']:.1f} dB "
                    f"| {m['erle_p10']:.1f} dB |",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
