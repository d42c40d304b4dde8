"""How well the live coach lines its reference up with its microphone. Not a test; prints lines.

The live coach (full duplex, bench/duplex.py's rig: DUPLEX_LOOPBACK) talks for `--minutes`
(long replies back to back, nobody speaking) while every (microphone, reference) pair its echo
canceller gets is recorded. Then, on that recording:
- the lag of the echo behind the reference per second (cross-correlation peak): a fixed echo
  path gives one value; every change is a new path the adaptive filter must learn again;
- the echo removed (ERLE, dB, median per 0.25 s of the coach's voice after the first 6 s) by
  speexdsp (`EchoCanceller`) as the coach aligned it; with the reference shifted by a lag
  estimated from the last 0.5 s of both (causal: what the product could do); and with the lag
  of the block itself (an oracle, the upper bound);
- how far behind real time the listener fell (chunks waiting in the microphone's queue).

    python bench/echo_alignment.py [--minutes M] [--save DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from voice.hearing.echo import EchoCanceller  # noqa: E402
from voice.hearing.echo_alignment import LEAD, MAX_LAG  # noqa: E402
from voice.hearing.echo_alignment import echo_lag as lag  # noqa: E402

RATE = 16000


def record(minutes: float) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    import duplex

    os.environ.setdefault(
        "BACKCOACH_MODEL", str(HERE.parent.parent / "shared" / "models" / "vosk-model-small-en-us")
    )
    mics: list[np.ndarray] = []
    refs: list[np.ndarray] = []
    with ExitStack() as stack:
        duplex.start_pulse(stack)
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        bench = duplex.Bench(stack, tmp)
        bench.quiet_for(1.0)
        canceller = bench.live.listener._echo._canceller
        process = canceller.process

        def recorded(mic: np.ndarray, reference: np.ndarray) -> np.ndarray:
            mics.append(mic.copy())
            refs.append(reference.copy())
            return process(mic, reference)

        canceller.process = recorded  # type: ignore[method-assign]
        began, busy = time.monotonic(), bench.live.listener.busy
        control = duplex.control(bench, minutes)
        elapsed = time.monotonic() - began
        mic = bench.live.mic
        info = {
            "listener busy share of wall time": round(
                (bench.live.listener.busy - busy) / elapsed, 2
            ),
            "seconds behind real time": round(mic._queue.qsize() * 512 / RATE, 1) if mic else None,
            "false actions": control["false_actions"],
            "load average": os.getloadavg(),
        }
    return np.concatenate(mics), np.concatenate(refs), info


def cancel(mic: np.ndarray, ref: np.ndarray, mode: str, block: int = 4096) -> list[float]:
    """ERLE per block with the reference as given ("as aligned"), or shifted by a lag found in
    the last 0.5 s ("causal") or in the block itself ("oracle")."""
    canceller = EchoCanceller()
    padded = np.concatenate([np.zeros(MAX_LAG, np.int16), ref])
    found: int | None = None
    out = []
    for start in range(8192, len(mic) - block, block):
        if mode == "causal":
            found = lag(mic[start - 8192 : start], ref[start - 8192 : start]) or found
        elif mode == "oracle":
            found = (
                lag(mic[start - 4096 : start + block], ref[start - 4096 : start + block]) or found
            )
        shift = 0 if mode == "as aligned" or found is None else max(found - LEAD, 0)
        reference = padded[start - shift + MAX_LAG : start - shift + MAX_LAG + block]
        cleaned = canceller.process(mic[start : start + block], reference).astype(np.float64)
        heard = mic[start : start + block].astype(np.float64)
        if start > 6 * RATE and np.sqrt(np.mean(heard**2)) > 300 and len(cleaned) == block:
            out.append(10 * np.log10(np.sum(heard**2) / max(np.sum(cleaned**2), 1.0)))
    canceller.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--save", help="folder for mic.npy and ref.npy (or read them from it)")
    args = parser.parse_args()
    saved = Path(args.save) if args.save else None
    if saved is not None and (saved / "mic.npy").exists():
        mic, ref = np.load(saved / "mic.npy"), np.load(saved / "ref.npy")
    else:
        mic, ref, info = record(args.minutes)
        print(info, flush=True)
        if saved is not None:
            saved.mkdir(parents=True, exist_ok=True)
            np.save(saved / "mic.npy", mic)
            np.save(saved / "ref.npy", ref)
    lags = [lag(mic[s : s + RATE], ref[s : s + RATE]) for s in range(0, len(mic) - RATE, RATE)]
    print(f"{len(mic) / RATE:.0f} s of the canceller's input; lag per second (samples): {lags}")
    for mode in ("as aligned", "causal", "oracle"):
        removed = cancel(mic, ref, mode)
        if removed:
            print(
                f"ERLE {mode}: median {np.median(removed):.1f} dB, "
                f"p10 {np.percentile(removed, 10):.1f} dB ({len(removed)} blocks)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
