"""The real human speech sets in ../shared/speech/ and Picovoice's way of adding noise.

- picovoice-s2i-dev: 318 coffee orders with labels (intent and slots) and kitchen noise;
- speech-commands-dev: one-second "yes", "no", "stop", "go" and other words.

`mix(speech, noise, snr_db, rng)` is the speech-to-intent benchmark's mixer: the SNR is the ratio
of the loudest 2,048-sample frame energy of the speech to that of a random stretch of the noise,
and the mix is scaled to peak at half of full scale (no clipping).
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

SPEECH = Path(__file__).resolve().parents[2] / "shared" / "speech"
COFFEE = SPEECH / "picovoice-s2i-dev"
COMMANDS = SPEECH / "speech-commands-dev"
RATE = 16000
FRAME = 2048
WORDS = ("yes", "no", "stop", "go")
OTHER = "_unknown_"


@dataclass(frozen=True)
class Clip:
    path: Path
    expected: str  # intent (coffee: the label's; commands: the word, or OTHER)
    slots: tuple[tuple[str, str], ...] = ()


def read(path: Path) -> np.ndarray:
    """A 16 kHz mono FLAC or WAV as float64 in [-1, 1]; anything else is a one-line error."""
    import soundfile

    samples, rate = soundfile.read(str(path), dtype="float64", always_2d=False)
    if rate != RATE or samples.ndim != 1:
        raise ValueError(f"{path}: expected 16 kHz mono, got {rate} Hz, shape {samples.shape}")
    return np.asarray(samples)


def coffee_clips(root: Path = COFFEE) -> list[Clip]:
    labels = json.loads((root / "labels.json").read_text())
    out = []
    for name in sorted(labels):
        label = labels[name]
        slots = tuple(sorted((k, v.strip().lower()) for k, v in label.get("slots", {}).items()))
        out.append(Clip(root / "clips" / name, label["intent"], slots))
    return out


def command_clips(root: Path = COMMANDS) -> list[Clip]:
    return [
        Clip(path, word)
        for word in (*WORDS, OTHER)
        for path in sorted((root / word).glob("*.flac"))
    ]


@lru_cache(maxsize=1)
def kitchen(root: Path = COFFEE) -> np.ndarray:
    return read(root / "noise" / "kitchen.flac")


def _max_frame_energy(samples: np.ndarray) -> float:
    n = len(samples) // FRAME
    frames = samples[: n * FRAME].reshape(n, FRAME)
    return float((frames**2).sum(axis=1).max())


def mix(
    speech: np.ndarray, noise: np.ndarray, snr_db: float, rng: np.random.Generator
) -> np.ndarray:
    """Picovoice's mixer (see the module doc)."""
    if len(noise) <= len(speech):
        raise ValueError(f"noise ({len(noise)} samples) shorter than speech ({len(speech)})")
    start = int(rng.integers(0, len(noise) - len(speech)))
    stretch = noise[start : start + len(speech)]
    scale = np.sqrt(_max_frame_energy(speech) / (_max_frame_energy(stretch) * 10 ** (snr_db / 10)))
    noisy = speech + scale * stretch
    return noisy / (2 * np.max(np.abs(noisy)))


def condition_audio(clip: Clip, condition: str) -> np.ndarray:
    """The clip as int16: "clean" as recorded, "kitchen@SNR" mixed with a stretch of the kitchen
    noise chosen by a seed from the clip's name and the SNR (the same every run)."""
    samples = read(clip.path)
    if condition != "clean":
        noise_name, _, snr = condition.partition("@")
        if noise_name != "kitchen":
            raise ValueError(f"unknown condition {condition!r} (clean, kitchen@SNR)")
        rng = np.random.default_rng(zlib.crc32(f"{clip.path.name}@{snr}".encode()))
        samples = mix(samples, kitchen(), float(snr), rng)
    return (np.clip(samples, -1.0, 32767 / 32768) * 32768).astype(np.int16)


def slots_right(expected: tuple[tuple[str, str], ...], slots: dict[str, object]) -> bool:
    """Picovoice's rule: every labelled slot right (lower-cased, stripped), none extra."""
    got = tuple(sorted((k, str(v).strip().lower()) for k, v in slots.items()))
    return got == expected
