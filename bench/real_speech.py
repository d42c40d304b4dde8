"""Real human speech through the product path: the coffee orders (clean and kitchen noise) and
the speech-commands words. Writes bench/results/real_speech.md and real_speech_snr.png.

Coffee (../shared/speech/picovoice-s2i-dev, bench/domains/coffee/ as the domain): a command
counts when the intent and every labelled slot are right and no extra slot is filled
(Picovoice's scoring). Words (../shared/speech/speech-commands-dev, our own domain): yes, no,
stop and go must come out as the intent our matcher reads for the typed word; any intent for
the other words is a false accept. The answer scored is the first final the product
understands (what the coach would act on); every final is kept in the records.

Engines (`ENGINES`: name -> factory of a listener for a domain):
- `vosk`: the product recognizer, built as the app builds it (voice.app.wiring);
- `moonshine`, `moonshine-base`: the neural recognizer (--recognizer moonshine) with
  Moonshine tiny or base; `both`: Vosk hears, Moonshine tiny confirms;
- `vosk-cleanup-always`: `vosk` with the clean-up on every chunk, ahead of the speech gate
  (the product before 2026-12-03; now it cleans only what the gate lets through);
- `vosk-raw`: Vosk with the same phrase list as a plain grammar, its own endpointing, no
  product rules (no confidence or length rules, no rescue, no second pass, no clean-up).

    python bench/real_speech.py                  # everything (~25 min on 2 cores)
    python bench/real_speech.py --limit 20 --snrs 6 --engines vosk
    python bench/real_speech.py --engines vosk --domains words --records words.jsonl
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import numpy as np

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import real_sets
from bench.real_sets import Clip
from bench.real_speech_report import plot, report

BENCH = Path(__file__).resolve().parent
COFFEE_TEMPLATES = BENCH / "domains" / "coffee"
RESULTS = BENCH / "results"
SNRS = (24, 18, 12, 9, 6, 3)
PAD = np.zeros(real_sets.RATE // 2, dtype=np.int16)


@dataclass(frozen=True)
class Answer:
    finals: tuple[str, ...]  # every final result, in order
    intent: str
    slots: dict[str, Any]


Listener = Callable[[np.ndarray], Answer]
"""int16 samples of one recording (unpadded) -> what was understood."""
EngineFactory = Callable[[Path | None], Listener]
"""The domain's template folder (None: our own domain) -> a listener."""


def _model_path() -> Path:
    from bench.engines import model_path

    return model_path()


def _first_understood(finals: list[str], understand: Callable[[str], Any]) -> Answer:
    for text in finals:
        match = understand(text)
        if match.intent != "Unknown":
            return Answer(tuple(finals), match.intent, dict(match.slots))
    return Answer(tuple(finals), "Unknown", {})


def moonshine_product(templates: Path | None) -> Listener:
    """The app's neural recognizer (--recognizer moonshine)."""
    return vosk_product(templates, recognizer="moonshine")


def moonshine_base_product(templates: Path | None) -> Listener:
    """The same with Moonshine base (--recognizer moonshine --moonshine-model base)."""
    return vosk_product(templates, recognizer="moonshine", moonshine_model="base")


def both_product(templates: Path | None) -> Listener:
    """Vosk hears, Moonshine confirms (--recognizer both)."""
    return vosk_product(templates, recognizer="both")


def vosk_product(
    templates: Path | None,
    recognizer: str = "vosk",
    moonshine_model: str = "tiny",
    cleanup_always: bool = False,
) -> Listener:
    """The recognizer the app builds (voice.app.wiring.build_recognizer), fed the recording
    with half a second of silence either side (voice.hearing.recognizer.transcribe)."""
    from intents.matcher import load_matcher
    from voice.app.settings import Settings
    from voice.app.wiring import build_recognizer, sources_for, understand_speech
    from voice.hearing.speech_recognizer import transcribe

    settings = Settings(state_dir=Path("/nonexistent"), model_path=_model_path(),
                        templates_dir=templates, recognizer=recognizer,
                        moonshine_model=moonshine_model)  # fmt: skip
    recognizer = build_recognizer(settings)
    if cleanup_always:  # read at each recording's restart (transcribe)
        cleanup = replace(recognizer.settings.cleanup, around_speech_only=False)
        recognizer.settings = replace(recognizer.settings, cleanup=cleanup)
    understand = understand_speech(recognizer, load_matcher(sources_for(settings)))

    def listen(samples: np.ndarray) -> Answer:
        finals = [h.text for h in transcribe(recognizer, samples) if h.final]
        return _first_understood(finals, understand)

    return listen


def vosk_raw(templates: Path | None) -> Listener:
    """Vosk with the product's phrase list as its grammar (plus "[unk]"), Vosk's endpointing,
    every final read by the matcher; "[unk]" words left out."""
    import vosk

    from intents.matcher import load_matcher
    from voice.app.settings import Settings
    from voice.app.wiring import sources_for

    vosk.SetLogLevel(-1)
    settings = Settings(state_dir=Path("/nonexistent"), templates_dir=templates)
    matcher = load_matcher(sources_for(settings))
    phrases = sorted({text for _, text in matcher.grammar.sentences()})
    model = vosk.Model(str(_model_path()))
    rec = vosk.KaldiRecognizer(model, real_sets.RATE, json.dumps([*phrases, "[unk]"]))

    def text(raw: str) -> str:
        return " ".join(w for w in json.loads(raw).get("text", "").split() if w != "[unk]")

    def listen(samples: np.ndarray) -> Answer:
        audio = np.concatenate([PAD, samples, PAD, PAD])
        finals = []
        for start in range(0, len(audio), 1600):
            if rec.AcceptWaveform(audio[start : start + 1600].tobytes()):
                finals.append(text(rec.Result()))
        finals.append(text(rec.FinalResult()))
        rec.Reset()
        return _first_understood([f for f in finals if f], matcher.understand)

    return listen


ENGINES: dict[str, EngineFactory] = {
    "vosk": vosk_product,
    "vosk-raw": vosk_raw,
    "vosk-cleanup-always": partial(vosk_product, cleanup_always=True),
    "moonshine": moonshine_product,
    "moonshine-base": moonshine_base_product,
    "both": both_product,
}
"""Add an engine here: a function from a template folder (None: ours) to a Listener."""

_LISTENERS: dict[tuple[str, str], Listener] = {}


def _init() -> None:
    with contextlib.suppress(OSError):
        os.nice(10)


def _listener(engine: str, domain: str) -> Listener:
    key = (engine, domain)
    if key not in _LISTENERS:
        _LISTENERS[key] = ENGINES[engine](COFFEE_TEMPLATES if domain == "coffee" else None)
    return _LISTENERS[key]


def run(task: tuple[str, str, str, list[Clip]]) -> list[dict[str, Any]]:
    engine, domain, condition, clips = task
    listen = _listener(engine, domain)
    out = []
    for clip in clips:
        samples = real_sets.condition_audio(clip, condition)
        cpu = time.process_time()
        answer = listen(samples)
        cpu = time.process_time() - cpu
        if domain == "coffee":
            ok = answer.intent == clip.expected and real_sets.slots_right(clip.slots, answer.slots)
        else:
            ok = answer.intent == _word_intent(clip.expected)
        out.append({"engine": engine, "domain": domain, "condition": condition,
                    "clip": clip.path.name, "expected": clip.expected, "ok": ok,
                    "intent": answer.intent, "slots": answer.slots, "finals": answer.finals,
                    "want": dict(clip.slots), "cpu": cpu})  # fmt: skip
    return out


def _word_intent(word: str) -> str:
    """What our matcher reads for the typed word (Unknown for the other words)."""
    if word == real_sets.OTHER:
        return "Unknown"
    from intents.matcher import load_matcher

    return load_matcher().understand(word).intent


def plan(
    engines: list[str],
    snrs: list[int],
    limit: int | None,
    chunk: int = 10,
    domains: tuple[str, ...] = ("coffee", "words"),
) -> list[Any]:
    coffee = real_sets.coffee_clips()[:limit] if "coffee" in domains else []
    each = [_of_word(w)[:limit] for w in (*real_sets.WORDS, real_sets.OTHER)]
    words = [c for row in itertools.zip_longest(*each) for c in row if c is not None]
    groups = [[("coffee", condition, coffee[i : i + chunk])
               for i in range(0, len(coffee), chunk)]
              for condition in ["clean", *(f"kitchen@{s}" for s in snrs)]]  # fmt: skip
    if "words" in domains:
        groups.append([("words", "clean", words[i : i + chunk])
                       for i in range(0, len(words), chunk)])  # fmt: skip
    # Conditions and engines side by side, batch by batch: a run cut short (its --records) has
    # compared every engine in every condition on the same clips.
    batches = [b for row in itertools.zip_longest(*groups) for b in row if b is not None]
    return [(engine, *batch) for batch in batches for engine in engines]


def _of_word(word: str) -> list[Clip]:
    return [c for c in real_sets.command_clips() if c.expected == word]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--engines", default="vosk,vosk-raw", help=f"comma list of {', '.join(ENGINES)}")
    p.add_argument("--snrs", default=",".join(map(str, SNRS)), help="kitchen SNRs ('' none)")
    p.add_argument("--limit", type=int, help="at most N coffee clips and N clips per word")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--results", type=Path, default=RESULTS)
    p.add_argument("--records", type=Path, help="also write every record here (JSON lines)")
    p.add_argument("--domains", default="coffee,words", help="coffee, words or both")
    args = p.parse_args(argv)
    engines = args.engines.split(",")
    unknown = [e for e in engines if e not in ENGINES]
    if unknown:
        p.error(f"unknown engine(s) {', '.join(unknown)} (known: {', '.join(ENGINES)})")
    snrs = [int(s) for s in args.snrs.split(",") if s]
    started = time.perf_counter()
    records: list[dict[str, Any]] = []
    with contextlib.ExitStack() as stack:
        pool = stack.enter_context(Pool(max(1, min(args.workers, 2)), initializer=_init))
        kept = stack.enter_context(args.records.open("w")) if args.records else None
        domains = tuple(args.domains.split(","))
        for batch in pool.imap_unordered(run, plan(engines, snrs, args.limit, domains=domains)):
            records += batch
            if kept is not None:  # as they come: a run cut short keeps what it measured
                kept.writelines(json.dumps(r) + "\n" for r in batch)
                kept.flush()
    elapsed = time.perf_counter() - started
    limited = f", --limit {args.limit}" if args.limit else ""
    note = (f"Run {time.strftime('%Y-%m-%d')}, {os.uname().machine}, {os.cpu_count()} cores, "
            f"{elapsed / 60:.1f} min{limited}.")  # fmt: skip
    text = report(records, engines, snrs, note)
    print(text)
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "real_speech.md").write_text(text)
    plot(records, engines, snrs, args.results / "real_speech_snr.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
