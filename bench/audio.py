"""Small audio helpers for the benchmark: WAV in/out, speech bounds, speech-active RMS."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

RATE = 16000
FRAME = 320  # 20 ms at 16 kHz


def read_wav(path: Path) -> np.ndarray:
    """16-bit mono 16 kHz WAV → float32 in [-1, 1]. Anything else is a one-line error."""
    with wave.open(str(path), "rb") as w:
        if w.getsampwidth() != 2 or w.getnchannels() != 1 or w.getframerate() != RATE:
            raise ValueError(f"{path}: expected 16-bit mono {RATE} Hz WAV")
        data = w.readframes(w.getnframes())
    return np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0


def write_wav(path: Path, samples: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(to_int16(samples).tobytes())


def to_int16(samples: np.ndarray) -> np.ndarray:
    return (np.clip(samples, -1.0, 32767 / 32768) * 32768.0).astype("<i2")


def frame_rms(samples: np.ndarray) -> np.ndarray:
    n = len(samples) // FRAME
    if n == 0:
        return np.zeros(1, dtype=np.float32)
    frames = samples[: n * FRAME].reshape(n, FRAME).astype(np.float64)
    return np.sqrt(np.mean(frames**2, axis=1) + 1e-20)


def active_mask(samples: np.ndarray, floor_db: float = 35.0) -> np.ndarray:
    """Frames within `floor_db` of the loudest frame count as speech-active."""
    rms = frame_rms(samples)
    return rms >= rms.max() * 10 ** (-floor_db / 20)


def speech_bounds(samples: np.ndarray) -> tuple[float, float]:
    """(start, end) in seconds of the speech-active part (first to last active frame)."""
    idx = np.flatnonzero(active_mask(samples))
    if len(idx) == 0:
        return 0.0, len(samples) / RATE
    return idx[0] * FRAME / RATE, (idx[-1] + 1) * FRAME / RATE


def active_rms(samples: np.ndarray) -> float:
    """RMS over speech-active frames only (the SNR reference, so pauses do not count)."""
    rms = frame_rms(samples)
    mask = active_mask(samples)
    return float(np.sqrt(np.mean(rms[mask] ** 2))) if mask.any() else float(rms.mean())
