"""The command line becomes one Settings (the clean-up flags reach the recognizer)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from voice.app.cli import build_parser, settings_from

ROOT = Path(__file__).resolve().parents[2]


def test_cleanup_flags_default_and_override() -> None:
    default = settings_from(build_parser().parse_args([]))
    assert (default.noise_suppression, default.auto_gain) == (2, 15)
    off = settings_from(build_parser().parse_args(["--noise-suppression", "0", "--auto-gain", "0"]))
    assert (off.noise_suppression, off.auto_gain) == (0, 0)


def test_out_of_range_cleanup_flag_is_one_line_naming_the_flag() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "voice", "--auto-gain", "40", "--text"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    last = done.stderr.strip().splitlines()[-1]
    assert "--auto-gain" in last and "invalid choice: 40" in last


def backcoach(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "voice", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
        timeout=60,
    )


def test_options_may_come_after_the_command() -> None:
    after = settings_from(build_parser().parse_args(["parse", "x", "--hold", "30", "--model", "M"]))
    assert (after.hold_seconds, str(after.model_path)) == (30, "M")
    before = settings_from(build_parser().parse_args(["--hold", "30", "parse", "x"]))
    assert before.hold_seconds == 30  # not reset by the command's own parser
    path = build_parser().parse_args(["models", "path", "--model", "M", "--debug"])
    assert (path.action, str(path.model), path.debug) == ("path", "M", True)
    coffee = str(ROOT / "tests" / "app" / "data" / "coffee")
    done = backcoach("parse", "--templates", coffee, "give me a latte")
    assert done.returncode == 0, done.stderr
    assert '"intent": "OrderCoffee"' in done.stdout
    wav = backcoach("parse", "--wav", "nothing.wav", "--model", "/no/such/model")
    assert wav.returncode == 2 and "/no/such/model does not exist" in wav.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--hold", "-5", "--text"], "argument --hold: must be from 2 to 60 seconds, not -5"),
        (["--text", "--reps", "0"], "argument --reps: must be from 1 to 10 holds, not 0"),
        (["parse", "x", "--rest", "500"], "argument --rest: must be from 0 to 120 seconds"),
        (["--ice-minutes", "lots"], "argument --ice-minutes: 'lots' is not a number"),
    ],
)
def test_values_are_checked_before_anything_starts(args: list[str], says: str) -> None:
    done = backcoach(*args)
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()  # one line, not the whole usage
    assert says in line and line.startswith("backcoach") and "--help" in line


def test_help_is_written_for_users() -> None:
    main = backcoach("--help").stdout
    assert "The only place" not in main and "prints errors" not in main
    assert "Say goodbye" in main and "models download" in main
    models = backcoach("models", "--help").stdout
    for words in ("download ", "install ", "path ", "BACKCOACH_MODEL", "never downloads"):
        assert words in models
    assert "--hold" not in models  # only what matters here is listed


def test_moonshine_model_is_tiny_unless_base_is_asked_for_before_or_after_the_command() -> None:
    parse = build_parser().parse_args
    assert settings_from(parse([])).moonshine_model == "tiny"
    assert settings_from(parse(["--moonshine-model", "base"])).moonshine_model == "base"
    after = parse(["parse", "--recognizer", "moonshine", "--moonshine-model", "base", "hi"])
    assert (settings_from(after).recognizer, settings_from(after).moonshine_model) == (
        "moonshine",
        "base",
    )
