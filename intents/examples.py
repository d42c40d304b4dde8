"""Example sentences as data (`intents/examples/*.yaml`): phrasings people use that the templates
need not list, and talk that is not meant for the coach. The statistical layer learns from them.

    intents:                       sentences:            # not for us (class Unknown)
      SpasmStarted:                  - "hold the line please"
        - "my back just gave out"

Files in `examples/model_only/` teach the statistical layer only: they are never the recognizer's
phrase list (`spoken_example_files`). They hold rounds of phrasings written blind and looked at
once (bench/fresh_rounds/README.md): thousands of sentences that would grow what the recognizer
decodes against for little.

Files in `examples/said_only/` are the recognizer's phrase list only, never taught: words that
mean something only where they are said ("the ten minute one", the answer to the timer desk's
"Which one?"), which the statistical layer would learn as talk not meant for the coach.

Files in `examples/signs_only/` teach the safety net's own model only (intents.trained_models):
rounds of warning signs and harmless look-alikes, written blind and looked at once. Kept out of
the intent model: there they cost rejections of talk not meant for the coach.

Errors name the file and line.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from intents.errors import TemplateError
from intents.normalize import normalize
from intents.strict_yaml import SAFE_LOADER

EXAMPLES_DIR = Path(__file__).parent / "examples"
MODEL_ONLY = "model_only"
SIGNS_ONLY = "signs_only"
SAID_ONLY = "said_only"
NOT_FOR_US = "Unknown"


def example_files(folder: Path = EXAMPLES_DIR) -> tuple[Path, ...]:
    if not folder.is_dir():
        return ()
    return (
        *sorted(folder.glob("*.yaml")),
        *sorted(folder.glob(f"{MODEL_ONLY}/*.yaml")),
        *sorted(folder.glob(f"{SAID_ONLY}/*.yaml")),
    )


def sign_example_files(folder: Path = EXAMPLES_DIR) -> tuple[Path, ...]:
    """The example files that teach the safety net's model only (besides every example file)."""
    return tuple(sorted(folder.glob(f"{SIGNS_ONLY}/*.yaml"))) if folder.is_dir() else ()


def spoken_example_files(paths: Iterable[Path]) -> tuple[Path, ...]:
    """The example files whose sentences may be the recognizer's phrase list."""
    return tuple(p for p in paths if p.parent.name != MODEL_ONLY)


def load_examples(paths: Iterable[Path]) -> list[tuple[str, tuple[str, ...]]]:
    """(intent, canonical tokens) for every example sentence the files teach (not those in
    `said_only/`)."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for path in paths:
        if path.parent.name == SAID_ONLY:
            continue
        data = _read(path)
        intents = data.get("intents") or {}
        if not isinstance(intents, dict):
            raise TemplateError(f"{path}: 'intents:' must map intent names to sentence lists")
        for intent, sentences in intents.items():
            if not isinstance(intent, str):  # unquoted Yes, No, On, Off are booleans in YAML
                raise TemplateError(f"{path}: intent {intent!r} must be a name in quotes")
            out += [(intent, t) for t in _all_tokens(_strings(sentences, path, intent))]
        out += [(NOT_FOR_US, t) for t in _all_tokens(_strings(data.get("sentences"), path, ""))]
    return out


def example_sentences(paths: Iterable[Path]) -> list[tuple[str, str]]:
    """(intent, sentence as written) for every example said to the coach (not the talk that is
    not for us): the recognizer's phrase list takes the ones it can say."""
    out: list[tuple[str, str]] = []
    for path in paths:
        intents = _read(path).get("intents") or {}
        if isinstance(intents, dict):
            for intent, sentences in intents.items():
                out += [(str(intent), s) for s in _strings(sentences, path, intent)]
    return out


def _all_tokens(sentences: list[str]) -> list[tuple[str, ...]]:
    """Canonical tokens of each sentence; one made only of fillers ("um", "please") teaches
    nothing and is left out."""
    return [tokens for tokens in (normalize(s).tokens for s in sentences) if tokens]


def _read(path: Path) -> dict[str, object]:
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader
    except OSError as err:
        raise TemplateError(f"{path}: cannot be read ({err.strerror})") from err
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        last = max(1, len(text.splitlines()))  # libyaml puts an error at the end after it
        line = f":{min(mark.line + 1, last)}" if mark is not None else ""
        raise TemplateError(f"{path}{line}: not valid YAML ({err})") from err
    if not isinstance(data, dict):
        raise TemplateError(f"{path}: expected 'intents:' and/or 'sentences:' at the top")
    return data


def _strings(value: object, path: Path, intent: object) -> list[str]:
    if value is None:
        return []
    where = f" under {intent}" if intent else ""
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise TemplateError(f"{path}: expected a list of sentences{where}")
    return value
