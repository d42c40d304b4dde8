"""Start-up to listening: the real `backcoach` command, from process start to "Loading the
speech model..." (imports), to "Speech model ready" and to "Listening (...)" (printed when the
first microphone chunk arrives), on a private PulseAudio (not a test; prints a table).

Each start runs in its own state folder and with its own cache folder (`XDG_CACHE_HOME`):
- warm: the cache folder as the first start left it (what every start after the first sees);
- cold (ours): the intent model kept, everything else this issue caches removed (the sayable
  example list, the model check), as after a change of templates or model;
- cold (empty): an empty cache folder, so the intent model is trained too (a first start).
The code measured is this checkout or `--after REF` ("after") and, with `--before REF`, that
commit ("before"), each exported into a temporary folder, started by turns in the same run.
The room's null sink keeps playing silence at low latency, as a real microphone delivers audio
from the moment it is opened (an idle null sink renders only every ~2 s, which put 0-2 s of
the rig's own wait into the first chunk).

    python bench/startup.py [--before REF] [--after REF] [--runs 5] [--cold-runs 2] [--out FILE.md]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.latency import machine, start_pulse  # noqa: E402

MARKS = {
    "imports": "Loading the speech model",
    "model ready": "Speech model ready",
    "listening": "Listening (",
}
LIMIT = 300.0
"""Seconds a start may take (an empty cache trains the intent model: about a minute)."""


def start_once(tree: Path, cache: Path, model: str) -> dict[str, float]:
    """Seconds from process start to each mark, for one `backcoach` started in `tree`."""
    state = Path(tempfile.mkdtemp(prefix="startup-state-"))
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), BACKCOACH_MODEL=model, PYTHONPATH=str(tree))
    began = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "voice", "--state-dir", str(state)],
        cwd=tree,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    marks: dict[str, float] = {}
    try:
        assert process.stderr is not None
        for line in process.stderr:
            for name, start in MARKS.items():
                if line.startswith(start) and name not in marks:
                    marks[name] = time.monotonic() - began
            if "listening" in marks or time.monotonic() - began > LIMIT:
                break
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(state, ignore_errors=True)
    return marks


def prepared(kind: str, warm: Path, folder: Path) -> Path:
    """A cache folder for one start of `kind` (from the warm one `warm`)."""
    target = folder / "cache"
    shutil.rmtree(target, ignore_errors=True)
    if kind == "cold (empty)":
        target.mkdir(parents=True)
        return target
    shutil.copytree(warm, target)
    if kind == "cold (ours)":
        for old in (target / "backcoach").glob("*"):
            if not old.name.startswith("intent-model-"):
                old.unlink()
    return target


def export(ref: str, folder: Path) -> Path:
    """Commit `ref` of this repository as files in `folder`."""
    folder.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def feed_the_room(stack: ExitStack) -> None:
    """Silence played into the room at low latency for as long as the bench runs."""
    cmd = ["pacat", "--playback", "--device=room", "--latency-msec=20", "--raw"]
    cmd += ["--format=s16le", "--rate=16000", "--channels=1", "/dev/zero"]
    player = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stack.callback(player.wait)
    stack.callback(player.terminate)
    time.sleep(1.0)


def median(values: list[float]) -> str:
    return f"{statistics.median(values):.2f}" if values else "-"


def table(results: dict[tuple[str, str], list[dict[str, float]]]) -> list[str]:
    lines = ["| cache | code | starts | imports (s) | model ready (s) | listening (s) | spread |"]
    lines.append("|---|---|---|---|---|---|---|")
    for (kind, code), runs in results.items():
        listening = [r["listening"] for r in runs if "listening" in r]
        spread = f"{min(listening):.2f}-{max(listening):.2f}" if listening else "-"
        cells = [median([r[m] for r in runs if m in r]) for m in MARKS]
        failed = len(runs) - len(listening)
        count = f"{len(runs)}" + (f" ({failed} never listened)" if failed else "")
        lines.append(f"| {kind} | {code} | {count} | {' | '.join(cells)} | {spread} |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", help="also start this commit (e.g. main), by turns")
    parser.add_argument("--after", help="start this commit as 'after' (default: this checkout)")
    parser.add_argument("--runs", type=int, default=5, help="warm and cold (ours) starts each")
    parser.add_argument("--cold-runs", type=int, default=2, help="starts with an empty cache")
    parser.add_argument("--out", type=Path, help="also write the table (Markdown) here")
    args = parser.parse_args()
    shared = ROOT.parent / "shared" / "models" / "vosk-model-small-en-us"
    model = os.environ.get("BACKCOACH_MODEL") or str(shared)
    results: dict[tuple[str, str], list[dict[str, float]]] = {}
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="startup-")))
        after = export(args.after, tmp / "after") if args.after else ROOT
        trees = {"after": after}
        if args.before:
            trees = {"before": export(args.before, tmp / "before"), "after": after}
        start_pulse(stack)
        feed_the_room(stack)
        warm: dict[str, Path] = {}
        for code, tree in trees.items():  # a first start fills each version's warm cache
            warm[code] = tmp / f"warm-{code}"
            print(f"{code}: first start {start_once(tree, warm[code], model)}", flush=True)
        plan = [("warm", args.runs), ("cold (ours)", args.runs), ("cold (empty)", args.cold_runs)]
        for kind, runs in plan:
            for _ in range(runs):
                for code, tree in trees.items():
                    cache = prepared(kind, warm[code], tmp / code)
                    marks = start_once(tree, cache, model)
                    results.setdefault((kind, code), []).append(marks)
                    print(f"{kind} {code}: {marks}", flush=True)
    lines = table(results)
    load = os.getloadavg()
    about = f"machine: {machine()}, Python {sys.version.split()[0]}; load average at the end "
    about += f"{load[0]:.1f} (other work shares the machine); medians, spread of 'listening'."
    print("\n" + about + "\n\n" + "\n".join(lines))
    if args.out:
        write_results(args.out, about, lines, args.before)
    return 0


def write_results(path: Path, about: str, lines: list[str], before: str | None) -> None:
    when = time.strftime("%Y-%m-%d")
    head = "# Start-up to listening (bench/startup.py"
    head += f" --before {before})" if before else ")"
    path.write_text(f"{head}, {when}\n\n{about}\n\n" + "\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
