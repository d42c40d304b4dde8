"""An accelerated soak: hours of a room pushed through the live pipeline faster than real time
(not a test; prints a table per simulated hour).

The objects are live mode's own (`voice.app.live_mode.LiveRun`: the product recognizer with its
speech gate, the listener, the session loop on its thread, the coach, the timer desk and its
SQLite store, the speech queue on its thread). Two things differ, both because the run is
faster than real time: the audio comes from arrays instead of the microphone (fed to the
listener chunk by chunk, as the microphone thread does), and the clock is simulated (it moves
with the audio fed; the session's waits for timer deadlines wake when it passes them). There
is no audio output, as on a machine without speakers: the coach prints what it would say (to a
counter here), so replies take no time.

Each simulated hour: 12 commands (the coach's usual requests, a warning sign, timers), each
after half a minute or more of room tone (pink noise, -55 dBFS); 15 minutes of TV-like talk
(`--tv-minutes`; the bench corpus's out-of-domain programmes at -30 dBFS over the room
tone); the rest room tone. Reported per hour: process CPU over the hour's simulated seconds
(the share of one core it would have used live), resident memory now and at its peak, what
was heard, understood and said, and errors (unhandled exceptions in any thread, and errors logged).

    python bench/soak.py --hours 8 [--json FILE]
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, redirect_stdout
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import audio, corpus  # noqa: E402
from bench.idle_cost import room_tone  # noqa: E402
from bench.latency import machine, synthesize  # noqa: E402
from voice.clock import Now  # noqa: E402
from voice.events import Heard  # noqa: E402
from voice.hearing.mic import BLOCK, RATE  # noqa: E402

COMMANDS = [
    "my back locked up",
    "how much time is left",
    "start the ice",
    "can i use heat",
    "how much time is left",
    "stop",
    "set a timer for ten minutes",
    "what can i take for the pain",
    "my leg is numb",
    "cancel the timer",
    "help",
    "how long do i ice it",
]
TV_MINUTES = 15.0
HOUR = 3600.0


class SimulatedClock:
    """Time moves only when the feeder says so; `wait_until` blocks (the session's thread)
    until then, or until woken."""

    def __init__(self, mono: float = 1000.0, wall: float = 1_800_000_000.0) -> None:
        self._mono, self._wall = mono, wall
        self._moved = threading.Condition()

    def now(self) -> Now:
        with self._moved:
            return Now(mono=self._mono, wall=self._wall)

    def advance(self, seconds: float) -> None:
        with self._moved:
            self._mono += seconds
            self._wall += seconds
            self._moved.notify_all()

    def wait_until(self, mono_deadline: float, wake: threading.Event) -> bool:
        while not wake.is_set():
            with self._moved:
                if self._mono >= mono_deadline:
                    return False
                self._moved.wait(timeout=0.005)  # `wake` is an Event: looked at between
        return True


class SpokenCounter(io.TextIOBase):
    """The coach's printed speech (no speaker here), counted, not kept."""

    def __init__(self) -> None:
        self.sentences = 0

    def write(self, text: str) -> int:
        self.sentences += text.count("\a")
        return len(text)


class Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(self.format(record))


def memory_mb() -> tuple[float, float]:
    """(resident now, peak resident) in MB, from /proc/self/status."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


class Room:
    """The audio of one simulated hour, chunk by chunk."""

    def __init__(self, tmp: Path, tv_minutes: float = TV_MINUTES) -> None:
        self.tv_seconds = tv_minutes * 60
        self.tone = audio.to_int16(room_tone(30.0))
        self._tone_at = 0
        voice = ("espeak-ng", "en-us", 150)
        self.commands = [
            (text, synthesize(text, voice, tmp / "c.wav").astype(np.float32) * 0.5)
            for text in COMMANDS
        ]
        self.tv_files = [e for e in corpus.load_ood() if e["kind"] != "groans"]
        self._tv_next = 0

    def _room(self, n: int) -> np.ndarray:
        """`n` samples of room tone (the 30 s loop, from where it left off)."""
        index = (self._tone_at + np.arange(n)) % len(self.tone)
        self._tone_at = (self._tone_at + n) % len(self.tone)
        return self.tone[index].astype(np.float32)

    def _quiet(self, seconds: float) -> Iterator[np.ndarray]:
        """Room tone in pieces of at most 10 s (the bench's own arrays stay small)."""
        left = int(seconds * RATE)
        while left > 0:
            yield self._room(min(left, 10 * RATE))
            left -= 10 * RATE

    def _tv(self, seconds: float) -> Iterator[np.ndarray]:
        left = seconds
        while left > 0:
            entry = self.tv_files[self._tv_next % len(self.tv_files)]
            self._tv_next += 1
            speech = audio.read_wav(corpus.CORPUS / entry["file"])[: int(left * RATE)]
            speech *= np.float32(10 ** (-30 / 20) / max(audio.active_rms(speech), 1e-9) * 32768)
            left -= len(speech) / RATE
            for start in range(0, len(speech), RATE * 10):
                part = speech[start : start + RATE * 10]
                yield part + self._room(len(part))

    def hour(self) -> Iterator[np.ndarray]:
        """Arrays of audio (int16 range, float) making up one hour."""
        quiet = HOUR - self.tv_seconds - sum(len(c) / RATE for _, c in self.commands)
        gap = quiet / (len(self.commands) + 3)
        for index, (_, clip) in enumerate(self.commands):
            yield from self._quiet(gap)
            yield clip + self._room(len(clip))
            if index % 4 == 3:  # TV between every fourth command and the next
                yield from self._tv(self.tv_seconds / 3)
        yield from self._quiet(3 * gap)


def chunks(arrays: Iterator[np.ndarray]) -> Iterator[bytes]:
    for array in arrays:
        pcm = np.clip(array, -32768, 32767).astype(np.int16)
        for start in range(0, len(pcm), BLOCK):
            yield pcm[start : start + BLOCK].tobytes()


def print_row(row: dict) -> None:
    cells = [row["hour"], row["real_s"], f"{100 * row['cpu_share']:.1f}%", row["rss_mb"]]
    cells += [row["peak_rss_mb"], row["finals"], row["understood"], row["said"], row["errors"]]
    print("| " + " | ".join(str(c) for c in cells) + " |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hours", type=float, default=8.0, help="simulated hours")
    parser.add_argument("--tv-minutes", type=float, default=TV_MINUTES, help="TV talk per hour")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args()
    if not os.environ.get("BACKCOACH_MODEL"):
        shared = ROOT.parent / "shared" / "models" / "vosk-model-small-en-us"
        os.environ["BACKCOACH_MODEL"] = str(shared)
    errors = Errors()
    logging.getLogger().addHandler(errors)
    unhandled: list[str] = []
    threading.excepthook = lambda a: unhandled.append(f"{a.thread}: {a.exc_value!r}")
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        # No audio server: live mode falls back to printing what it says (see the docstring).
        os.environ["XDG_RUNTIME_DIR"] = str(tmp)
        os.environ["PULSE_RUNTIME_PATH"] = str(tmp / "no-pulse")
        os.environ.pop("PULSE_SERVER", None)
        from voice.app.live_mode import LiveRun
        from voice.app.settings import Settings

        print(f"resident before the pipeline is built: {memory_mb()[0]:.0f} MB", flush=True)
        clock = SimulatedClock()
        spoken = SpokenCounter()
        began = time.monotonic()
        with redirect_stdout(spoken):  # the fallback speaker prints to stdout
            live = LiveRun(Settings(state_dir=tmp / "state"), clock, stack)  # type: ignore[arg-type]
        print(f"live pipeline built in {time.monotonic() - began:.1f} s", flush=True)
        heard: Counter[str] = Counter()
        post = live.listener._post  # noqa: SLF001 - the bench counts what the listener passes on

        def counting(event: object) -> None:
            if isinstance(event, Heard) and event.final:
                heard["finals"] += 1
                intent = live.session._understand(event.text).intent  # noqa: SLF001
                heard["understood" if intent != "Unknown" else "not understood"] += 1
            post(event)  # type: ignore[arg-type]

        live.listener._post = counting  # noqa: SLF001
        session = threading.Thread(target=live.session.run, name="session", daemon=True)
        session.start()
        room = Room(tmp, args.tv_minutes)
        rows = []
        hours = int(np.ceil(args.hours))
        print("\n| hour | real s | CPU, share of one core | RSS MB | peak RSS MB | finals "
              "| understood | sentences said | errors |\n|---|---|---|---|---|---|---|---|---|",
              flush=True)  # fmt: skip
        for hour in range(hours):
            cpu0, wall0 = time.process_time(), time.monotonic()
            said0, heard0 = spoken.sentences, heard.copy()
            limit = HOUR * min(1.0, args.hours - hour)
            fed = 0.0
            for chunk in chunks(room.hour()):
                if fed >= limit:
                    break
                clock.advance(BLOCK / RATE)
                fed += BLOCK / RATE
                try:
                    live.listener.feed(chunk, clock.now().mono)
                except Exception as err:  # counted: the live listener thread would die here
                    unhandled.append(f"listener: {err!r}")
            while not live.session._inbox.empty():  # noqa: SLF001 - let the session catch up
                time.sleep(0.01)
            rss, peak = memory_mb()
            row = {
                "hour": hour + 1,
                "simulated_s": round(fed),
                "real_s": round(time.monotonic() - wall0, 1),
                "cpu_share": (time.process_time() - cpu0) / fed,
                "rss_mb": round(rss, 1),
                "peak_rss_mb": round(peak, 1),
                "finals": heard["finals"] - heard0["finals"],
                "understood": heard["understood"] - heard0["understood"],
                "said": spoken.sentences - said0,
                "errors": len(errors.records) + len(unhandled),
            }
            rows.append(row)
            print_row(row)
        live.stop.set()
    print(f"\nmachine: {machine()}")
    print(f"session thread alive at the end: {session.is_alive()}")
    for line in (unhandled + errors.records)[:20]:
        print("error:", line)
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "errors": unhandled + errors.records}))
    return 1 if unhandled or errors.records else 0


if __name__ == "__main__":
    sys.exit(main())
