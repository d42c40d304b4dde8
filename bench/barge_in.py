"""How often "stop" stops the coach mid-sentence while its own voice loops back into its
microphone (a laptop's speakers reaching its microphone). Not a test; prints a table.

A private PulseAudio with `module-loopback` from the coach's speaker into the room; the live
coach (real microphone, recognizer, speaker) runs in this process. Each trial asks a question
with a long answer, waits `--delay` seconds into the answer, plays "stop" into the room, and
checks whether the answer was cut within 2.5 s. Control trials say nothing and count answers
cut by the coach's own voice (false barge-ins).

    python bench/barge_in.py [--trials N] [--delay S]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from latency import machine, start_pulse  # noqa: E402

from voice.app.live_mode import LiveRun  # noqa: E402
from voice.app.settings import Settings  # noqa: E402
from voice.clock import SystemClock  # noqa: E402

QUESTIONS = {  # questions with long answers, and the intent that must be heard
    "my back locked up": "SpasmStarted",
    "what is happening to me": "ExplainSpasm",
    "can i use heat": "HeatQuestion",
}
VOICES = [("espeak-ng", "en-us", 150), ("flite", "slt", 0), ("espeak-ng", "en", 170)]


def speak(text: str, voice: tuple[str, str, int], path: Path) -> Path:
    engine, name, speed = voice
    raw = path.with_suffix(".src.wav")
    if engine == "espeak-ng":
        cmd = ["espeak-ng", "-v", name, "-s", str(speed), "-w", str(raw), text]
    else:
        cmd = ["flite", "-voice", name, "-t", text, "-o", str(raw)]
    subprocess.run(cmd, check=True, capture_output=True)
    subprocess.run(["sox", str(raw), "-r", "16000", str(path), "pad", "0.1", "0.2"], check=True)
    return path


def events(log: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in log.read_text().splitlines() if line.strip()]


def wait(check: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=12)
    parser.add_argument("--delay", type=float, default=1.5, help="seconds into the answer")
    args = parser.parse_args()
    os.environ.setdefault(
        "BACKCOACH_MODEL", str(HERE.parent.parent / "shared" / "models" / "vosk-model-small-en-us")
    )
    rows = []
    with ExitStack() as stack:
        start_pulse(stack)
        subprocess.run(
            [
                "pactl",
                "load-module",
                "module-loopback",
                "source=coach_speaker.monitor",
                "sink=room",
            ],
            check=True,
            capture_output=True,
        )
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        log = tmp / "events.jsonl"
        settings = Settings(state_dir=tmp / "state", events_path=str(log))
        live = LiveRun(settings, SystemClock(), stack)
        threading.Thread(target=live.run, daemon=True).start()

        def idle() -> bool:
            return not (live.queue.speaking or live.queue.pending() or live.player.speaking)

        def quiet_for(seconds: float) -> None:
            since = time.monotonic()
            while time.monotonic() - since < seconds:
                if not idle():
                    since = time.monotonic()
                time.sleep(0.05)

        for trial in range(2 * args.trials):
            control = trial % 2 == 1
            voice = VOICES[trial // 2 % len(VOICES)]
            question = list(QUESTIONS)[trial // 2 % len(QUESTIONS)]
            quiet_for(1.0)
            seen = len(events(log))
            ask = speak(question, voice, tmp / "q.wav")
            subprocess.run(["paplay", "--device=room", str(ask)], check=True)

            def understood(seen: int = seen) -> list[str]:
                return [
                    e["match"]["intent"]  # type: ignore[index]
                    for e in events(log)[seen:]
                    if e["type"] == "Understood"
                ]

            if not wait(lambda: understood() and live.player.speaking, 5.0):
                continue
            if understood()[0] != QUESTIONS[question]:
                rows.append((question, voice, control, f"misheard as {understood()[0]}"))
                continue
            time.sleep(args.delay)
            if not control:
                stop = speak("stop", voice, tmp / "stop.wav")
                subprocess.run(["paplay", "--device=room", str(stop)], check=True)

            def cut(seen: int = seen) -> bool:
                return any(e.get("cut") for e in events(log)[seen:] if e["type"] == "Said")

            result = wait(cut, 2.5)
            heard = [e["text"] for e in events(log)[seen:] if e["type"] == "Heard" and e["final"]]
            outcome = "cut" if result else "not cut"
            rows.append((question, voice, control, f"{outcome} (heard: {' / '.join(heard)})"))
            if result is False and not control:
                live.queue.stop(keep=0)  # type: ignore[arg-type]
        live.session.post(__import__("voice.events").events.EndSession("bench done"))
    asked = [r for r in rows if not r[3].startswith("misheard")]
    barge = [r for r in asked if not r[2]]
    control = [r for r in asked if r[2]]
    print(f"\nmachine: {machine()}")
    print("\n| question | voice | said stop | result |\n|---|---|---|---|")
    for question, voice, is_control, result in rows:
        print(
            f"| {question} | {voice[0]}:{voice[1]} | {'no' if is_control else 'yes'} | {result} |"
        )
    stopped = sum(r[3].startswith("cut") for r in barge)
    false = sum(r[3].startswith("cut") for r in control)
    print(f"\nmisheard questions (not counted): {len(rows) - len(asked)}")
    print(f"barge-in: {stopped}/{len(barge)} answers stopped by 'stop' with loopback")
    print(f"false barge-in: {false}/{len(control)} answers cut with nobody speaking")
    return 0


if __name__ == "__main__":
    sys.exit(main())
