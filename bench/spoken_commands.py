"""Spoken-command benchmark: engines × acoustic conditions on the synthetic corpus.

Command acceptance = the matcher's intent and every slot right on what the engine heard.
False accepts = any non-Unknown intent on out-of-domain audio. Latency = end of speech in the
audio → the decision (final result through the matcher). Writes bench/results/summary.md and
PNG plots; raw records go to bench/corpus/runs/<tag>.jsonl.

    python bench/spoken_commands.py                      # full run (≈ 40 min on 2 cores)
    python bench/spoken_commands.py --limit 3 --conditions clean --ood-minutes 0 --no-plots
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import sys
import time
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import numpy as np

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import audio, coach_replay, conditions, corpus, report
from bench.engines import Decision, Engine, grammar_phrases, make_engine

RESULTS = Path(__file__).resolve().parent / "results"
_STATE: dict[str, Any] = {}


def _init(options: dict[str, float]) -> None:
    with contextlib.suppress(OSError):
        os.nice(10)
    _STATE.update(options=options, engines={}, phrases=grammar_phrases())
    from intents.matcher import load_matcher

    _STATE["matcher"] = load_matcher()


def _engine(name: str) -> Engine:
    engines: dict[str, Engine] = _STATE["engines"]
    if name not in engines:
        engines[name] = make_engine(name, _STATE["phrases"], _STATE["options"])
    return engines[name]


def _understand(text: str, engine: Engine | None = None) -> tuple[str, dict]:
    """As the product does: for heard text, the statistical layer only for a whole sentence of
    the recognizer's phrase list (voice.app.wiring.understand_speech)."""
    rec = getattr(engine, "rec", None)
    generalise = rec.is_sentence(text) if hasattr(rec, "is_sentence") else True
    match = _STATE["matcher"].understand(text, generalise)
    return match.intent, dict(match.slots)


def run_commands(task: tuple[str, str, list[dict]]) -> list[dict]:
    engine_name, condition, entries = task
    engine = _engine(engine_name)
    out = []
    for e in entries:
        clean = audio.read_wav(corpus.CORPUS / e["file"])
        samples = conditions.apply(condition, clean, e["id"], corpus.CORPUS)
        pcm = audio.to_int16(samples).tobytes()
        cpu0 = time.process_time()
        decisions = list(engine.stream(pcm))
        cpu = time.process_time() - cpu0
        heard: Decision | None = next((d for d in decisions if d.text), None)
        intent, slots = _understand(heard.text, engine) if heard else ("Unknown", {})
        # Expected: the grammar's intent, the matcher's slots on the sentence as written (the
        # matcher may have changed since the corpus was built; a disagreement is flagged).
        text_intent, expected_slots = _understand(e["text"])
        ok = intent == e["intent"] and slots == expected_slots
        latency = heard.end_audio + heard.compute - e["end"] if heard else None
        out.append({
            "engine": engine_name, "condition": condition, "id": e["id"], "voice": e["voice"],
            "expected": e["intent"], "intent": intent, "ok": ok, "said": e["text"],
            "heard": heard.text if heard else "", "latency": latency, "cpu": cpu,
            "confidence": heard.confidence if heard else None,
            "text_ok": text_intent == e["intent"],
            "audio": len(samples) / audio.RATE,
            "dropped": getattr(engine, "last_dropped", []),
        })  # fmt: skip
    return out


def run_ood(task: tuple[str, dict]) -> dict:
    engine_name, entry = task
    engine = _engine(engine_name)
    pcm = audio.to_int16(audio.read_wav(corpus.CORPUS / entry["file"])).tobytes()
    cpu0 = time.process_time()
    accepts = []
    for d in engine.stream(pcm):
        if d.text:
            intent, slots = _understand(d.text, engine)
            if intent != "Unknown":
                accepts.append({"at": round(d.end_audio, 1), "heard": d.text, "intent": intent,
                                "confidence": round(d.confidence, 3)})  # fmt: skip
    cpu = time.process_time() - cpu0
    acted = {room: coach_replay.false_actions(accepts, room) for room in coach_replay.ROOMS}
    return {"engine": engine_name, "file": entry["file"], "kind": entry["kind"],
            "duration": entry["duration"], "accepts": accepts, "acted": acted,
            "cpu": cpu}  # fmt: skip


def probe(engine_name: str, options: dict[str, float], seconds: float = 60.0) -> dict:
    """Load time, CPU while listening to `seconds` of quiet room tone (-55 dBFS pink, above the
    recognizer's digital-silence floor so its VAD runs), peak RSS (fresh process)."""
    import resource

    _init(options)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    engine = _engine(engine_name)
    load = time.perf_counter() - t0
    hiss = conditions.colored_noise("pink", int(seconds * audio.RATE), np.random.default_rng(1))
    pcm = audio.to_int16(hiss * 10 ** (-55 / 20)).tobytes()
    cpu0 = time.process_time()
    list(engine.stream(pcm))
    idle = (time.process_time() - cpu0) / seconds
    return {"engine": engine_name, "load_s": load, "idle_cpu": idle, "about": describe(engine),
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "rss_before_mb": rss0 / 1024}  # fmt: skip


def describe(engine: Engine) -> str:
    """What exactly ran, for the summary."""
    n = len(_STATE["phrases"])
    kind = type(engine).__name__
    if kind == "VoskProduct":
        return f"voice/hearing/recognizer.py (Vosk small en-us, grammar of {n} sentences + [unk])"
    if kind == "VoskDirect":
        return f"Vosk small en-us driven directly (grammar of {n} sentences + [unk])"
    dropped = len(getattr(engine, "dropped", []))
    states = getattr(engine, "states", 0)
    return (f"PocketSphinx 5 en-us, FSG of {n - dropped} sentences ({states} states; "
            f"{dropped} left out: words not in its dictionary), webrtc Endpointer")  # fmt: skip


def _probe_in_child(args: tuple[str, dict[str, float], float]) -> dict:
    return probe(*args)


def plan(entries: list[dict], conds: list[str], engines: list[str], limit: int | None,
         noisy: int, chunk: int = 20) -> list[tuple[str, str, list[dict]]]:  # fmt: skip
    tasks = []
    for condition in conds:
        n = len(entries) if condition == "clean" else noisy
        chosen = entries[: min(n, limit or n)]
        for engine in engines:
            for i in range(0, len(chosen), chunk):
                tasks.append((engine, condition, chosen[i : i + chunk]))
    return tasks


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {"arch": platform.machine(), "nproc": str(os.cpu_count()), "cpu": cpu,
            "python": platform.python_version()}  # fmt: skip


def parse_options(items: list[str]) -> dict[str, float]:
    out = {}
    for item in items:
        key, _, value = item.partition("=")
        out[key] = float(value)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--engines", default="vosk,pocketsphinx")
    p.add_argument("--conditions", default="all", help="comma list, e.g. clean,pink@5")
    p.add_argument("--limit", type=int, help="at most N utterances per condition")
    p.add_argument("--noisy", type=int, default=100, help="utterances per non-clean condition")
    p.add_argument("--ood-minutes", type=float, help="cap the out-of-domain audio (0: none)")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--probe-seconds", type=float, default=60.0, help="room tone for idle CPU")
    p.add_argument(
        "--vosk-option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="RecognizerSettings/EndpointSettings field, e.g. min_confidence=0.6",
    )
    p.add_argument("--corpus", type=Path, default=corpus.CORPUS)
    p.add_argument("--results", type=Path, default=RESULTS)
    p.add_argument("--tag", default="last")
    p.add_argument("--no-plots", action="store_true")
    args = p.parse_args(argv)  # fmt: skip

    corpus.set_corpus(args.corpus)
    options = parse_options(args.vosk_option)
    engines = args.engines.split(",")
    conds = conditions.all_conditions() if args.conditions == "all" else args.conditions.split(",")
    entries = corpus.load_commands()
    ood = corpus.load_ood() if args.ood_minutes != 0 else []
    if args.ood_minutes:
        budget, kept = args.ood_minutes * 60, []
        for e in ood:
            if budget > 0:
                kept.append(e)
                budget -= e["duration"]
        ood = kept
    tasks = plan(entries, conds, engines, args.limit, args.noisy)
    ood_tasks = [(engine, e) for engine in engines for e in ood]
    started = time.perf_counter()
    workers = max(1, min(args.workers, 2))
    with Pool(workers, initializer=_init, initargs=(options,)) as pool:
        ood_async = pool.map_async(run_ood, ood_tasks, chunksize=1)
        records = [r for batch in pool.imap_unordered(run_commands, tasks) for r in batch]
        ood_results = ood_async.get()
    with Pool(1, initializer=None, maxtasksperchild=1) as pool:
        jobs = [(e, options, args.probe_seconds) for e in engines]
        probes = pool.map(_probe_in_child, jobs, chunksize=1)
    elapsed = time.perf_counter() - started

    runs = corpus.CORPUS / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    with (runs / f"{args.tag}.jsonl").open("w") as f:
        for r in records + ood_results + probes:
            f.write(json.dumps(r) + "\n")
    run = {"engines": engines, "conditions": conds, "limit": args.limit, "noisy": args.noisy,
           "workers": workers, "elapsed_s": elapsed, "options": options,
           "machine": machine(), "commands": len(entries)}  # fmt: skip
    text = report.summary(records, ood_results, probes, run)
    print(text)
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "summary.md").write_text(text)
    if not args.no_plots:
        report.plots(records, args.results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
