"""A handle on the private PulseAudio server the `pulse` fixture starts (see conftest.py)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Pulse:
    runtime: Path
    env: dict[str, str]
    pid: int

    def pactl(self, *args: str) -> str:
        done = subprocess.run(
            ["pactl", *args], env=self.env, capture_output=True, text=True, check=True
        )
        return done.stdout

    def module_ids(self, name: str) -> list[str]:
        lines = self.pactl("list", "short", "modules").splitlines()
        return [line.split()[0] for line in lines if name in line]

    def play(self, wav: Path, sink: str = "room") -> subprocess.Popen[bytes]:
        return subprocess.Popen(["paplay", f"--device={sink}", str(wav)], env=self.env)

    def record(self, source: str, raw: Path) -> subprocess.Popen[bytes]:
        """16 kHz mono s16le from `source` into `raw` until terminated."""
        cmd = ["parec", "-d", source, "--rate=16000", "--channels=1", "--format=s16le", "--raw"]
        cmd.append("--latency-msec=30")
        return subprocess.Popen(cmd, stdout=raw.open("wb"), env=self.env)
