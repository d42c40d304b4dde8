"""The dev safety set spoken, with what each decoder heard: for every sentence and condition,
Vosk's grammar words per utterance (before the rescue), the free decodes (Moonshine's and
Vosk's open vocabulary), the finals passed on, and the score (read as the coach reads them,
matcher_wiring.heard_as: the net reads what the free pass passed on). Dev half only; `--set
out_of_domain` hears the out-of-domain dev half instead (each sentence harmless: alarm or
quiet), and `--set phrasings` the requests (scored right, unknown, asks or wrong), to see what
a rule for the warning-sign pass would cost there.

Run: nice .venv/bin/python bench/spoken_safety_misses.py [--set safety|out_of_domain|phrasings]
[--limit N] [--out FILE.jsonl]. Needs BACKCOACH_MODEL."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from blind_scoring import rows, score_phrasing, score_safety  # noqa: E402

from bench.spoken_blind import spoken  # noqa: E402

CONDITIONS = ("clean", "white@10")
_worker: dict[str, object] = {}


def _init() -> None:
    from voice.app.settings import Settings
    from voice.app.wiring import build_recognizer
    from voice.hearing import free_listening, recognizer

    settings = Settings(state_dir=Path(tempfile.mkdtemp()), recognizer="vosk")
    log: dict[str, list[object]] = {"grammar": [], "free": [], "confs": []}
    _worker["log"] = log
    decide = recognizer.Recognizer._decide

    def _decide(self, transcript, alternatives, audio, at):  # type: ignore[no-untyped-def]
        log["grammar"].append(" ".join(transcript.words))
        log["confs"].append([round(c, 2) for c in transcript.confidences])
        out = decide(self, transcript, alternatives, audio, at)
        log["free"].append(list(self._freely.heard))
        return out

    recognizer.Recognizer._decide = _decide  # type: ignore[method-assign]
    del free_listening
    _worker["recognizer"] = build_recognizer(settings)


def _hear(job: tuple[str, str, str]) -> dict[str, object]:
    from voice.hearing.speech_recognizer import transcribe

    text, condition, key = job
    log: dict[str, list[object]] = _worker["log"]  # type: ignore[assignment]
    log["grammar"].clear()
    log["free"].clear()
    log["confs"].clear()
    recognizer = _worker["recognizer"]
    finals = transcribe(recognizer, spoken(text, condition, key))  # type: ignore[arg-type]
    heard = " ".join(h.text for h in finals)
    agreed = bool(finals) and all(recognizer.heard_agreed(h.text) for h in finals)  # type: ignore[attr-defined]
    freely = any(recognizer.heard_freely(h.text) for h in finals)  # type: ignore[attr-defined]
    gravely = any(recognizer.heard_gravely(h.text) for h in finals)  # type: ignore[attr-defined]
    offered = bool(finals) and all(recognizer.heard_offered(h.text) for h in finals)  # type: ignore[attr-defined]
    return {
        "text": text, "condition": condition, "heard": heard,
        "finals": [h.text for h in finals], "whole": recognizer.is_sentence(heard) or agreed,  # type: ignore[attr-defined]
        "freely": freely, "gravely": gravely, "offered": offered,
        "grammar": list(log["grammar"]), "free": list(log["free"]), "confs": list(log["confs"]),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", choices=("safety", "out_of_domain", "phrasings"), default="safety")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", default="/tmp/spoken_safety_dev.jsonl")
    parser.add_argument("--only", default="", help="a file of sentences to hear (one a line)")
    args = parser.parse_args()
    from intents.matcher import load_matcher
    from voice.hearing.matcher_wiring import read_heard

    matcher = load_matcher()
    data = rows(args.set, "dev")
    if args.set == "out_of_domain":
        data = [{**r, "intent": "None"} for r in data]  # harmless, scored as the safety set's
    key = {r["text"]: f"{args.set}|{i}" for i, r in enumerate(data)}  # the same noise in any subset
    if args.limit:
        data = data[:: max(1, len(data) // args.limit)][: args.limit]
    if args.only:
        wanted = set(Path(args.only).read_text(encoding="utf-8").splitlines())
        data = [r for r in data if r["text"] in wanted]
    jobs = [(r["text"], c, key[r["text"]]) for r in data for c in CONDITIONS]
    by_text = {r["text"]: r for r in data}
    with ProcessPoolExecutor(args.workers, initializer=_init) as pool, open(args.out, "w") as out:
        for got in pool.map(_hear, jobs, chunksize=4):
            row = by_text[str(got["text"])]
            how = [bool(got[k]) for k in ("whole", "freely", "gravely", "offered")]
            match = read_heard(matcher, str(got["heard"]), *how)  # as the coach reads it
            got["tier"] = row["intent"]
            got["intent"] = match.intent
            score = score_phrasing if args.set == "phrasings" else score_safety
            got["score"] = score(row, match)
            got["typed"] = matcher.understand(str(got["text"])).intent
            out.write(json.dumps(got) + "\n")
            out.flush()


if __name__ == "__main__":
    main()
