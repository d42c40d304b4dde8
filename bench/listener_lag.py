"""How far behind real time the listener falls while the coach talks (not a test; prints one
line per checkout).

The live coach (bench/duplex.py's rig: a private PulseAudio, the coach's speaker looped back
into its microphone; half duplex, the product default) is given questions with long answers,
back to back, for `minutes`; nobody speaks. Printed: the listener thread's time in `feed()` as
a share of wall time, the process's CPU, and the microphone queue (chunks of 32 ms waiting to
be heard) sampled every 0.5 s while the coach talks: its maximum is how late a word said then
would be heard.

    python bench/listener_lag.py CHECKOUT [MINUTES]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

QUESTIONS = [
    "what is happening to me",
    "can i use heat",
    "my back locked up",
    "how should i lie",
    "why does it happen",
    "can i move",
]


def main() -> None:
    root = Path(sys.argv[1]).resolve()
    minutes = float(sys.argv[2]) if len(sys.argv) > 2 else 1.5
    os.environ["DUPLEX_HALF"] = "1"
    sys.path[:0] = [str(root / "bench"), str(root)]
    os.environ.setdefault(
        "BACKCOACH_MODEL", str(root.parent / "shared" / "models" / "vosk-model-small-en-us")
    )
    from duplex import Bench, start_pulse

    from voice.events import Heard

    with ExitStack() as stack:
        start_pulse(stack)
        bench = Bench(stack, Path(stack.enter_context(tempfile.TemporaryDirectory())))
        bench.quiet_for(1.0)
        listener = bench.live.listener
        busy0, wall0, cpu0 = listener.busy, time.monotonic(), time.process_time()
        waiting: list[int] = []
        replies = 0
        while time.monotonic() < wall0 + minutes * 60:
            bench.live.session.post(Heard(text=QUESTIONS[replies % len(QUESTIONS)], final=True))
            replies += 1
            time.sleep(0.5)
            began = time.monotonic()
            while time.monotonic() - began < 60 and not bench.idle():
                mic = bench.live.mic
                waiting.append(mic._queue.qsize() if mic is not None else 0)  # noqa: SLF001
                time.sleep(0.5)
            bench.quiet_for(0.6, limit=90.0)
        wall = time.monotonic() - wall0
        waiting.sort()
        print(
            f"{root}: listener busy {100 * (listener.busy - busy0) / wall:.0f}% of wall, process"
            f" CPU {100 * (time.process_time() - cpu0) / wall:.0f}% of a core, microphone queue"
            f" max {waiting[-1]} chunks ({waiting[-1] * 0.032:.1f} s), median"
            f" {waiting[len(waiting) // 2]}, {replies} replies, load average"
            f" {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        from voice.events import EndSession

        bench.live.session.post(EndSession("bench done"))
        time.sleep(1.0)


if __name__ == "__main__":
    main()
