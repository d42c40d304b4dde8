"""Which grammar words the speech model knows. Vosk silently leaves unknown words out of a
grammar (it only logs "Ignoring word missing in vocabulary"), so we check them at start-up."""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable
from typing import Any

from voice.errors import ModelError

UNK = "[unk]"
RATE = 16000
_MISSING = re.compile(r"Ignoring word missing in vocabulary: '(.*)'$", re.MULTILINE)
"""The word is quoted but may hold an apostrophe itself ("back's"): up to the line's last quote."""


def normalize(text: str) -> str:
    return " ".join(text.lower().split())


def unknown_words(model: Any, words: Iterable[str]) -> list[str]:
    """Grammar words the model does not know. Vosk only logs them ("Ignoring word missing in
    vocabulary") and drops them, so build a one-word-per-phrase grammar with Kaldi's stderr
    captured and read the log back."""
    import vosk

    vocabulary = sorted({w for w in words if w and w != UNK})
    if not vocabulary:
        return []
    vosk.SetLogLevel(-1)  # warnings on, info off
    with tempfile.TemporaryFile(mode="w+b") as captured:
        saved = os.dup(2)
        try:
            os.dup2(captured.fileno(), 2)
            vosk.KaldiRecognizer(model, RATE, json.dumps(vocabulary))
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        captured.seek(0)
        text = captured.read().decode("utf-8", "replace")
    return sorted(set(_MISSING.findall(text)))


def check_vocabulary(model: Any, phrases: Iterable[str]) -> None:
    words = {w for p in phrases for w in normalize(p).split()}
    missing = unknown_words(model, words)
    if missing:
        raise ModelError(
            f"the speech model does not know {len(missing)} grammar word(s): "
            f"{', '.join(missing)}; change the templates or use a model that knows them"
        )


def bigram_cover(sentences: Iterable[str]) -> list[str]:
    """A subset of `sentences` that still holds every word pair (and every first and last
    word) of them, shortest sentences first. Vosk estimates a bigram model from its phrase
    list, so this gives it the same word pairs without the thousands of number variants of
    the timer sentences outweighing everything else."""
    seen: set[tuple[str, str]] = set()
    kept: list[str] = []
    for text in sorted(set(sentences), key=lambda t: (len(t.split()), t)):
        words = ["<s>", *text.split(), "</s>"]
        pairs = set(zip(words, words[1:], strict=False))
        if not pairs <= seen:
            kept.append(text)
            seen |= pairs
    return kept
