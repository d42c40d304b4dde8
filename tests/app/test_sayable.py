"""The sayable example sentences are worked out once and cached (voice/app/sayable.py): the
cached list is the one worked out, a change to what it depends on is a new fingerprint, and a
broken or unwritable cache only costs the work. Real matcher and example files."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from intents.matcher import Sources, load_matcher
from voice.app.sayable import fingerprint, sayable_examples


def test_the_cached_list_is_the_one_worked_out(tmp_path: Path) -> None:
    matcher = load_matcher()
    first = sayable_examples(None, matcher, Sources(), cache_dir=tmp_path)
    [cached] = tmp_path.glob("sayable-*.json")
    assert len(first) > 1000
    assert sayable_examples(None, matcher, Sources(), cache_dir=tmp_path) == first
    cached.write_text("{not json", encoding="utf-8")  # broken: worked out again, rewritten
    assert sayable_examples(None, matcher, Sources(), cache_dir=tmp_path) == first
    assert cached.read_text(encoding="utf-8").startswith("[")


def test_what_it_depends_on_changes_the_fingerprint(tmp_path: Path) -> None:
    custom = tmp_path / "mine.yaml"
    custom.write_text(
        'language: en\nintents:\n  Help:\n    data:\n      - sentences: ["what now coach"]\n'
    )
    model = tmp_path / "model"
    (model / "graph").mkdir(parents=True)
    (model / "graph" / "Gr.fst").write_bytes(b"x")
    plain = fingerprint(Sources(), None)
    assert fingerprint(Sources(), None) == plain
    assert fingerprint(Sources(custom=(custom,)), None) != plain
    assert fingerprint(Sources(), model) != plain
    with_model = fingerprint(Sources(), model)
    (model / "graph" / "Gr.fst").write_bytes(b"xy")
    assert fingerprint(Sources(), model) != with_model


def test_an_unwritable_cache_only_costs_the_work(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be")
    with caplog.at_level(logging.WARNING):
        sentences = sayable_examples(None, load_matcher(), Sources(), cache_dir=blocked)
    assert sentences and "cannot cache the sayable examples" in caplog.text
