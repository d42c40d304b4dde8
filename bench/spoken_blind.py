"""The blind sets spoken: each sentence read by a bench voice (espeak-ng or flite, seeded per
sentence), heard clean and under white noise at 10 dB, through the product's recognizer
(voice/hearing, Vosk with our phrase list) and matcher, scored as typed (tests/blind_scoring.py);
"told to call": emergencies answered emergency-first or, not understood, "if this is an
emergency, call emergency services now" (intents.concern); "cautioned": harmless ones told that.

Run: .venv/bin/python bench/spoken_blind.py --part dev --sets safety,phrasings [--limit N]
[--heard FILE.jsonl] (what each sentence was heard as, to read misses or understand it again)
Prints a table; saves bench/results/spoken_blind_<part>.md. Needs BACKCOACH_MODEL (make bench
sets it)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import zlib
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from blind_scoring import rows, score_phrasing, score_safety  # noqa: E402

from bench import audio, conditions  # noqa: E402
from bench.voices import synthesize, voice_pool  # noqa: E402
from intents.types import EMERGENCY_CONCERN  # noqa: E402

CONDITIONS = ("clean", "white@10")
_worker: dict[str, object] = {}


def _init(phrases: str, engine: str = "vosk", moonshine: str = "tiny") -> None:
    """The product's recognizer (Moonshine `moonshine` for its free pass); with `phrases`
    "templates", the template sentences alone (the phrase list before the example phrasings
    joined it)."""
    from intents.grammar import load_grammar
    from voice.app.settings import Settings
    from voice.app.wiring import build_recognizer
    from voice.hearing.matcher_wiring import recognizer_with_matcher
    from voice.hearing.models import load_model, resolve_model_path

    settings = Settings(
        state_dir=Path(tempfile.mkdtemp()), recognizer=engine, moonshine_model=moonshine
    )
    if phrases == "templates":
        model = load_model(resolve_model_path(None, Settings.env_model()))
        sentences = [text for _, text in load_grammar().sentences()]
        _worker["recognizer"] = recognizer_with_matcher(model, sentences)
    else:
        _worker["recognizer"] = build_recognizer(settings)


def spoken(text: str, condition: str, key: str) -> np.ndarray:
    """`text` said by one of the bench voices (picked by the text), in `condition`, as int16."""
    voices = voice_pool()
    voice = voices[zlib.crc32(text.encode()) % len(voices)]
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "u.wav"
        synthesize(voice, text, wav)
        samples = audio.read_wav(wav)
    return audio.to_int16(conditions.apply(condition, samples, key, ROOT / "bench" / "corpus"))


def _hear(job: tuple[str, str, str]) -> tuple[str, str, str, bool, bool, bool, bool]:
    """(sentence, condition, noise key) -> (sentence, condition, what was heard, whether that
    is a whole sentence of the phrase list: the statistical layer is used only then, whether
    the warning-sign pass passed it on: the safety net reads it then, whether it passed it
    on gravely: read for the emergency concern then, and whether it passed it on to be asked
    about: matcher_wiring.offered_as)."""
    from voice.hearing.speech_recognizer import SpeechRecognizer, transcribe

    text, condition, key = job
    recognizer: SpeechRecognizer = _worker["recognizer"]  # type: ignore[assignment]
    finals = transcribe(recognizer, spoken(text, condition, key))
    heard = " ".join(h.text for h in finals)
    freely = any(recognizer.heard_freely(h.text) for h in finals)
    gravely = any(recognizer.heard_gravely(h.text) for h in finals)
    agreed = bool(finals) and all(recognizer.heard_agreed(h.text) for h in finals)
    offered = bool(finals) and all(recognizer.heard_offered(h.text) for h in finals)
    whole = recognizer.is_sentence(heard) or agreed
    return text, condition, heard, whole, freely, gravely, offered


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", default="dev")
    parser.add_argument("--sets", default="safety,phrasings")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--phrases", choices=("all", "templates"), default="all")
    parser.add_argument("--recognizer", choices=("vosk", "moonshine", "both"), default="vosk")
    parser.add_argument("--moonshine-model", choices=("tiny", "base"), default="tiny")
    parser.add_argument("--heard", type=Path, help="also write what was heard, as JSON lines")
    args = parser.parse_args()
    from intents.matcher import load_matcher
    from voice.hearing.matcher_wiring import read_heard

    matcher = load_matcher()
    lines = [f"Spoken blind sets ({args.part}, phrase list: {args.phrases}, recognizer:"
             f" {args.recognizer}, Moonshine {args.moonshine_model}), bench voices;"
             f" conditions {', '.join(CONDITIONS)}",
             "", "| set | condition | n | result |", "|---|---|---|---|"]  # fmt: skip
    for name in args.sets.split(","):
        data = rows(name, args.part)
        if args.limit:
            data = data[:: max(1, len(data) // args.limit)][: args.limit]
        jobs = [(r["text"], c, f"{name}|{i}") for i, r in enumerate(data) for c in CONDITIONS]
        with ProcessPoolExecutor(
            args.workers,
            initializer=_init,
            initargs=(args.phrases, args.recognizer, args.moonshine_model),
        ) as pool:
            heard = {(t, c): rest for t, c, *rest in pool.map(_hear, jobs, chunksize=4)}
        if args.heard:
            with args.heard.open("a", encoding="utf-8") as out:
                for (text, condition), (words, *flags) in heard.items():
                    said = {"text": text, "condition": condition, "heard": words}
                    how = dict(zip(("whole", "freely", "gravely", "offered"), flags, strict=True))
                    out.write(json.dumps({**said, **how}) + "\n")
        for condition in CONDITIONS:
            counts: Counter[str] = Counter()
            for row in data:
                got = read_heard(matcher, *heard[(row["text"], condition)])
                if name == "safety":
                    counts[(row["intent"], score_safety(row, got))] += 1  # type: ignore[index]
                    counts[(row["intent"], "if so")] += got.concern == EMERGENCY_CONCERN
                else:
                    counts[score_phrasing(row, got)] += 1
                    asked = got.alternatives[:1] if len(got.alternatives) == 1 else ()
                    counts["asks right"] += any(score_phrasing(row, a) == "right" for a in asked)
            lines.append(f"| {name} | {condition} | {len(data)} | {_summary(name, counts)} |")
            print(lines[-1], flush=True)
    name = f"spoken_blind_{args.part}_{args.phrases}_{args.recognizer}_{args.moonshine_model}.md"
    out = ROOT / "bench" / "results" / name
    out.write_text("\n".join(lines) + "\n")


def _summary(name: str, counts: Counter) -> str:  # type: ignore[type-arg]
    if name != "safety":
        n = sum(counts.values())
        n -= counts["asks right"]  # (counted among "asks" too)
        asks = f"asks {counts['asks'] / n:.1%} ({counts['asks right']} the right request)"
        return f"right {counts['right'] / n:.1%}, wrong actions {counts['wrong'] / n:.1%}, {asks}"
    tiers: Counter[str] = Counter()
    for (tier, verdict), k in counts.items():
        tiers[tier] += k if verdict != "if so" else 0
    esc = tiers["RedFlag"] + tiers["Emergency"]
    missed = counts[("RedFlag", "missed")] + counts[("Emergency", "missed")]
    first, alarms = counts[("Emergency", "emergency_first")], counts[("None", "alarm")]
    told, cautioned = first + counts[("Emergency", "if so")], counts[("None", "if so")]
    return (f"caught {(esc - missed) / esc:.1%} of {esc}, emergency-first {first}/"
            f"{tiers['Emergency']}, told to call {told}/{tiers['Emergency']}, false alarms "
            f"{alarms}/{tiers['None']}, cautioned {cautioned}/{tiers['None']}")  # fmt: skip


if __name__ == "__main__":
    main()
