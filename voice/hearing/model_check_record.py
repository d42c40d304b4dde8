"""A model folder once read as whole (voice.hearing.model_files: every FST's layout walked,
0.2-0.4 s a read for the small model) is not read again while its files stay as they were: the
check is recorded in the user cache folder (voice.cache_files) under a fingerprint of the
folder and of each checked file's size, modification time and inode. A file cut, replaced or
touched is a new fingerprint, so the folder is read again; only a whole read is recorded."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from voice.cache_files import cache_folder, digest_of_files, read_cached, write_cached


def checked_before(model: Path, names: Sequence[str], cache_dir: Path | None = None) -> bool:
    """Was this folder, with these files exactly as they are now, read as whole before?"""
    record = _record(model, names)
    if record is None:
        return False
    return read_cached(_file(record, cache_dir), lambda value: _same(value, record)) is not None


def remember_checked(model: Path, names: Sequence[str], cache_dir: Path | None = None) -> None:
    """Record that the folder read as whole just now (call only after a whole read)."""
    record = _record(model, names)
    if record is not None:
        write_cached(_file(record, cache_dir), record, "the model check")


def _record(model: Path, names: Sequence[str]) -> dict[str, Any] | None:
    try:
        files = {}
        for name in names:
            stat = (model / name).stat()  # through links, as Vosk reads it
            files[name] = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
        return {"model": str(model.resolve()), "files": files}
    except OSError:
        return None


def _file(record: dict[str, Any], cache_dir: Path | None) -> Path:
    key = digest_of_files((), repr(sorted(record["files"].items())), record["model"])
    return (cache_dir or cache_folder()) / f"model-check-{key}.json"


def _same(value: Any, record: dict[str, Any]) -> bool:
    if value != record:
        raise ValueError("it records another model or other files")
    return True
