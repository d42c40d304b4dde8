"""The example phrasings the recognizer may hear: every example sentence (intents/examples/)
of plain words the speech model knows that the matcher understands as the intent it was
written for. Reading them means running the matcher over some 4,300 sentences, most of
building the recognizer, so the list is cached in the user cache folder (voice.cache_files)
under a fingerprint of everything it depends on: the contents of the intents package's files
and of the template and example files, and the model's graph (names, sizes, times). A cache
that cannot be read is logged and worked out again; one that cannot be written only costs the
work."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from intents import matcher as matcher_module
from intents.examples import example_sentences, spoken_example_files
from intents.matcher import Matcher, Sources
from intents.numbers import to_words
from voice.cache_files import cache_folder, digest_of_files, read_cached, write_cached
from voice.hearing.vocabulary import unknown_words

SAYABLE = re.compile(r"[a-z' ]+")
UNSAID = re.compile(r"[,.?!;:\"()]|(?<=\w)-(?=\w)")
"""Marks a recognizer never writes: punctuation goes, a hyphen between words is a space."""
DIGITS = re.compile(r"\b\d{1,3}\b")
DIALLED = frozenset({"911", "999", "112", "000"})
"""Emergency numbers, said digit by digit ("call nine one one")."""
VERSION = 3
"""Bump when what is kept changes: old files are then never read."""


def sayable_examples(
    model: object | None,
    matcher: Matcher,
    sources: Sources,
    model_path: Path | None = None,
    cache_dir: Path | None = None,
) -> list[str]:
    """The sayable example sentences for `model` (a Vosk model at `model_path`; None: any
    word, as for Moonshine, which spells)."""
    folder = cache_dir or cache_folder()
    path = folder / f"sayable-{fingerprint(sources, model_path if model else None)}.json"
    cached = read_cached(path, _sentences)
    if cached is not None:
        return cached
    sentences = _work_out(model, matcher, sources)
    write_cached(path, sentences, "the sayable examples")
    return sentences


def _sentences(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise ValueError("not a list of sentences")
    return value


def _work_out(model: object | None, matcher: Matcher, sources: Sources) -> list[str]:
    examples = example_sentences(spoken_example_files(sources.example_files()))
    said = [(i, spoken_form(s)) for i, s in examples]
    kept = [s for i, s in said if SAYABLE.fullmatch(s) and matcher.understand(s).intent == i]
    words = {w for s in kept for w in s.split()}
    unknown = set(unknown_words(model, words)) if model is not None else set()
    return sorted({s for s in kept if not unknown.intersection(s.split())})


def spoken_form(sentence: str) -> str:
    """An example as a recognizer would write it: lower case, no punctuation, numbers in
    words ("Can I use heat?" -> "can i use heat", "ice for 5 minutes" -> "ice for five
    minutes"). Almost a quarter of the examples were left out of the phrase list for a comma, a
    question mark or a digit alone."""
    text = UNSAID.sub(lambda m: " " if m.group() == "-" else "", sentence.lower())
    text = DIGITS.sub(_in_words, text.replace("&", " and "))
    return " ".join(text.split())


def _in_words(number: re.Match[str]) -> str:
    digits = number.group()
    if digits in DIALLED:
        return " ".join(to_words(int(d)) for d in digits)
    return to_words(int(digits))


def fingerprint(sources: Sources, model_path: Path | None) -> str:
    """Of the intents package's code and data, the sources' files and the model's graph."""
    package = Path(str(matcher_module.__file__)).parent
    code = sorted(p for p in package.rglob("*") if p.suffix in (".py", ".yaml"))
    files = [(p.relative_to(package).as_posix(), p) for p in code]
    files += [(f"template {p.name}", p) for p in sources.template_files()]
    files += [(f"example {p.name}", p) for p in spoken_example_files(sources.example_files())]
    graph = [f"v{VERSION}"]
    if model_path is not None:
        graph.append("model")
        for part in sorted((model_path / "graph").glob("*")):
            stat = part.stat()
            graph.append(f"{part.name} {stat.st_size} {stat.st_mtime_ns}")
    return digest_of_files(files, *graph)
