"""Smoke test: the spoken-command benchmark builds a tiny corpus and runs on three utterances.

Real espeak-ng/flite, real Vosk (and PocketSphinx when the bench extra is installed); no
timing is asserted, the numbers are the benchmark's business (`make bench`).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.model
def test_benchmark_runs_on_three_utterances(tmp_path: Path, vosk_model_path: Path) -> None:
    env = {"BACKCOACH_MODEL": str(vosk_model_path), "PATH": "/usr/bin:/bin"}
    corpus = tmp_path / "corpus"
    build = [sys.executable, "bench/corpus.py", "--corpus", str(corpus), "--commands", "3",
             "--ood-minutes", "0", "--talkers", "3"]  # fmt: skip
    subprocess.run(build, cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    engines = "vosk,pocketsphinx" if importlib.util.find_spec("pocketsphinx") else "vosk"
    run = [sys.executable, "bench/spoken_commands.py", "--corpus", str(corpus), "--limit", "3",
           "--conditions", "clean,babble@10", "--ood-minutes", "0", "--workers", "1",
           "--probe-seconds", "3", "--engines", engines,
           "--results", str(tmp_path / "results"), "--no-plots"]  # fmt: skip
    done = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    summary = (tmp_path / "results" / "summary.md").read_text()
    assert "| engine | clean | 20 dB | 10 dB | 5 dB | 0 dB |" in summary
    for engine in engines.split(","):
        assert f"| {engine} |" in summary
    assert "| babble@10 |" in summary
