"""Synthetic voices for the corpus: espeak-ng accents/variants/speeds/pitches and flite voices.

Every voice renders text to a 16 kHz mono 16-bit WAV (sox converts and pads with silence).
"""

from __future__ import annotations

import random
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

ESPEAK_BASES = ["en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-029", "en-us-nyc"]
ESPEAK_VARIANTS = ["", "m1", "m3", "m5", "m7", "f1", "f2", "f3", "f4", "klatt", "Alicia", "Andy"]
FLITE_VOICES = ["slt", "rms", "awb", "kal16", "kal"]


@dataclass(frozen=True)
class Voice:
    """One reader. `engine` is espeak-ng or flite; speed in words/minute, pitch 0..99 (espeak)."""

    engine: str
    name: str
    speed: int = 160
    pitch: int = 50

    @property
    def label(self) -> str:
        if self.engine == "flite":
            return f"flite:{self.name}"
        return f"espeak:{self.name}:s{self.speed}:p{self.pitch}"

    def command(self, text: str, out: Path) -> list[str]:
        if self.engine == "flite":
            return ["flite", "-voice", self.name, "-t", text, "-o", str(out)]
        return ["espeak-ng", "-v", self.name, "-s", str(self.speed), "-p", str(self.pitch),
                "-w", str(out), text]  # fmt: skip


SOX_16K_MONO = ["-r", "16000", "-c", "1", "-b", "16"]
"""sox output options: the 16 kHz mono 16-bit WAV every engine reads."""


def voice_pool(seed: int = 7, espeak_count: int = 40) -> list[Voice]:
    """A fixed, seeded mix: many espeak-ng accent+variant+speed+pitch combos plus flite voices."""
    rng = random.Random(seed)
    voices = [Voice("flite", name) for name in FLITE_VOICES]
    for _ in range(espeak_count):
        base = rng.choice(ESPEAK_BASES)
        variant = rng.choice(ESPEAK_VARIANTS)
        name = f"{base}+{variant}" if variant else base
        voices.append(Voice("espeak-ng", name, rng.randint(125, 195), rng.randint(25, 75)))
    return voices


def synthesize(voice: Voice, text: str, out: Path, lead: float = 0.4, tail: float = 1.0) -> None:
    """Render `text` with `voice` to `out` (16 kHz mono s16) with silence before and after."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.wav"
        subprocess.run(voice.command(text, raw), check=True, capture_output=True, timeout=600)
        subprocess.run(
            ["sox", str(raw), *SOX_16K_MONO, str(out), "pad", str(lead), str(tail)],
            check=True,
            capture_output=True,
            timeout=600,
        )


def synthesize_groan(out: Path, seed: int) -> None:
    """A plausible groan or sigh: a falling voiced tone or breathy band noise with an envelope."""
    rng = random.Random(seed)
    dur = rng.uniform(0.6, 1.8)
    if rng.random() < 0.5:  # groan: low falling tone with vibrato, some breath
        f0, f1 = rng.randint(140, 220), rng.randint(80, 130)
        effect = ["synth", f"{dur:.2f}", "sawtooth", f"{f0}-{f1}", "lowpass", "900",
                  "tremolo", str(rng.randint(4, 7)), "30"]  # fmt: skip
    else:  # sigh: breath through a band, rising then falling
        effect = ["synth", f"{dur:.2f}", "pinknoise", "band", str(rng.randint(400, 900)), "400"]
    fade = ["fade", "q", f"{dur * 0.2:.2f}", f"{dur:.2f}", f"{dur * 0.5:.2f}"]
    gain = ["gain", "-n", str(-rng.randint(6, 20))]
    subprocess.run(
        [
            "sox",
            "-n",
            *SOX_16K_MONO,
            str(out),
            *effect,
            *fade,
            *gain,
            "pad",
            f"{rng.uniform(0.5, 3.0):.2f}",
            "0",
        ],  # fmt: skip
        check=True,
        capture_output=True,
        timeout=60,
    )
