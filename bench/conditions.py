"""Acoustic conditions for the benchmark: noise types at set SNRs, a room and a far talker.

SNR is computed against the speech-active RMS of the utterance (pauses excluded). Every
condition is deterministic for a given utterance id (seeded noise, fixed babble offsets).
"""

from __future__ import annotations

import json
import subprocess
import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np

from bench import audio

NOISES = ("white", "pink", "brown", "babble")
SNRS = (20, 10, 5, 0)
SPEECH_LEVEL_DB = -23.0  # speech-active RMS (dBFS) before mixing
FAR_ATTENUATION_DB = 24.0  # about 1 m to 4 m in the free field (6 dB per doubling of distance)
ROOM_TONE_DB = -65.0  # the microphone's own hiss and room tone, always there at a distance


def all_conditions() -> list[str]:
    """clean; <noise>@<snr> for every noise and SNR; room (reverb); far (reverb, quiet, hiss);
    far+<noise>@<snr> for the person on the floor with a TV or fan on."""
    names = ["clean"] + [f"{n}@{s}" for n in NOISES for s in SNRS]
    return names + ["room", "far", "far+babble@10", "far+pink@10"]


def snr_of(condition: str) -> int | None:
    return int(condition.split("@")[1]) if "@" in condition else None


def _seed(key: str) -> int:
    return zlib.crc32(key.encode())


def colored_noise(kind: str, n: int, rng: np.random.Generator) -> np.ndarray:
    """White, pink (1/f power) or brown (1/f^2 power) noise, unit RMS."""
    white = rng.standard_normal(n)
    if kind == "white":
        noise = white
    else:
        spectrum = np.fft.rfft(white)
        freqs = np.fft.rfftfreq(n, 1 / audio.RATE)
        freqs[freqs < 20] = 20.0  # no DC drift
        spectrum /= np.sqrt(freqs) if kind == "pink" else freqs
        noise = np.fft.irfft(spectrum, n)
    return (noise / np.sqrt(np.mean(noise**2))).astype(np.float32)


@lru_cache(maxsize=1)
def _talkers(corpus: Path) -> tuple[np.ndarray, ...]:
    manifest = corpus / "babble.json"
    if manifest.exists():
        files = [corpus / e["file"] for e in json.loads(manifest.read_text())]
    else:
        files = sorted((corpus / "babble").glob("*.wav"))
    if len(files) < 3:
        raise FileNotFoundError(f"{corpus / 'babble'}: babble talkers missing, run bench/corpus.py")
    return tuple(t / audio.active_rms(t) for t in (audio.read_wav(f) for f in files))


def babble(n: int, rng: np.random.Generator, corpus: Path, voices: int = 5) -> np.ndarray:
    """Several out-of-domain talkers at once, each at the same level, random offsets."""
    talkers = _talkers(corpus)
    mix = np.zeros(n, dtype=np.float32)
    for k in rng.choice(len(talkers), size=min(voices, len(talkers)), replace=False):
        talker = talkers[k]
        start = int(rng.integers(0, max(1, len(talker) - n)))
        piece = talker[start : start + n]
        mix[: len(piece)] += piece
    return mix / np.sqrt(np.mean(mix**2) + 1e-12)


def reverb(samples: np.ndarray) -> np.ndarray:
    """A mid-sized living room through sox (reverberance 50%, HF damping 50%, room 70%)."""
    raw = ["-t", "raw", "-r", str(audio.RATE), "-e", "signed", "-b", "16", "-c", "1"]
    out = subprocess.run(
        ["sox", *raw, "-", *raw, "-", "gain", "-6", "reverb", "50", "50", "70", "100", "20"],
        input=audio.to_int16(samples).tobytes(),
        capture_output=True,
        check=True,
    ).stdout
    wet = np.frombuffer(out, dtype="<i2").astype(np.float32) / 32768.0
    return wet[: len(samples)]


def _at_level(samples: np.ndarray, db: float) -> np.ndarray:
    return samples * (10 ** (db / 20) / max(audio.active_rms(samples), 1e-9))


def _add_noise(speech: np.ndarray, kind: str, snr: float, rng: np.random.Generator,
               corpus: Path) -> np.ndarray:  # fmt: skip
    n = len(speech)
    noise = babble(n, rng, corpus) if kind == "babble" else colored_noise(kind, n, rng)
    return speech + noise * (audio.active_rms(speech) / 10 ** (snr / 20))


def apply(condition: str, samples: np.ndarray, key: str, corpus: Path) -> np.ndarray:
    """The utterance `samples` (float32, 16 kHz) heard under `condition`; `key` seeds the noise."""
    if condition == "clean":
        return samples
    rng = np.random.default_rng(_seed(f"{condition}|{key}"))
    speech = _at_level(samples, SPEECH_LEVEL_DB)
    base, _, noise_part = condition.partition("+")
    if base in ("room", "far"):
        speech = _at_level(reverb(speech), SPEECH_LEVEL_DB)
    if base == "far":
        speech = speech * 10 ** (-FAR_ATTENUATION_DB / 20)
        speech = speech + colored_noise("pink", len(speech), rng) * 10 ** (ROOM_TONE_DB / 20)
    if "@" in base:
        noise_part = base
    if noise_part:
        kind, _, snr = noise_part.partition("@")
        speech = _add_noise(speech, kind, float(snr), rng, corpus)
    peak = float(np.max(np.abs(speech)))
    return speech / peak * 0.95 if peak > 0.99 else speech
