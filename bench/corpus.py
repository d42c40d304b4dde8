"""Build the benchmark corpus by script (nothing downloaded), cached under bench/corpus/.

- commands: sentences sampled from the grammar so every intent and slot shape appears, read by
  many synthetic voices; manifest `commands.json` holds the expected intent and slots.
- ood: long files of out-of-domain talk (news, sports, cooking, the seed guide as a radio
  programme) and a file of synthetic groans and sighs; manifest `ood.json`.
- babble: a few extra talkers used only as the babble noise source.

    python bench/corpus.py [--commands 1000] [--ood-minutes 65]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import re
import sys
from collections import defaultdict
from multiprocessing import Pool
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import audio, ood_text
from bench.voices import Voice, synthesize, synthesize_groan, voice_pool

CORPUS = Path(__file__).resolve().parent / "corpus"
WORDS_PER_FILE = 800  # about five minutes at espeak/flite speeds


def grammar_commands() -> list[dict]:
    """Every grammar sentence with its expected intent and slots (the matcher on the text)."""
    from intents.grammar import load_grammar
    from intents.matcher import load_matcher

    matcher = load_matcher()
    out = []
    for intent, text in load_grammar().sentences():
        match = matcher.understand(text)
        if match.intent != intent:
            continue  # the matcher disagrees with the grammar on the text itself: not a speech test
        out.append({"text": text, "intent": intent, "slots": dict(match.slots)})
    return out


def spoken_text(text: str) -> str:
    """How a person says a grammar sentence: "minute s" (an optional plural in a template,
    split by the expander) is read "minutes"."""
    return re.sub(r"\b(\w+) s\b", r"\1s", text)


def sample_commands(commands: list[dict], count: int, rng: random.Random) -> list[dict]:
    """Round-robin over (intent, slot names) shapes so every shape appears, then fill."""
    shapes: dict[tuple, list[dict]] = defaultdict(list)
    for c in commands:
        shapes[(c["intent"], tuple(sorted(c["slots"])))].append(c)
    for items in shapes.values():
        rng.shuffle(items)
    keys = sorted(shapes)
    picked: list[dict] = []
    i = 0
    while len(picked) < count:
        items = shapes[keys[i % len(keys)]]
        picked.append(items[(i // len(keys)) % len(items)])
        i += 1
    return picked


def _render(job: tuple[str, dict, str]) -> dict:
    """Synthesize one text (cached by a hash of voice and text) and measure its speech bounds."""
    subdir, voice_fields, text = job
    with contextlib.suppress(OSError):
        os.nice(5)
    voice = Voice(**voice_fields)
    digest = hashlib.sha1(f"{voice.label}|{text}".encode()).hexdigest()[:16]
    rel = f"{subdir}/{digest}.wav"
    if not (CORPUS / rel).exists():
        synthesize(voice, text, CORPUS / rel, lead=0.4, tail=1.5 if subdir == "commands" else 0.5)
    samples = audio.read_wav(CORPUS / rel)
    start, end = audio.speech_bounds(samples)
    return {"file": rel, "voice": voice.label, "start": start, "end": end,
            "duration": len(samples) / audio.RATE}  # fmt: skip


def _groans(count: int, seed: int) -> dict:
    path = CORPUS / "ood" / "groans.wav"
    if not path.exists():
        parts = []
        for i in range(count):
            part = CORPUS / "ood" / f"groan_{i:03d}.wav"
            synthesize_groan(part, seed + i)
            parts.append(audio.read_wav(part))
            part.unlink()
        import numpy as np

        audio.write_wav(path, np.concatenate(parts))
    samples = audio.read_wav(path)
    return {"file": "ood/groans.wav", "voice": "sox", "kind": "groans",
            "duration": len(samples) / audio.RATE}  # fmt: skip


def _ood_plan(minutes: float, voices: list[Voice], rng: random.Random) -> tuple[list, list]:
    """The seed guide read twice as a radio programme, then news/sports/cooking programmes
    until about `minutes` of speech (150 words a minute, a little slower than our voices)."""
    jobs: list[tuple[str, dict, str]] = []
    kinds: list[str] = []
    words_needed = int(minutes * 150)
    while words_needed > 0:
        i = len(jobs)
        if i < 2:
            text, kind = ood_text.radio_guide(), "radio"
        else:
            text, kind = ood_text.programme(rng, min(WORDS_PER_FILE, words_needed)), "programme"
        jobs.append(("ood", voices[(7 * i) % len(voices)].__dict__, text))
        kinds.append(kind)
        words_needed -= len(text.split())
    return jobs, kinds


def build(
    commands: int, ood_minutes: float, seed: int = 11, workers: int = 2, talkers: int = 6
) -> None:
    rng = random.Random(seed)
    voices = voice_pool(seed)
    sampled = sample_commands(grammar_commands(), commands, rng)
    jobs = []
    for i, c in enumerate(sampled):
        voice = voices[i % len(voices)]
        jobs.append(("commands", voice.__dict__, spoken_text(c["text"])))
    ood_jobs, ood_kinds = _ood_plan(ood_minutes, voices, random.Random(seed + 1))
    babble_jobs = [
        ("babble", voices[(3 * k + 5) % len(voices)].__dict__,
         ood_text.programme(random.Random(seed * 100 + k), 400))
        for k in range(talkers)
    ]  # fmt: skip
    (CORPUS / "commands").mkdir(parents=True, exist_ok=True)
    (CORPUS / "ood").mkdir(parents=True, exist_ok=True)
    with Pool(min(workers, 2)) as pool:
        rendered = pool.map(_render, jobs, chunksize=8)
        ood = pool.map(_render, ood_jobs)
        babble = pool.map(_render, babble_jobs)
    manifest = [
        {"id": f"cmd_{i:04d}", **r, **c}
        for i, (r, c) in enumerate(zip(rendered, sampled, strict=True))
    ]
    for entry, kind, job in zip(ood, ood_kinds, ood_jobs, strict=True):
        entry["kind"] = kind
        entry["words"] = len(job[2].split())
    if ood_minutes > 0:
        ood.append(_groans(max(3, round(80 * ood_minutes / 65)), seed))
    (CORPUS / "commands.json").write_text(json.dumps(manifest, indent=1))
    (CORPUS / "ood.json").write_text(json.dumps(ood, indent=1))
    (CORPUS / "babble.json").write_text(json.dumps(babble, indent=1))
    digest = hashlib.sha256(json.dumps(manifest).encode()).hexdigest()[:12]
    hours = sum(e["duration"] for e in ood) / 3600
    print(f"corpus: {len(manifest)} commands ({digest}), {hours:.2f} h out-of-domain in {CORPUS}")


def set_corpus(path: Path) -> None:
    """Use another corpus folder (the smoke test builds a tiny one in a temporary folder)."""
    global CORPUS
    CORPUS = path.resolve()


def load_commands() -> list[dict]:
    path = CORPUS / "commands.json"
    if not path.exists():
        raise FileNotFoundError(f"{path}: no corpus yet, run bench/corpus.py")
    return json.loads(path.read_text())


def load_ood() -> list[dict]:
    return json.loads((CORPUS / "ood.json").read_text())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--commands", type=int, default=1000)
    parser.add_argument("--ood-minutes", type=float, default=70.0)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="where to build it")
    parser.add_argument("--talkers", type=int, default=6, help="voices for the babble noise")
    args = parser.parse_args()
    set_corpus(args.corpus)
    build(args.commands, args.ood_minutes, args.seed, talkers=args.talkers)


if __name__ == "__main__":
    main()
