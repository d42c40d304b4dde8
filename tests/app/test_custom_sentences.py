"""A user's own phrasings (the config folder's `sentences/`, or `--sentences DIR`) are added to
the built-in ones; `--templates DIR` replaces them with another domain entirely (a two-intent
coffee domain here, tests/app/data/coffee/). Real processes, real files; the spoken check is
in tests/integration/test_other_domain.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
COFFEE = Path(__file__).resolve().parent / "data" / "coffee"
MINE = """\
language: en
intents:
  SpasmStarted:
    data:
      - sentences:
          - "my spine has gone (twangy|all twangy)"
"""


def backcoach(*args: str, config: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if config is not None:
        env["XDG_CONFIG_HOME"] = str(config)
    return subprocess.run(
        [sys.executable, "-m", "voice", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=120, env=env,
    )  # fmt: skip


def parsed(done: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_own_phrasings_in_the_config_folder_are_understood_exactly(tmp_path: Path) -> None:
    folder = tmp_path / "backcoach" / "sentences"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(MINE)
    [with_mine] = parsed(backcoach("parse", "my spine has gone all twangy", config=tmp_path))
    assert (with_mine["intent"], with_mine["confidence"]) == ("SpasmStarted", 1.0)
    [without] = parsed(backcoach("parse", "my spine has gone all twangy", config=tmp_path / "x"))
    assert without["confidence"] < 1.0  # not a template sentence without the user's file
    [built_in] = parsed(backcoach("parse", "my back locked up", config=tmp_path))
    assert built_in["intent"] == "SpasmStarted"


def test_a_broken_own_file_is_one_line_naming_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "bad.yaml").write_text(MINE.replace('"my spine', '"(my spine'))
    done = backcoach("--sentences", str(folder), "parse", "hello")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"backcoach: {folder / 'bad.yaml'}:6: bad template syntax")


def test_another_domain_replaces_the_built_in_sentences() -> None:
    lines = "can i have a latte please\ncould you brew me a cappuccino\nmy back locked up\n"
    done = subprocess.run(
        [sys.executable, "-m", "voice", "--templates", str(COFFEE), "parse"],
        input=lines, capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    results = parsed(done)
    assert [r["intent"] for r in results] == ["OrderCoffee", "OrderCoffee", "Unknown"]
    assert results[0]["confidence"] == 1.0 and results[1]["confidence"] < 1.0


def test_a_missing_templates_folder_is_one_line() -> None:
    done = backcoach("--templates", "/nonexistent/templates", "parse", "hello")
    assert done.returncode == 2
    assert done.stderr == "backcoach: /nonexistent/templates: no such folder of template files\n"
