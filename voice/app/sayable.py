"""The example phrasings the recognizer may hear: every example sentence (intents/examples/)
of plain words the speech model knows that the matcher understands as the intent it was
written for. Reading them means running the matcher over some 4,300 sentences, about 60% of
building the recognizer, so the list is cached in the user cache folder under a fingerprint
of everything it depends on (the intents package's files, the template and example files, the
model's graph); a cache that cannot be read or written only costs the work."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path

import platformdirs

from intents import matcher as matcher_module
from intents.examples import example_sentences
from intents.matcher import Matcher, Sources
from voice.hearing.vocabulary import unknown_words

log = logging.getLogger(__name__)

SAYABLE = re.compile(r"[a-z' ]+")
KEEP = 4
"""Cached lists kept (others are removed): a few checkouts or model folders side by side."""


def sayable_examples(
    model: object | None,
    matcher: Matcher,
    sources: Sources,
    model_path: Path | None = None,
    cache_dir: Path | None = None,
) -> list[str]:
    """The sayable example sentences for `model` (a Vosk model at `model_path`; None: any
    word, as for Moonshine, which spells)."""
    folder = cache_dir or Path(platformdirs.user_cache_dir("backcoach", appauthor=False))
    path = folder / f"sayable-{fingerprint(sources, model_path if model else None)}.json"
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(cached, list) and all(isinstance(s, str) for s in cached):
            return cached
    except (OSError, ValueError):
        pass  # not cached yet, or unreadable: worked out again below
    sentences = _work_out(model, matcher, sources)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(sentences), encoding="utf-8")
        for old in sorted(folder.glob("sayable-*.json"), key=_age)[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError as err:
        log.warning("%s: cannot cache the sayable examples (%s)", path, err)
    return sentences


def _work_out(model: object | None, matcher: Matcher, sources: Sources) -> list[str]:
    examples = example_sentences(sources.example_files())
    said = [(i, " ".join(s.lower().split())) for i, s in examples]
    kept = [s for i, s in said if SAYABLE.fullmatch(s) and matcher.understand(s).intent == i]
    words = {w for s in kept for w in s.split()}
    unknown = set(unknown_words(model, words)) if model is not None else set()
    return sorted({s for s in kept if not unknown.intersection(s.split())})


def fingerprint(sources: Sources, model_path: Path | None) -> str:
    """Of the intents package's code and data, the sources' files and the model's graph."""
    package = Path(str(matcher_module.__file__)).parent
    files = sorted(p for p in package.rglob("*") if p.suffix in (".py", ".yaml"))
    files += [*sources.template_files(), *sources.example_files()]
    digest = hashlib.sha256(str(model_path).encode())
    for path in files:
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    if model_path is not None:
        for graph in sorted((model_path / "graph").glob("*")):
            stat = graph.stat()
            digest.update(f"{graph.name} {stat.st_size} {stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:20]


def _age(path: Path) -> float:
    try:
        return -path.stat().st_mtime
    except OSError:
        return 0.0
