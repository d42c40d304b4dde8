"""The fresh rounds' dev halves teach the intent model (intents/examples/intent_only/, written by
bench/round_examples.py): the file is what the script writes from the dev halves as they are,
holds no warning sign and no test half, and teaches neither the safety net's model nor the
recognizer's phrase list."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from intents.errors import TemplateError
from intents.examples import (
    INTENT_ONLY,
    example_files,
    load_examples,
    net_example_files,
    spoken_example_files,
)

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from round_examples import OUT, dev_halves, examples_yaml  # noqa: E402


def test_the_file_is_written_from_the_dev_halves_as_they_are() -> None:
    assert OUT.read_text(encoding="utf-8") == examples_yaml(dev_halves()), (
        "run .venv/bin/python bench/round_examples.py"
    )


def test_it_holds_requests_and_talk_not_for_us_only() -> None:
    taught = load_examples([OUT])
    intents = {intent for intent, _ in taught}
    assert {"Yes", "No", "StartTimer", "PainRelief", "Unknown"} <= intents
    assert not intents & {"RedFlag", "Emergency", "AreYouThere", "True", "False"}
    halves = [path.name for path in dev_halves()]
    assert halves and all(name.endswith("_dev.yaml") for name in halves)
    assert "mixed_round46_dev.yaml" in halves


def test_it_teaches_the_intent_model_only() -> None:
    files = example_files()
    assert OUT in files
    assert OUT.parent.name == INTENT_ONLY
    assert OUT not in net_example_files(files)
    assert OUT not in spoken_example_files(files)


def test_an_unquoted_yes_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('intents:\n  Yes:\n    - "go on then"\n', encoding="utf-8")
    with pytest.raises(TemplateError, match=r"bad\.yaml: intent True must be a name in quotes"):
        load_examples([bad])
