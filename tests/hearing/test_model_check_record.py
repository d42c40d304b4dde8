"""The model's whole read (voice.hearing.model_files) is done once per folder while its files
stay as they are (voice.hearing.model_check_record): recorded after a whole read, a record used
while the files are the same, a changed file read again, a corrupt record logged and replaced.
Real model files: links to the shared model, and real copies where a file is changed."""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

import pytest

from voice.errors import ModelError
from voice.hearing.models import check_model

pytestmark = pytest.mark.model

COPIED = "graph/Gr.fst"


def model_copy(model: Path, folder: Path) -> Path:
    """`model` as links to its files, but COPIED a real copy that may be changed."""
    for source in model.rglob("*"):
        if source.is_file():
            target = folder / source.relative_to(model)
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.relative_to(model).as_posix() == COPIED:
                shutil.copyfile(source, target)
            else:
                target.symlink_to(source)
    return folder


def records(cache: Path) -> list[Path]:
    return sorted(cache.glob("model-check-*.json"))


def damage_keeping_size_and_time(path: Path) -> None:
    """Overwrite the file's first bytes in place: same size, inode and modification time."""
    stat = path.stat()
    with path.open("r+b") as f:
        f.write(b"\0" * 8)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_a_whole_read_is_recorded_and_the_record_used(
    vosk_model_path: Path, tmp_path: Path
) -> None:
    model, cache = model_copy(vosk_model_path, tmp_path / "m"), tmp_path / "cache"
    assert check_model(model, cache_dir=cache) == model
    [record] = records(cache)
    assert json.loads(record.read_text())["model"] == str(model.resolve())
    # A damage that keeps size, inode and time is not seen while the record stands (the
    # record is used, the file not read again); a fresh cache reads it and refuses it.
    damage_keeping_size_and_time(model / COPIED)
    assert check_model(model, cache_dir=cache) == model
    with pytest.raises(ModelError, match=f"{COPIED} is damaged"):
        check_model(model, cache_dir=tmp_path / "fresh cache")
    assert records(tmp_path / "fresh cache") == []  # a refused model is never recorded


def test_a_changed_file_is_read_again(vosk_model_path: Path, tmp_path: Path) -> None:
    model, cache = model_copy(vosk_model_path, tmp_path / "m"), tmp_path / "cache"
    check_model(model, cache_dir=cache)
    data = (model / COPIED).read_bytes()
    (model / COPIED).write_bytes(data[: len(data) // 2])  # cut, as a broken download
    with pytest.raises(ModelError, match=f"{COPIED} is damaged or truncated"):
        check_model(model, cache_dir=cache)
    (model / COPIED).write_bytes(data)  # whole again: read again, recorded again
    assert check_model(model, cache_dir=cache) == model
    assert len(records(cache)) == 2


@pytest.mark.parametrize("junk", ["{not json", '{"model": "elsewhere", "files": {}}', ""])
def test_a_corrupt_record_is_logged_and_replaced(
    vosk_model_path: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, junk: str
) -> None:
    model, cache = model_copy(vosk_model_path, tmp_path / "m"), tmp_path / "cache"
    check_model(model, cache_dir=cache)
    [record] = records(cache)
    good = record.read_text()
    record.write_text(junk)
    damage_keeping_size_and_time(model / COPIED)  # read again: the damage is found
    with caplog.at_level(logging.WARNING), pytest.raises(ModelError, match="damaged"):
        check_model(model, cache_dir=cache)
    [line] = [r.getMessage() for r in caplog.records]
    assert line.startswith(f"{record}: corrupt cache file") and "\n" not in line
    shutil.copyfile(vosk_model_path / COPIED, model / COPIED)  # mended: a new record
    caplog.clear()
    assert check_model(model, cache_dir=cache) == model
    assert caplog.records == []
    newest = max(records(cache), key=lambda p: p.stat().st_mtime_ns)
    assert newest != record and json.loads(newest.read_text())["model"] == json.loads(good)["model"]


def test_the_default_record_goes_to_the_user_cache_folder(
    vosk_model_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    check_model(vosk_model_path)
    assert len(records(tmp_path / "backcoach")) == 1
    check_model(vosk_model_path)
    assert len(records(tmp_path / "backcoach")) == 1
