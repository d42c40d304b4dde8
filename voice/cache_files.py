"""Files worked out once and kept in the user cache folder (`$XDG_CACHE_HOME/backcoach`), as
the intent model is (intents/classifier.py): each is named for a fingerprint of what it was
worked out from, so a changed input is a new name and a stale file is never read. A file that
cannot be read is logged in one line naming it and worked out again (then overwritten); one
that cannot be written only costs the work next time. The few used last are kept.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import Any, TypeVar

import platformdirs

log = logging.getLogger(__name__)

T = TypeVar("T")
KEEP = 4
"""Files of one kind kept, the most recently used: a few checkouts, custom sentence folders or
model folders side by side each keep theirs instead of evicting another's."""


def cache_folder() -> Path:
    return Path(platformdirs.user_cache_dir("backcoach", appauthor=False))


def digest_of_files(files: Iterable[tuple[str, Path]], *extra: str) -> str:
    """A fingerprint of `extra` and of the files, each by the name given and its contents
    (not where it is: two checkouts of the same files share it)."""
    digest = hashlib.sha256()
    for text in extra:
        digest.update(text.encode() + b"\0")
    for name, path in files:
        data = path.read_bytes()
        digest.update(f"{name} {len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:20]


def read_cached(path: Path, check: Callable[[Any], T]) -> T | None:
    """The JSON in `path` as `check` accepts it (it raises ValueError, TypeError or KeyError on
    anything else); None if there is no such file, or (logged) if it is unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:  # ValueError: not UTF-8
        log.warning("%s: unreadable cache file (%s); working it out again", path, err)
        return None
    try:
        value = check(json.loads(text))
    except (ValueError, TypeError, KeyError) as err:
        log.warning("%s: corrupt cache file (%s); working it out again", path, _short(err))
        return None
    with suppress(OSError):
        os.utime(path)  # used: kept longer than the others
    return value


def write_cached(path: Path, value: object, what: str, keep: int = KEEP) -> None:
    """Write `value` as JSON to `path` whole or not at all (a file beside it, renamed into
    place), and remove all but the `keep` most recently used files of its kind (the name up to
    its last '-'). An unwritable folder is logged: it only costs the work next time."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(value), encoding="utf-8")
        os.replace(temporary, path)
        kind = path.name.rsplit("-", 1)[0]
        for old in sorted(path.parent.glob(f"{kind}-*{path.suffix}"), key=_age)[keep:]:
            old.unlink(missing_ok=True)
    except OSError as err:
        log.warning("%s: cannot cache %s (%s)", path, what, err)
        with suppress(OSError):
            temporary.unlink(missing_ok=True)


def _age(path: Path) -> float:
    try:
        return -path.stat().st_mtime
    except OSError:
        return 0.0


def _short(err: Exception) -> str:
    return str(err).splitlines()[0][:120] if str(err) else type(err).__name__
