"""The same engine on another domain, spoken: `backcoach --templates DIR parse --wav` with a
two-intent coffee domain (tests/app/data/coffee/), espeak-ng speech, the real Vosk model. The
recognizer's sentences come from those templates alone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COFFEE = ROOT / "tests" / "app" / "data" / "coffee"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "intent"),
    [("can i have a latte please", "OrderCoffee"), ("cancel my order", "CancelOrder")],
)
def test_a_spoken_command_of_another_domain(
    tmp_path: Path, vosk_model_path: Path, text: str, intent: str
) -> None:
    wav = tmp_path / "said.wav"
    subprocess.run(
        ["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(wav), text], check=True, timeout=60
    )
    done = subprocess.run(
        [sys.executable, "-m", "voice", "--templates", str(COFFEE), "--model",
         str(vosk_model_path), "parse", "--wav", str(wav)],
        capture_output=True, text=True, cwd=ROOT, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    [result] = [json.loads(line) for line in done.stdout.splitlines()]
    assert result["intent"] == intent, result
    assert text.startswith(result["text"])  # a whole sentence may end before a trailing "please"
