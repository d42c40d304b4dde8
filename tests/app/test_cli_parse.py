"""`backcoach parse` as a real process: one sentence, stdin lines, and hostile input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def parse(*args: str, stdin: str | None = None) -> list[dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "voice", "parse", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_one_sentence_prints_one_json_object() -> None:
    assert parse("Uh, set a timer for ten minutes please") == [
        {
            "text": "Uh, set a timer for ten minutes please",
            "intent": "StartTimer",
            "slots": {"duration": 600},
            "confidence": 1.0,
        }
    ]


def test_stdin_gives_one_line_per_line_in_order() -> None:
    lines = [
        "my back locked up",
        "how long do I ice it?",
        "hold for 20 seconds 3 times",
        "my back locked up and my leg is numb",
        "the ice cream truck is outside",
        "",
        "ok",
    ]
    results = parse(stdin="\n".join(lines) + "\n")
    assert [r["text"] for r in results] == lines
    assert [r["intent"] for r in results] == [
        "SpasmStarted",
        "IceHowLong",
        "StartStretch",
        "RedFlag",
        "Unknown",
        "Unknown",
        "Yes",
    ]
    assert results[0]["slots"] == {"area": "back"}
    assert results[2]["slots"] == {"duration": 20, "reps": 3}
    assert results[3]["slots"] == {"symptom": "numbness", "area": "back"}  # the spasm is kept
    assert results[4] == {
        "text": "the ice cream truck is outside",
        "intent": "Unknown",
        "slots": {},
        "confidence": 0.0,
    }


def test_hostile_input_is_unknown_never_a_traceback() -> None:
    long_text = "my back " * 1250  # 10,000 characters
    hostile = [
        "",
        "   ",
        long_text,
        "日本語のテキスト",
        "\u00e9\u00e9\u00e9 \u2603",
        "\x00\x01",
        "🙂",
    ]
    for text in hostile[:3]:
        assert [r["intent"] for r in parse(text)] == ["Unknown"]
    results = parse(stdin="\n".join(hostile[3:]) + "\n")
    assert [r["intent"] for r in results] == ["Unknown"] * len(hostile[3:])
    assert results[0]["text"] == "日本語のテキスト"


def test_curly_quotes_and_accents_still_match() -> None:
    (result,) = parse("I can\u2019t feel my leg")
    assert (result["intent"], result["slots"]) == ("RedFlag", {"symptom": "numbness"})


def test_invalid_utf8_on_stdin_is_answered() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "voice", "parse"],
        input=b"stop\n\xff\xfe bad bytes\nyes\n",
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    intents = [json.loads(line)["intent"] for line in done.stdout.decode().splitlines()]
    assert intents == ["Stop", "Unknown", "Yes"]
