"""Find and check the Vosk speech model. Nothing here downloads on its own (see
`voice.hearing.model_download`, which only the `backcoach models download` command calls).

Resolution order: `--model PATH`, then `BACKCOACH_MODEL`, then `models/` in the project, then
`platformdirs.user_data_dir("backcoach")/models`, then (in a source checkout)
`../shared/models/vosk-model-small-en-us`. A folder counts as a model when it holds the
files Vosk needs; a folder of models (like `models/`) yields the default model if present,
otherwise the last model by name.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import platformdirs

from voice.errors import ModelError
from voice.hearing.model_check_record import checked_before, remember_checked
from voice.hearing.model_files import file_problem

log = logging.getLogger(__name__)

DEFAULT_MODEL_NAME = "vosk-model-small-en-us-0.15"
DEFAULT_MODEL_URL = f"https://alphacephei.com/vosk/models/{DEFAULT_MODEL_NAME}.zip"
DEFAULT_MODEL_SHA256 = "30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
PROJECT_MODELS_DIR = PROJECT_ROOT / "models"
SHARED_MODEL = PROJECT_ROOT.parent / "shared" / "models" / "vosk-model-small-en-us"
"""A developer checkout's model: `../shared` beside the clone (searched last)."""

FIX = "run `backcoach models download` (or `backcoach models install FILE.zip`, or pass --model)"

# What Vosk reads. A runtime grammar needs the lookahead graph (HCLr.fst + Gr.fst); a static
# HCLG.fst model loads but ignores the grammar, so the coach would hear free speech.
REQUIRED_FILES = ("am/final.mdl", "conf/mfcc.conf", "conf/model.conf")
GRAMMAR_GRAPH = ("graph/HCLr.fst", "graph/Gr.fst")
STATIC_GRAPH = ("graph/HCLG.fst",)


def user_models_dir() -> Path:
    return Path(platformdirs.user_data_dir("backcoach", appauthor=False)) / "models"


def default_search_dirs() -> list[Path]:
    """Where a model is looked for when neither --model nor BACKCOACH_MODEL names one: the
    project's `models/`, the user data folder, and in a source checkout `../shared`."""
    dirs = [PROJECT_MODELS_DIR, user_models_dir()]
    if (PROJECT_ROOT / "pyproject.toml").is_file():
        dirs.append(SHARED_MODEL)
    return dirs


def default_download_dir() -> Path:
    """Where `models download` and `models install` put a model: the user data folder, so
    every checkout and an installed copy find the same one."""
    return user_models_dir()


def looks_like_model(path: Path) -> bool:
    return (path / "am" / "final.mdl").is_file()


def resolve_model_path(
    explicit: Path | None,
    env: Path | None,
    search_dirs: Iterable[Path] | None = None,
) -> Path:
    """The model folder to use. An explicit or environment path must itself be a model
    (checked by `check_model`); the search folders may hold one or more models."""
    for given, origin in ((explicit, "--model"), (env, "BACKCOACH_MODEL")):
        if given is not None:
            log.debug("model from %s: %s", origin, given)
            return given
    dirs = list(search_dirs) if search_dirs is not None else default_search_dirs()
    for folder in dirs:
        found = _model_in(folder)
        if found is not None:
            log.debug("model found in %s: %s", folder, found)
            return found
    where = ", ".join(str(d) for d in dirs)
    raise ModelError(f"no speech model found (looked in {where}); {FIX}")


def _model_in(folder: Path) -> Path | None:
    if not folder.is_dir():
        return None
    if looks_like_model(folder):
        return folder
    children = sorted(p for p in folder.iterdir() if p.is_dir() and looks_like_model(p))
    if not children:
        return None
    for child in children:
        if child.name.startswith(DEFAULT_MODEL_NAME.removesuffix("-0.15")):
            return child
    return children[-1]


def check_model(path: Path, grammar: bool = True, cache_dir: Path | None = None) -> Path:
    """Raise ModelError (one sentence with the fix) unless `path` holds a usable model: every
    file Vosk needs is there and reads as whole (voice.hearing.model_files), so a truncated
    graph is refused here rather than crash Kaldi. The whole read is done once per folder
    while its files stay as they are (voice.hearing.model_check_record, in `cache_dir`,
    default the user cache folder)."""
    if not path.exists():
        raise ModelError(f"speech model folder {path} does not exist; {FIX}")
    if not path.is_dir():
        raise ModelError(f"speech model {path} is not a folder; {FIX}")
    missing = [name for name in REQUIRED_FILES if not _nonempty(path / name)]
    has_dynamic = all(_nonempty(path / name) for name in GRAMMAR_GRAPH)
    has_static = all(_nonempty(path / name) for name in STATIC_GRAPH)
    if not has_dynamic and not has_static:
        missing.append("graph/HCLr.fst + graph/Gr.fst")
    if missing:
        raise ModelError(
            f"speech model {path} is incomplete or corrupt (missing {', '.join(missing)}); {FIX}"
        )
    if grammar and not has_dynamic:
        raise ModelError(
            f"speech model {path} has a static graph and cannot take a grammar; use a small "
            f"model with graph/HCLr.fst, e.g. {FIX}"
        )
    names = (*REQUIRED_FILES, *(GRAMMAR_GRAPH if has_dynamic else STATIC_GRAPH))
    if checked_before(path, names, cache_dir):
        return path
    for name in names:
        problem = file_problem(path / name)
        if problem is not None:
            raise ModelError(
                f"speech model {path}: {name} is damaged or truncated ({problem}); {FIX}"
            )
    remember_checked(path, names, cache_dir)
    return path


def _nonempty(path: Path) -> bool:
    try:
        return path.is_file() and path.stat().st_size > 0
    except OSError:
        return False


def load_model(path: Path, checked: bool = False) -> Any:
    """Check (unless `checked`: `check_model` just passed) and load the model with Vosk
    (always by path, never `Model(lang=...)`)."""
    if not checked:
        check_model(path)
    import vosk

    vosk.SetLogLevel(-1)  # warnings only: the grammar check reads them (voice.hearing.recognizer)
    try:
        return vosk.Model(str(path))
    except Exception as err:  # vosk raises a bare Exception("Failed to create a model")
        raise ModelError(f"speech model {path} could not be loaded ({err}); {FIX}") from err


def seed_dither(seed: int) -> None:
    """Make the next decodes repeatable (tests and benches; the product leaves it alone). Kaldi,
    inside Vosk, adds random dither to the audio before its features (the model's mfcc.conf
    keeps the default), drawn from glibc's rand(), which nothing seeds: the same audio decoded
    twice can come out as other words when it is borderline, depending on every decode before
    it in the process. Threads decoding at once still share the one sequence."""
    ctypes.CDLL(None).srand(seed)
