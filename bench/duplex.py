"""Full-duplex listening: requests said over the coach's voice while its voice loops back into
its microphone (a laptop's speakers reaching its microphone). Not a test; prints tables and
saves bench/results/duplex.md.

A private PulseAudio with `module-loopback` from the coach's speaker into the room (both at
their natural level: the coach as it plays, the user's voice as the synthesizer makes it); the
live coach (real microphone, Vosk, espeak-ng, speexdsp) runs in a child process per code
version (`--before DIR`, e.g. /work/main, and this checkout), one after the other in one run.

- trials: ask a question with a long answer (or start the stretch: its countdown), wait
  0.8-3.2 s into the speech, say a request (bench/voices.py voices). Heard: understood as the
  request's intent within 5 s. Acted: a warning sign got its escalation, stop / "it hurts" cut
  the speech, another request was answered after the sentence.
- control: the coach talks (long replies posted as if heard, back to back) and nobody speaks;
  every final passed on over its voice is a false action, every cut a false cut.

    python bench/duplex.py [--trials N] [--control-minutes M] [--before DIR]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
QUESTIONS = ["what is happening to me", "can i use heat", "my back locked up", "how should i lie"]
STRETCH = "start the stretch"
COMMANDS = [  # (text, intent, kind)
    ("my leg is numb", "RedFlag", "warning sign"),
    ("i have chest pain", "Emergency", "warning sign"),
    ("i can't feel my foot", "RedFlag", "warning sign"),
    ("i can't breathe", "Emergency", "warning sign"),
    ("how much time is left", "TimerStatus", "other"),
    ("how long do i ice it", "IceHowLong", "other"),
    ("stop", "Stop", "other"),
    ("it hurts", "ItHurts", "other"),
    ("say that again", "Repeat", "other"),
    ("what can i take for the pain", "PainRelief", "other"),
]


def start_pulse(stack: ExitStack) -> None:
    """A private PulseAudio (../shared/AUDIO-TESTING.md) with the speaker looped into the room
    (extra loopback arguments from DUPLEX_LOOPBACK; "remap": the coach's speaker is a remap
    sink of the room instead, bench/echo_path.py)."""
    sys.path.insert(0, str(HERE))
    from latency import start_pulse as start_private_pulse

    rig = os.environ.get("DUPLEX_LOOPBACK", "")
    if rig == "remap":
        from echo_path import start_remap

        start_remap(stack)
        subprocess.run(["pactl", "set-default-sink", "coach_leak"], check=True)
        return
    start_private_pulse(stack, rig.split())


def events(log: Path) -> list[dict[str, Any]]:
    """The coach's event log so far; a last line still being written is left for next time
    (read whole, it failed a run: JSONDecodeError)."""
    text = log.read_text() if log.exists() else ""
    lines = text.splitlines() if text.endswith("\n") else text.splitlines()[:-1]
    return [json.loads(line) for line in lines if line.strip()]


def energy(chunk: bytes) -> float:
    import numpy as np

    return float(np.sum(np.frombuffer(chunk, dtype=np.int16).astype(np.float64) ** 2))


def erle(removed: list[tuple[float, float]], loud: float = 32 * 512 * 300.0**2) -> list[float]:
    """dB the canceller removed per 0.5 s (16 chunks) of the coach's voice at the microphone
    (the windows with an RMS over 300), the first 4 s of its speech left out (adapting)."""
    import math

    out = []
    for i in range(125, len(removed) - 15, 16):
        mic = sum(m for m, _ in removed[i : i + 16])
        cleaned = sum(c for _, c in removed[i : i + 16])
        if mic > loud / 2:
            out.append(10 * math.log10(mic / max(cleaned, 1.0)))
    return out


def wait(check: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.02)
    return False


class Bench:
    """One live coach in this process (the code under test is first on sys.path)."""

    def __init__(self, stack: ExitStack, tmp: Path) -> None:
        from voice.app.live_mode import LiveRun
        from voice.app.settings import Settings
        from voice.clock import SystemClock

        self.tmp = tmp
        self.log = tmp / "events.jsonl"
        full = {"full_duplex": os.environ.get("DUPLEX_HALF") != "1"}  # 1: the default
        if "full_duplex" not in Settings.__dataclass_fields__:
            full = {}
        settings = Settings(state_dir=tmp / "state", events_path=str(self.log), **full)
        self.live = LiveRun(settings, SystemClock(), stack)
        self.doubted: list[str] = []  # what the listener heard over the coach and ignored
        bench = self

        class Doubts(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                said = record.getMessage()
                if any(w in said for w in ("ignored", "barge", "main recognizer", "stopper")):
                    bench.doubted.append(said)

        self.removed: list[tuple[float, float]] = []  # (mic, cleaned) energy, coach playing
        echo = getattr(self.live.listener, "_echo", None)
        if echo is not None:  # measure what the canceller removes (echo return loss, ERLE)
            clean = echo.clean

            def measured(chunk: bytes, at: float) -> bytes:
                cleaned = clean(chunk, at)
                if echo.voiced_at == at and len(cleaned) == len(chunk):
                    bench.removed.append((energy(chunk), energy(cleaned)))
                return cleaned

            echo.clean = measured
        # own_voice: confirming; stopper: a sign in what its gates dropped
        for name in ("voice.hearing.listener", "voice.hearing.own_voice", "voice.hearing.stopper"):
            logging.getLogger(name).setLevel(logging.INFO)
            logging.getLogger(name).addHandler(Doubts())
        threading.Thread(target=self.live.run, daemon=True).start()

    def idle(self) -> bool:
        live = self.live
        return not (live.queue.speaking or live.queue.pending() or live.player.speaking)

    def quiet_for(self, seconds: float, limit: float = 60.0) -> None:
        since = start = time.monotonic()
        while time.monotonic() - since < seconds and time.monotonic() - start < limit:
            if not self.idle():
                since = time.monotonic()
            time.sleep(0.05)

    def hush(self) -> None:
        """End what the coach is saying (not a warning sign's answer) and any routine."""
        from voice.events import Heard, Priority

        self.live.queue.stop(Priority.SAFETY)
        self.live.session.post(Heard(text="stop", final=True))  # ends a stretch too
        time.sleep(0.5)
        self.live.queue.stop(Priority.SAFETY)
        self.quiet_for(1.0)

    def play(self, text: str, voice: Any, name: str) -> float:
        from voices import synthesize

        wav = self.tmp / f"{name}.wav"
        synthesize(voice, text, wav, lead=0.1, tail=0.3)
        began = time.monotonic()
        subprocess.run(["paplay", "--device=room", str(wav)], check=True)
        return began


def trial(bench: Bench, number: int, voice: Any) -> dict[str, Any]:
    text, intent, kind = COMMANDS[number % len(COMMANDS)]
    countdown = number % 5 == 4
    question = STRETCH if countdown else QUESTIONS[number // len(COMMANDS) % len(QUESTIONS)]
    delay = 0.8 + (number % 4) * 0.8
    row: dict[str, Any] = {"command": text, "kind": kind, "over": question, "voice": voice.label}
    bench.quiet_for(1.0)
    seen = len(events(bench.log))
    asked_at = bench.play(question, voice, "question")
    asked = [e for e in events(bench.log)[seen:] if e["type"] == "Understood"]

    def speaking_answer() -> bool:
        nonlocal asked
        asked = [e for e in events(bench.log)[seen:] if e["type"] == "Understood"]
        return bool(asked) and bench.live.player.speaking

    if not wait(speaking_answer, 6.0) or time.monotonic() - asked_at > 12:
        row["result"] = "question not heard"
        bench.hush()
        return row
    if countdown:  # past the spoken introduction, into a countdown number
        time.sleep(6.0)
        wait(lambda: bench.live.player.speaking, 30.0)
        time.sleep(0.1)
    else:
        time.sleep(delay)
    if not bench.live.player.speaking:
        wait(lambda: bench.live.player.speaking, 3.0)
    mark = len(events(bench.log))
    said_at = bench.play(text, voice, "command")

    def understood() -> bool:
        return any(
            e["type"] == "Understood" and e["match"]["intent"] == intent
            for e in events(bench.log)[mark:]
        )

    row["heard"] = wait(understood, 5.0)
    if row["heard"] and kind == "warning sign":  # its answer is logged when it ends
        wait(lambda: any(e["type"] == "Said" and e["key"].startswith(("RedFlag", "Emergency"))
                         for e in events(bench.log)[mark:]), 15.0)  # fmt: skip
    row["doubted"] = bench.doubted[:]
    bench.doubted.clear()
    after = events(bench.log)[mark:]
    row["finals"] = [e["text"] for e in after if e["type"] == "Heard" and e["final"]]
    row["ignored"] = any(e["type"] == "Ignored" for e in after)
    row["cut"] = any(e["type"] == "Said" and e.get("cut") for e in after)
    row["escalated"] = any(
        e["type"] == "Said" and e["key"].startswith(("RedFlag", "Emergency")) for e in after
    )
    row["latency"] = next(
        (e["at"] - said_at for e in after if e["type"] == "Understood"), None
    )  # fmt: skip
    bench.hush()
    return row


def control(bench: Bench, minutes: float) -> dict[str, Any]:
    """The coach talks for `minutes`, nobody speaks: count what is taken as a request."""
    from voice.events import Heard

    questions = [*QUESTIONS, "why does it happen", "can i move", "say that again"]
    posted: set[str] = set(questions)
    seen = len(events(bench.log))
    bench.doubted.clear()
    bench.removed.clear()
    deadline = time.monotonic() + minutes * 60
    i = 0
    while time.monotonic() < deadline:
        bench.live.session.post(Heard(text=questions[i % len(questions)], final=True))
        i += 1
        time.sleep(0.5)
        bench.quiet_for(0.6, limit=90.0)
    after = events(bench.log)[seen:]
    said = [e for e in after if e["type"] == "Said"]
    finals = [
        e["text"] + (" (over speech)" if e.get("over_speech") else "")
        for e in after
        if e["type"] == "Heard" and e["final"]
    ]
    return {
        "speech_seconds": sum(e["end"] - e["start"] for e in said),
        "replies": i,
        "false_actions": [t for t in finals if t not in posted],
        "false_cuts": sum(bool(e.get("cut")) for e in said),
        "ignored": bench.doubted[:],  # what the listener heard over the coach and let pass
        "erle": erle(bench.removed),
    }


def child(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(HERE))
    code = Path(args.code).resolve()
    sys.path.insert(0, str(code))
    # The code under test is imported first: bench/latency.py (the private PulseAudio) puts
    # this checkout's root first on sys.path and imports `voice` from it, so a `--before`
    # checkout imported after it measured this one's code.
    import voice.app.live_mode

    if not Path(voice.app.live_mode.__file__).is_relative_to(code):
        raise SystemExit(f"{code}: its voice package was not the one imported")
    os.environ.setdefault(
        "BACKCOACH_MODEL", str(ROOT.parent / "shared" / "models" / "vosk-model-small-en-us")
    )
    from voices import voice_pool

    voices = voice_pool()
    out: dict[str, Any] = {"trials": [], "control": None}
    with ExitStack() as stack:
        start_pulse(stack)
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        bench = Bench(stack, tmp)
        bench.quiet_for(1.0)
        if args.control_minutes > 0:
            out["control"] = control(bench, args.control_minutes)
            print(f"control: {out['control']}", file=sys.stderr, flush=True)
        for number in range(args.trials):
            row = trial(bench, number, voices[number % len(voices)])
            print(f"{number}: {row}", file=sys.stderr, flush=True)
            out["trials"].append(row)
        from voice.events import EndSession

        bench.live.session.post(EndSession("bench done"))
        time.sleep(1.0)
    Path(args.out).write_text(json.dumps(out, indent=1))
    return 0


def summary(name: str, data: dict[str, Any]) -> list[str]:
    rows = [r for r in data["trials"] if "heard" in r]
    lines = [f"### {name}", ""]
    lines.append(f"questions not heard (trial not counted): {len(data['trials']) - len(rows)}")
    lines += ["", "| requests said over the coach's voice | heard | acted on |", "|---|---|---|"]
    for kind in ("warning sign", "other"):
        some = [r for r in rows if r["kind"] == kind]
        heard = sum(r["heard"] for r in some)
        acted = sum(acted_on(r) for r in some)
        lines.append(
            f"| {kind} | {heard}/{len(some)} ({pct(heard, len(some))}) "
            f"| {acted}/{len(some)} ({pct(acted, len(some))}) |"
        )
    for over in ("long reply", "countdown"):
        some = [r for r in rows if (r["over"] == STRETCH) == (over == "countdown")]
        heard = sum(r["heard"] for r in some)
        lines.append(f"| all, over a {over} | {heard}/{len(some)} ({pct(heard, len(some))}) | |")
    latencies = sorted(r["latency"] for r in rows if r["heard"] and r["latency"] is not None)
    if latencies:
        median = latencies[len(latencies) // 2]
        lines += ["", f"median time from the start of the request to understood: {median:.2f} s"]
    lines += [
        "",
        "| request | heard | over | voice | passed on | ignored |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        finals = " / ".join(r["finals"])
        doubted = " / ".join(d.split("ignored ", 1)[-1] for d in r.get("doubted", []))
        lines.append(
            f"| {r['command']} | {r['heard']} | {r['over']} | {r['voice']} | {finals} | {doubted} |"
        )
    c = data["control"]
    if c:
        lines += [
            "",
            f"control: {c['speech_seconds'] / 60:.1f} min of the coach's voice looped back "
            f"({c['replies']} replies), nobody speaking: {len(c['false_actions'])} false "
            f"actions {c['false_actions']}, {c['false_cuts']} cut sentences",
        ]
        if c.get("erle"):
            db = sorted(c["erle"])
            lines.append(
                f"echo removed by the canceller over the coach's voice (ERLE, per 0.5 s): median "
                f"{db[len(db) // 2]:.1f} dB, p10 {db[len(db) // 10]:.1f} dB ({len(db)} windows)"
            )
        reasons: dict[str, int] = {}
        for line in c.get("ignored", []):
            if "ignored" not in line:
                continue  # what the main recognizer heard, confirming (voice.hearing.own_voice)
            why = line.split("(", 1)[-1].split(")", 1)[0] if "(" in line else line
            reasons[why] = reasons.get(why, 0) + 1
        if reasons:
            lines.append(f"finals heard over its voice and let pass, by reason: {reasons}")
    return lines


def acted_on(row: dict[str, Any]) -> bool:
    if not row["heard"]:
        return False
    if row["kind"] == "warning sign":
        return bool(row["escalated"])
    if row["command"] in ("stop", "it hurts"):
        return bool(row["cut"])
    return not row["ignored"]


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:.0f}%" if d else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--control-minutes", type=float, default=30.0)
    parser.add_argument("--before", help="another checkout to measure first (e.g. /work/main)")
    parser.add_argument("--before-trials", type=int, help="trials for --before (default: same)")
    parser.add_argument("--before-control", type=float, help="control minutes for --before")
    parser.add_argument("--summarize", nargs="+", help="NAME=RESULT.json: tables only")
    parser.add_argument(
        "--rig",
        action="append",
        help="NAME=LOOPBACK ARGS: measure this checkout on each rig in turn, same trials "
        "(e.g. --rig today= --rig fixed=adjust_time=0; 'remap': bench/echo_path.py)",
    )
    parser.add_argument("--results", default="duplex.md", help="file in bench/results")
    parser.add_argument("--code", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.code:
        return child(args)
    sys.path.insert(0, str(HERE))
    from latency import machine

    if args.summarize:
        for pair in args.summarize:
            name, path = pair.split("=", 1)
            print("\n".join(summary(name, json.loads(Path(path).read_text()))) + "\n")
        return 0

    runs = []
    for pair in args.rig or []:
        name, rig = pair.split("=", 1)
        runs.append((f"rig {name} ({rig or 'module-loopback defaults'})", rig, args.trials,
                     args.control_minutes))  # fmt: skip
    if args.before:
        trials = args.before_trials if args.before_trials is not None else args.trials
        minutes = args.before_control if args.before_control is not None else args.control_minutes
        runs.append((f"before ({args.before})", args.before, trials, minutes))
    if not args.rig:
        runs.append((f"after ({ROOT})", str(ROOT), args.trials, args.control_minutes))
    lines = ["# Full-duplex listening (bench/duplex.py)", "", f"machine: {machine()}", ""]
    for name, code, trials, minutes in runs:
        out = Path(tempfile.mkdtemp()) / "result.json"
        env = dict(os.environ)
        if args.rig:  # `code` is the rig
            env["DUPLEX_LOOPBACK"], code = code, str(ROOT)
        cmd = [sys.executable, __file__, "--code", code, "--out", str(out)]
        cmd += ["--trials", str(trials), "--control-minutes", str(minutes)]
        began = time.monotonic()
        subprocess.run(cmd, check=True, env=env)
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        lines += [*summary(name, json.loads(out.read_text())), ""]
        lines += [f"({(time.monotonic() - began) / 60:.0f} min; load average after: {load})", ""]
        print(f"saved {out}", file=sys.stderr, flush=True)
    text = "\n".join(lines)
    print(text)
    (HERE / "results" / args.results).write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
