"""`backcoach --text` as a real subprocess with piped input, on a real state folder."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from intents.types import Match
from voice.app.session import EventLog
from voice.app.settings import Settings
from voice.app.terminal_input import TerminalLine
from voice.app.text_mode import (
    REDRAW_EVERY,
    CountdownCoach,
    PrintingSink,
    feed_lines,
)
from voice.app.wiring import build_coach
from voice.clock import FakeClock
from voice.events import EndSession, Heard, Problem, Say

ROOT = Path(__file__).resolve().parents[2]


def run(
    state: Path, lines: list[str] | bytes, *args: str
) -> tuple[int, list[str], list[dict[str, Any]], str]:
    """Run text mode; returns (exit code, coach lines, event-log objects, stderr)."""
    data = lines if isinstance(lines, bytes) else "".join(f"{line}\n" for line in lines).encode()
    proc = subprocess.run(
        [sys.executable, "-m", "voice", "--text", "--state-dir", str(state), *args],
        input=data,
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    out = proc.stdout.decode("utf-8").splitlines()
    replies = [line.removeprefix("coach: ") for line in out if line.startswith("coach: ")]
    events = [json.loads(line) for line in out if line.startswith("{")]
    assert len(replies) + len(events) == len(out), f"unexpected output: {out}"
    return proc.returncode, replies, events, proc.stderr.decode("utf-8")


def test_a_conversation_prints_replies_and_logs_events(tmp_path: Path) -> None:
    said = [
        "my back locked up",
        "no",
        "how do i ice it",
        "can i use heat",
        "what can i take for the pain",
        "goodbye",
        "this line comes after goodbye",
    ]
    code, replies, events, err = run(tmp_path / "state", said, "--events", "-")
    assert code == 0, err
    assert replies[0] == "I'm here. Tell me what happened, or say help."
    text = "\n".join(replies)
    for words in ("Lie down", "knees-to-chin", "slow circles", "seventy-two hours", "naproxen"):
        assert words in text
    assert replies[-1].startswith("Take care")
    understood = [e["match"]["intent"] for e in events if e["type"] == "Understood"]
    assert understood == [
        "SpasmStarted",
        "No",
        "IceHowLong",
        "HeatQuestion",
        "PainRelief",
        "Goodbye",
    ]
    assert [e["text"] for e in events if e["type"] == "Said"] == replies
    heard = [e for e in events if e["type"] == "Heard"]
    assert [h["text"] for h in heard[:2]] == said[:2] and all(h["at"] > 0 for h in heard)
    said_times = [e["start"] for e in events if e["type"] == "Said"]
    assert said_times == sorted(said_times)  # monotonic timestamps
    assert events[-1] == {"type": "EndSession", "reason": "goodbye"}


def test_memory_and_timers_carry_over_to_the_next_run(tmp_path: Path) -> None:
    state = tmp_path / "state"
    code, replies, _, err = run(state, ["my back locked up", "start the ice for five minutes"])
    assert code == 0, err
    assert any("ice" in r.lower() for r in replies[2:])
    code, replies, _, err = run(state, ["can i use heat"])  # end of input ended the first run
    assert code == 0, err
    assert replies[0].startswith("I'm here")
    assert "ice timer has" in replies[1] and "left" in replies[1]  # recovered from the database
    assert replies[2].startswith("Not yet") and "from now" in replies[2]


def test_events_to_a_file_and_odd_input(tmp_path: Path) -> None:
    log = tmp_path / "events.jsonl"
    junk = b"\xff\xfe not utf-8\n" + b"a" * 10_000 + b"\n\n   \n" + "ça fait mal 😖\n".encode()
    code, replies, events, err = run(tmp_path / "state", junk, "--events", str(log))
    assert code == 0, err
    assert events == []  # the log went to the file, not stdout
    logged = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    understood = [e["match"] for e in logged if e["type"] == "Understood"]
    assert len(understood) == 3 and all(m["intent"] == "Unknown" for m in understood)
    assert len(replies) == 4  # greeting + one answer per non-blank line
    assert logged[-1] == {"type": "EndSession", "reason": "end of input"}


def test_bad_paths_are_one_line_errors(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code, replies, _, err = run(blocker / "state", ["help"])
    assert code == 2 and replies == []
    assert err.strip().count("\n") == 0 and "a-file" in err
    code, _, _, err = run(tmp_path / "state", ["help"], "--events", str(tmp_path))
    assert code == 2 and err.startswith("backcoach: ") and "event log" in err


def test_feed_lines_posts_heard_then_end_of_input() -> None:
    posted: list[object] = []

    class Inbox:
        def post(self, event: object) -> None:
            posted.append(event)

    feed_lines(["  hello \n", "\n", "yes\n"], Inbox(), FakeClock())  # type: ignore[arg-type]
    assert [type(e) for e in posted] == [Heard, Heard, EndSession]
    assert [e.text for e in posted[:2]] == ["hello", "yes"]  # type: ignore[attr-defined]

    def broken() -> Any:
        yield "one\n"
        raise OSError("input/output error")

    posted.clear()
    feed_lines(broken(), Inbox(), FakeClock())  # type: ignore[arg-type]
    assert [type(e) for e in posted] == [Heard, Problem, EndSession]


def test_printing_sink_drops_a_late_countdown_number() -> None:
    out, log = io.StringIO(), io.StringIO()
    sink = PrintingSink(out, EventLog(log))
    clock = FakeClock(mono=100.0)
    sink.say(Say("three", key="Timers.count", not_after=99.5), clock.now())
    sink.say(Say("two", key="Timers.count", not_after=100.5), clock.now())
    assert out.getvalue() == "coach: two\n"
    assert json.loads(log.getvalue())["type"] == "Said"


def test_the_countdown_line_is_redrawn_while_a_timer_runs(tmp_path: Path) -> None:
    parts = build_coach(Settings(tmp_path))
    out = io.StringIO()
    line = TerminalLine(out, columns=80)
    coach = CountdownCoach(parts.coach, parts.desk, line)
    sink = PrintingSink(out, EventLog(None), line)
    clock = FakeClock()
    coach.start(clock.now())
    assert coach.next_deadline() is None and out.getvalue() == ""  # nothing runs: no line
    for say in coach.handle(Match("ice 2 min", "StartIce", {"duration": 120}), clock.now()):
        if isinstance(say, Say):
            sink.say(say, clock.now())
    assert out.getvalue().startswith("\r\x1b[K[ice 02:00] ")
    assert "\r\x1b[Kcoach: Okay, two minutes of ice." in out.getvalue()  # cleared, then printed
    assert out.getvalue().endswith("[ice 02:00] ")  # and drawn again below the reply
    assert coach.next_deadline() == pytest.approx(clock.mono + REDRAW_EVERY)
    clock.advance(30.2)
    coach.tick(clock.now())
    assert out.getvalue().endswith("\r\x1b[K[ice 01:30] ")
    parts.close()
