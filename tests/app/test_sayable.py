"""The sayable example sentences are worked out once and cached (voice/app/sayable.py,
voice/cache_files.py): a missing file is worked out and written, a present one is read instead
of working out, a change to what it depends on is a new file (the stale one is never read), a
corrupt one is logged in one line naming it and worked out again, and an unwritable cache only
costs the work. Real matcher, example files and cache files."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from intents.matcher import Sources, load_matcher
from voice.app.sayable import fingerprint, sayable_examples, spoken_form

CUSTOM = 'language: en\nintents:\n  Help:\n    data:\n      - sentences: ["{}"]\n'
PLANTED = ["a sentence only the cache holds"]
FEW = (  # the last is written under the wrong intent: not kept
    "intents:\n  AddTime: [two more minutes]\n  Help: [help me]\n"
    "  IceHowLong: [how long do i ice it]\n  Yes: [can i use heat]\n"
)


def few_examples(folder: Path) -> Sources:
    """The package's templates with a four-sentence example file: what the cache does is the
    same whatever the list's length, and working out four takes no time (all 13,000: ~10 s)."""
    path = folder / "few.yaml"
    path.write_text(FEW)
    return Sources(examples=(path,))


def cached_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("sayable-*.json"), key=lambda p: p.stat().st_mtime_ns)


def test_missing_then_read_instead_of_worked_out(tmp_path: Path) -> None:
    matcher = load_matcher()
    first = sayable_examples(None, matcher, Sources(), cache_dir=tmp_path)
    [cached] = cached_files(tmp_path)
    assert len(first) > 1000 and json.loads(cached.read_text()) == first
    cached.write_text(json.dumps(PLANTED))  # what is read is the file, not worked out again
    assert sayable_examples(None, matcher, Sources(), cache_dir=tmp_path) == PLANTED


def test_a_changed_input_is_worked_out_again(tmp_path: Path) -> None:
    custom = tmp_path / "mine.yaml"
    custom.write_text(CUSTOM.format("what now coach"))
    sources = Sources(custom=(custom,), examples=few_examples(tmp_path).examples)
    folder = tmp_path / "cache"
    first = sayable_examples(None, load_matcher(), sources, cache_dir=folder)
    assert first == ["help me", "how long do i ice it", "two more minutes"]
    [stale] = cached_files(folder)
    stale.write_text(json.dumps(PLANTED))
    custom.write_text(CUSTOM.format("what next coach"))  # the same path, other contents
    assert sayable_examples(None, load_matcher(), sources, cache_dir=folder) == first
    assert len(cached_files(folder)) == 2 and json.loads(stale.read_text()) == PLANTED


@pytest.mark.parametrize("junk", ["{not json", '{"a": 1}', "[1, 2]", "\udcff"])
def test_a_corrupt_file_is_logged_and_worked_out_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, junk: str
) -> None:
    matcher, sources = load_matcher(), few_examples(tmp_path)
    first = sayable_examples(None, matcher, sources, cache_dir=tmp_path)
    [cached] = cached_files(tmp_path)
    cached.write_bytes(junk.encode("utf-8", "surrogateescape"))
    with caplog.at_level(logging.WARNING):
        assert sayable_examples(None, matcher, sources, cache_dir=tmp_path) == first
    [line] = [r.getMessage() for r in caplog.records]
    assert line.startswith(f"{cached}: ") and "cache file" in line and "\n" not in line
    assert json.loads(cached.read_text()) == first  # rewritten whole


def test_what_it_depends_on_changes_the_fingerprint(tmp_path: Path) -> None:
    custom = tmp_path / "mine.yaml"
    custom.write_text(CUSTOM.format("what now coach"))
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


def test_the_same_files_elsewhere_share_the_fingerprint(tmp_path: Path) -> None:
    """Keyed by contents, not paths: a second checkout (or a moved sentences folder) reads
    the list the first one worked out."""
    one, two = tmp_path / "one" / "mine.yaml", tmp_path / "two" / "mine.yaml"
    for path in (one, two):
        path.parent.mkdir()
        path.write_text(CUSTOM.format("what now coach"))
    assert fingerprint(Sources(custom=(one,)), None) == fingerprint(Sources(custom=(two,)), None)


def test_an_unwritable_cache_only_costs_the_work(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be")
    with caplog.at_level(logging.WARNING):
        sentences = sayable_examples(
            None, load_matcher(), few_examples(tmp_path), cache_dir=blocked
        )
    assert len(sentences) == 3 and "cannot cache the sayable examples" in caplog.text


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("Can I use heat?", "can i use heat"),
        ("call 999 for me, please", "call nine nine nine for me please"),
        ("ice it for 15 minutes.", "ice it for fifteen minutes"),
        ("my co-codamol & ibuprofen", "my co codamol and ibuprofen"),
        ("a 2nd opinion", "a 2nd opinion"),  # not sayable: left out, not guessed
    ],
)
def test_an_example_is_listed_as_a_recognizer_writes_it(written: str, said: str) -> None:
    assert spoken_form(written) == said


def test_examples_with_punctuation_or_digits_are_sayable(tmp_path: Path) -> None:
    """A third of the examples had been left out of the phrase list for a comma, a question
    mark or a digit: warning signs among them ("call 999 for me, please")."""
    path = tmp_path / "written.yaml"
    path.write_text(
        "intents:\n  Emergency: ['call 999 for me, please', 'a 2nd one, call 911']\n"
        "  AskProfessional: ['what signs would mean I ought to see the doctor?']\n"
    )
    sentences = sayable_examples(
        None, load_matcher(), Sources(examples=(path,)), cache_dir=tmp_path
    )
    assert sentences == [
        "call nine nine nine for me please",
        "what signs would mean i ought to see the doctor",
    ]
