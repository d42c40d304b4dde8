"""How to combine Vosk and Moonshine (`--recognizer both`), chosen on real human speech.

Each clip is heard once by the product's Vosk recognizer (what it would act on) and decoded once
by Moonshine constrained to the same sentences (`MoonshineRecognizer.decide`: its gated sentence
and its most likely one); the rules are then applied to the pair, so every rule is compared on the
same decodes:
- vosk: Vosk alone (`--recognizer vosk`);
- moonshine: Moonshine's gated sentence alone;
- confirm: Vosk acts only when Moonshine's gated sentence means the same (the `both` rule until
  2026-12-05);
- both: voice.hearing.fusion.fused, the product's rule now.
Moonshine decodes the whole clip here (padded with half a second of silence), where the product
decodes the audio of Vosk's utterance; bench/real_speech.py runs the product path itself.

Clips: `--split tune` (coffee orders 100-199, Speech Commands words 100-159 of each kind: what the
rule was chosen on) or `--split report` (the first 100 of each, as bench/real_speech.py reports).
Coffee orders are heard in our own grammar too: none is ours, so each should come out Unknown.

    python bench/fusion_rules.py --split tune      # ~20 min on 2 cores
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from collections.abc import Callable
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import numpy as np

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import real_sets, real_speech
from bench.real_sets import Clip
from bench.real_speech import COFFEE_TEMPLATES, RESULTS, _model_path

CONDITIONS = ("clean", "kitchen@9", "kitchen@6", "kitchen@3")
RULES = ("vosk", "moonshine", "confirm", "both")
_RECOGNIZERS: dict[str, Any] = {}
_READERS: dict[str, Any] = {}


def _settings(grammar: str, recognizer: str = "vosk") -> Any:
    from voice.app.settings import Settings

    templates = COFFEE_TEMPLATES if grammar == "coffee" else None
    return Settings(state_dir=Path("/nonexistent"), model_path=_model_path(),
                    templates_dir=templates, recognizer=recognizer)  # fmt: skip


def _recognizers(grammar: str) -> Any:
    """Vosk as the app builds it, and Moonshine on the same sentences."""
    if grammar not in _RECOGNIZERS:
        from voice.app.wiring import build_recognizer

        vosk = build_recognizer(_settings(grammar))
        _RECOGNIZERS[grammar] = (vosk, build_recognizer(_settings(grammar, "moonshine")))
    return _RECOGNIZERS[grammar]


def _reader(grammar: str) -> Any:
    """The domain's matcher and what a sentence would do (intent and slots)."""
    if grammar not in _READERS:
        from intents.matcher import load_matcher
        from voice.app.wiring import meaning_with, sources_for

        matcher = load_matcher(sources_for(_settings(grammar)))
        _READERS[grammar] = (matcher, meaning_with(matcher))
    return _READERS[grammar]


def hear(task: tuple[str, str, Clip]) -> dict[str, Any]:
    """One clip through both recognizers: what each would give the rules."""
    from voice.hearing.speech_recognizer import transcribe

    grammar, condition, clip = task
    vosk, neural = _recognizers(grammar)
    samples = real_sets.condition_audio(clip, condition)
    heard = [(h.text, h.confidence) for h in transcribe(vosk, samples) if h.final]
    pad = np.zeros(real_sets.RATE // 2, dtype=np.int16)
    decision = neural.decide(np.concatenate([pad, samples, pad]).tobytes())
    return {"grammar": grammar, "condition": condition, "clip": clip.path.name,
            "expected": clip.expected, "want": dict(clip.slots), "heard": heard,
            "decision": [decision.text, decision.whole, decision.free, decision.margin,
                         decision.best]}  # fmt: skip


def acted(record: dict[str, Any], rule: str, meaning: Callable[[str], object]) -> list[str]:
    from voice.events import Heard
    from voice.hearing.fusion import fused
    from voice.hearing.moonshine_recognizer import Decision

    heard = [Heard(text, confidence) for text, confidence in record["heard"]]
    decision = Decision(*record["decision"])
    if rule == "vosk":
        return [h.text for h in heard]
    if rule == "moonshine":
        return [decision.text] if decision.text else []
    if rule == "confirm":
        if decision.text and not decision.whole:
            return [decision.text]
        agreed = heard and decision.whole and meaning(heard[0].text) == meaning(decision.text)
        return [heard[0].text] if agreed else []
    return [h.text for h in fused(heard, decision, meaning)]


def score(record: dict[str, Any], texts: list[str]) -> str:
    """right, wrong (acted on something else) or asked (nothing acted)."""
    matcher, _ = _reader(record["grammar"])
    match = next((m for m in map(matcher.understand, texts) if m.intent != "Unknown"), None)
    if record["grammar"] == "coffee":
        want = record["expected"]
        right = match is not None and match.intent == want
        right = right and real_sets.slots_right(tuple(sorted(record["want"].items())), match.slots)
    else:
        want = _word_intent(record["expected"])
        right = (match.intent if match else "Unknown") == want
    if right:
        return "right"
    return "asked" if match is None else "wrong"


def _word_intent(word: str) -> str:
    """As bench/real_speech.py scores the words; coffee orders in our grammar: Unknown."""
    return real_speech._word_intent(word) if word in real_sets.WORDS else "Unknown"


def clips(split: str, limit: int | None = None) -> list[tuple[str, str, Clip]]:
    first, last, words = (100, 200, slice(100, 160)) if split == "tune" else (0, 100, slice(0, 100))
    if limit:
        last, words = first + limit, slice(words.start, words.start + limit)
    coffee = real_sets.coffee_clips()[first:last]
    tasks = [("coffee", c, clip) for c in CONDITIONS for clip in coffee]
    tasks += [("ours", "clean", clip) for clip in coffee]
    for word in (*real_sets.WORDS, real_sets.OTHER):
        tasks += [("ours", "clean", c) for c in real_sets.command_clips() if c.expected == word][
            words
        ]
    return tasks


def _set_name(record: dict[str, Any]) -> str:
    if record["grammar"] == "coffee":
        return f"coffee {record['condition']}"
    expected = record["expected"]
    return f"word {expected}" if expected in (*real_sets.WORDS, real_sets.OTHER) else "coffee, ours"


def table(records: list[dict[str, Any]]) -> str:
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for record in records:
        meaning = _reader(record["grammar"])[1]
        for rule in RULES:
            counts[(_set_name(record), rule)][score(record, acted(record, rule, meaning))] += 1
    sets = sorted({name for name, _ in counts})
    lines = ["| set | n | " + " | ".join(f"{r} right / wrong" for r in RULES) + " |",
             "|---|---|" + "---|" * len(RULES)]  # fmt: skip
    for name in sets:
        n = sum(counts[(name, RULES[0])].values())
        cells = []
        for rule in RULES:
            c = counts[(name, rule)]
            cells.append(f"{100 * c['right'] / n:.0f} / {100 * c['wrong'] / n:.0f}")
        lines.append(f"| {name} | {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--split", choices=("tune", "report"), default="tune")
    p.add_argument("--limit", type=int, help="at most N coffee orders and N clips per word")
    p.add_argument("--records", type=Path, help="read these records instead of hearing again")
    args = p.parse_args(argv)
    if args.records and args.records.exists():
        records = [json.loads(line) for line in args.records.read_text().splitlines()]
    else:
        tasks = sorted(clips(args.split, args.limit), key=lambda t: t[0])  # few models per worker
        with Pool(2, initializer=os.nice, initargs=(10,)) as pool:
            records = list(pool.imap(hear, tasks, chunksize=10))
        if args.records:
            args.records.write_text("".join(json.dumps(r) + "\n" for r in records))
    text = f"# Fusion rules, {args.split} clips (right / wrong, % of n)\n\n" + table(records)
    print(text)
    if not args.limit:  # a trial run keeps the saved table
        (RESULTS / f"fusion_rules_{args.split}.md").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
