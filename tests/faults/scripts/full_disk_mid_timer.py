"""Run by tests/faults/test_cannot_save.py in its own process: the real coach, timer desk and
episode store in STATE_DIR, on a FakeClock the script steps. The ice is started, then the disk
is made full (MODE "tmpfs": STATE_DIR is a small tmpfs, filled with a file until ENOSPC; MODE
"fsize": RLIMIT_FSIZE at the state files' size, SIGXFSZ ignored), then ten simulated minutes
pass and the person asks "what now". Prints one JSON object: what was said, and the problems."""

from __future__ import annotations

import json
import resource
import signal
import sys
from pathlib import Path

from intents.types import Match
from voice.app.settings import Settings
from voice.app.wiring import build_coach
from voice.clock import FakeClock
from voice.events import Problem, Say, TimerEvent


def fill(state: Path, mode: str) -> None:
    if mode == "tmpfs":
        with (state / "filler").open("wb", buffering=0) as filler:
            try:
                while True:
                    filler.write(b"\0" * 4096)
            except OSError:
                pass
    else:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        largest = max(p.stat().st_size for p in state.iterdir() if p.is_file())
        resource.setrlimit(resource.RLIMIT_FSIZE, (largest, resource.RLIM_INFINITY))


def main(state: Path, mode: str) -> None:
    clock = FakeClock(mono=1000.0, wall=1_800_000_000.0)
    parts = build_coach(Settings(state_dir=state, ice_seconds=600))
    coach = parts.coach
    events = coach.start(clock.now())
    events += coach.handle(Match("my back just locked up", "SpasmStarted", {}), clock.now())
    events += coach.handle(Match("start the ice", "StartIce", {}), clock.now())
    fill(state, mode)
    for _ in range(660):
        clock.advance(1.0)
        events += coach.tick(clock.now())
    events += coach.handle(Match("what now", "NextStep", {}), clock.now())
    events += coach.handle(Match("i took two ibuprofen", "PainRelief", {}), clock.now())
    said = [e.key for e in events if isinstance(e, Say)]
    problems = [e.message for e in events if isinstance(e, Problem)]
    timers = [f"{e.kind} {e.timer}" for e in events if isinstance(e, TimerEvent)]
    print(json.dumps({"said": said, "problems": problems, "timers": timers}))
    parts.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
