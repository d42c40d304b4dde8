"""Files kept in the user cache folder (voice/cache_files.py): written whole, the few used last
kept, unreadable ones logged in one line naming them. Real files."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from voice.cache_files import KEEP, digest_of_files, read_cached, write_cached


def as_list(value: object) -> list[object]:
    if not isinstance(value, list):
        raise ValueError("not a list")
    return value


def test_written_whole_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "thing-abc.json"
    write_cached(path, [1, 2], "the thing")
    assert read_cached(path, as_list) == [1, 2]
    assert [p.name for p in path.parent.iterdir()] == ["thing-abc.json"]  # no temporary left
    assert read_cached(tmp_path / "thing-none.json", as_list) is None  # absent: quietly None


def test_the_ones_used_last_are_kept(tmp_path: Path) -> None:
    paths = [tmp_path / f"thing-{n}.json" for n in range(KEEP + 2)]
    for age, path in enumerate(paths):
        path.write_text(json.dumps([age]))
        os.utime(path, (1000 + age, 1000 + age))
    read_cached(paths[0], as_list)  # used now: the newest
    write_cached(tmp_path / "thing-new.json", [], "the thing")
    write_cached(tmp_path / "other-1.json", [], "another kind")  # another kind is not counted
    kept = {p.name for p in tmp_path.glob("thing-*.json")}
    assert len(kept) == KEEP and {"thing-0.json", "thing-new.json"} <= kept
    assert (tmp_path / "other-1.json").exists()


def test_an_unreadable_file_is_one_line_naming_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "thing-abc.json"
    path.write_text(json.dumps({"not": "a list"}))
    with caplog.at_level(logging.WARNING):
        assert read_cached(path, as_list) is None
    [line] = [r.getMessage() for r in caplog.records]
    assert line == f"{path}: corrupt cache file (not a list); working it out again"


def test_the_fingerprint_is_of_names_and_contents(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("same")
    b.write_text("same")
    assert digest_of_files([("x", a)]) == digest_of_files([("x", b)])
    assert digest_of_files([("x", a)]) != digest_of_files([("y", a)])
    assert digest_of_files([("x", a)], "v1") != digest_of_files([("x", a)], "v2")
    b.write_text("other")
    assert digest_of_files([("x", a)]) != digest_of_files([("x", b)])
