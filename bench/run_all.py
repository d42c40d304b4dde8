"""`make bench`: build the corpus if needed, run the spoken-command benchmark, then the other
bench scripts that exist (timer_jitter, latency, parse_throughput; each written separately).

    python bench/run_all.py [--quick]      # --quick: a small subsample, a few minutes
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OTHERS = (
    "timer_jitter.py",
    "latency.py",
    "parse_throughput.py",
    "understanding_accuracy.py",
    "barge_in.py",
    "startup.py",
)


def run(args: list[str]) -> int:
    print(f"\n$ {' '.join(args)}", flush=True)
    return subprocess.run(["nice", "-n", "10", sys.executable, *args], cwd=HERE.parent).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small subsample only")
    quick = parser.parse_args().quick
    failed = []
    built = all((HERE / "corpus" / name).exists() for name in ("commands.json", "ood.json"))
    if not built and run([str(HERE / "corpus.py")]) != 0:
        return 1
    spoken = [str(HERE / "spoken_commands.py")]
    if quick:
        spoken += ["--limit", "40", "--noisy", "40", "--ood-minutes", "10"]
    if run(spoken) != 0:
        failed.append("spoken_commands.py")
    for name in OTHERS:
        script = HERE / name
        if not script.exists():
            print(f"\n(skipping {name}: not written yet)")
            continue
        if run([str(script)]) != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
