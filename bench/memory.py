"""Where the coach's memory goes (not a test; prints tables).

1. Breakdown: in this one fresh process, resident memory (RSS), proportional (PSS) and private
   (USS) memory from /proc/self/smaps_rollup after each part of the live recognizer loads, in
   the order build_recognizer loads them, and the speech synthesizer.
2. Growth: bench corpus utterances (the commands, then the out-of-domain programmes cut in
   12 s pieces: the TV) fed chunk by chunk through the product recognizer, as the listener
   does; memory every `--every` utterances, with the transcripts (to compare before/after).

    python bench/memory.py [--utterances 300] [--every 50] [--json FILE]
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import itertools
import json
import os
import sys
import threading
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RATE = 16000


def smaps() -> dict[str, float]:
    """RSS, PSS and USS of this process in MB (smaps_rollup), and its thread count."""
    fields: dict[str, float] = {}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines()[1:]:
        name, _, rest = line.partition(":")
        if rest.strip().endswith("kB"):
            fields[name] = int(rest.split()[0]) / 1024
    uss = fields.get("Private_Clean", 0.0) + fields.get("Private_Dirty", 0.0)
    used, free = malloc_mb()
    lines = Path("/proc/self/status").read_text().splitlines()
    status = dict(line.split(":", 1) for line in lines)
    return {
        "peak": int(status["VmHWM"].split()[0]) / 1024,  # the highest RSS so far
        "malloc_used": used,
        "malloc_free": free,
        "rss": fields["Rss"],
        "pss": fields["Pss"],
        "uss": uss,
        "anon": fields.get("Anonymous", 0.0),
        "threads": float(len(os.listdir("/proc/self/task"))),
    }


class MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in [
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        ]
    ]


def malloc_mb() -> tuple[float, float]:
    """glibc's own count (mallinfo2): MB in use by the program (heap and mmapped blocks), and
    MB free but kept by the allocator. Growth in the first is memory held; in the second,
    memory freed but not given back."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.mallinfo2.restype = MallInfo2
    info = libc.mallinfo2()
    return (info.uordblks + info.hblkhd) / 2**20, info.fordblks / 2**20


class Table:
    def __init__(self) -> None:
        self.rows: list[dict] = []
        self._last = smaps()
        print("| after | RSS MB | +RSS | PSS MB | USS MB | anon MB | threads |")
        print("|---|---|---|---|---|---|---|", flush=True)

    def mark(self, what: str) -> None:
        now = smaps()
        row = {"what": what, **{k: round(v, 1) for k, v in now.items()}}
        row["delta"] = round(now["rss"] - self._last["rss"], 1)
        self._last = now
        self.rows.append(row)
        cells = [what, row["rss"], f"{row['delta']:+.1f}", row["pss"], row["uss"], row["anon"]]
        print("| " + " | ".join(str(c) for c in [*cells, int(now["threads"])]) + " |", flush=True)


def breakdown(table: Table):  # noqa: ANN201 - returns the recognizer for the growth part
    """Load build_recognizer's parts one at a time (its own order), marking each."""
    from dataclasses import replace

    table.mark("python + numpy")
    import vosk  # noqa: F401

    table.mark("import vosk")
    import onnxruntime  # noqa: F401

    table.mark("import onnxruntime")
    from intents.matcher import load_matcher
    from voice.app.sayable import sayable_examples
    from voice.app.settings import Settings
    from voice.app.wiring import sources_for
    from voice.hearing.cleanup import CleanupSettings
    from voice.hearing.matcher_wiring import recognizer_with_matcher
    from voice.hearing.models import check_model, load_model, resolve_model_path
    from voice.hearing.moonshine_model import MoonshineModel
    from voice.hearing.moonshine_recognizer import free_words
    from voice.hearing.recognizer_settings import RecognizerSettings
    from voice.hearing.vocabulary import check_vocabulary

    table.mark("imports: voice, intents")
    settings = Settings(state_dir=Path("/tmp/backcoach-memory-bench"))
    sources = sources_for(settings)
    matcher = load_matcher(sources)
    matcher.understand("my back locked up")
    table.mark("matcher (templates, intents model)")
    neural = MoonshineModel()
    table.mark("Moonshine: 2 onnxruntime sessions")
    phrases = [text for _, text in matcher.grammar.sentences()]
    path = check_model(resolve_model_path(settings.model_path, Settings.env_model()))
    model = load_model(path)
    table.mark("Vosk model")
    check_vocabulary(model, phrases)
    table.mark("vocabulary check (a one-word grammar)")
    phrases += sayable_examples(model, matcher, sources, path)
    table.mark(f"sayable examples ({len(phrases)} phrases)")
    cleanup = CleanupSettings(settings.noise_suppression, settings.auto_gain)
    recognizer = replace(RecognizerSettings(), cleanup=cleanup)
    rec = recognizer_with_matcher(model, phrases, recognizer, matcher, free_words(neural))
    table.mark("Recognizer: 2 KaldiRecognizers with our grammar")
    return rec


def speech_synthesizer(table: Table) -> None:
    try:
        from voice.speaking.synthesizer import Synthesizer

        synthesizer = Synthesizer()
        synthesizer.synthesize("I'm here.")  # type: ignore[attr-defined]
    except Exception as err:  # noqa: BLE001 - the table says it could not
        print(f"(synthesizer: {err!r})")
    table.mark("speech synthesizer (pyttsx3, espeak-ng)")


def utterances(limit: int) -> Iterator[tuple[str, np.ndarray]]:
    """(name, int16 samples): a command, then a 12 s piece of a programme, in turn; read as
    needed, so the bench's own arrays stay small."""
    from bench import audio, corpus

    commands = corpus.load_commands()
    programmes = corpus.load_ood()
    pieces = ((e, at) for e in itertools.cycle(programmes) for at in range(0, 200, 12))
    for index in range(limit):
        if index % 2 == 0:
            command = commands[index // 2 % len(commands)]
            yield command["id"], audio.to_int16(audio.read_wav(corpus.CORPUS / command["file"]))
            continue
        entry, at = next(pieces)
        with wave.open(str(corpus.CORPUS / entry["file"]), "rb") as w:
            w.setpos(min(at * RATE, w.getnframes()))
            pcm = np.frombuffer(w.readframes(12 * RATE), dtype="<i2")
        yield f"{entry['file']}@{at}", pcm


def growth(rec, limit: int, every: int, trim: bool = False) -> tuple[list[dict], dict[str, str]]:  # noqa: ANN001
    """Feed `limit` utterances (each with a second of silence after it), marking every `every`."""
    from voice.hearing.mic import BLOCK

    heard: dict[str, str] = {}
    rows = []
    silence = np.zeros(16000, dtype=np.int16)
    print(
        "\n| utterances | RSS MB | peak RSS so far | PSS MB | USS MB | anon MB | threads"
        " | malloc in use | malloc free |\n|---|---|---|---|---|---|---|---|---|"
    )
    for index, (name, samples) in enumerate(utterances(limit), 1):
        rec.restart()
        pcm = np.concatenate([silence, samples, silence]).tobytes()
        texts = []
        for start in range(0, len(pcm), 2 * BLOCK):
            texts += [h.text for h in rec.feed(pcm[start : start + 2 * BLOCK]) if h.final]
        texts += [h.text for h in rec.finish() if h.final]
        heard[f"{index}:{name}"] = " | ".join(texts)
        if trim:  # as live mode does after a final (voice.app.heap, there at most every 30 s)
            from voice.app.heap import trim as malloc_trim

            malloc_trim()
        if index % every == 0 or index == 1:
            now = smaps()
            rows.append({"utterances": index, **{k: round(v, 1) for k, v in now.items()}})
            cells = [index, *(rows[-1][k] for k in ("rss", "peak", "pss", "uss", "anon"))]
            cells += [int(now["threads"]), rows[-1]["malloc_used"], rows[-1]["malloc_free"]]
            print("| " + " | ".join(map(str, cells)) + " |", flush=True)
    return rows, heard


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--utterances", type=int, default=300)
    parser.add_argument("--every", type=int, default=50)
    parser.add_argument("--trim", action="store_true", help="malloc_trim after each utterance")
    parser.add_argument("--json", type=Path, help="also write the tables and transcripts here")
    args = parser.parse_args()
    if not os.environ.get("BACKCOACH_MODEL"):
        os.environ["BACKCOACH_MODEL"] = str(ROOT.parent / "shared/models/vosk-model-small-en-us")
    from voice.app.heap import limit_arenas

    limit_arenas()  # as live mode does, before any thread starts
    table = Table()
    rec = breakdown(table)
    speech_synthesizer(table)
    rows, heard = growth(rec, args.utterances, args.every, args.trim)
    threads = sorted(t.name for t in threading.enumerate())
    print(f"\nscikit-learn imported: {'sklearn' in sys.modules}; threads: {threads}")
    if args.json:
        args.json.write_text(json.dumps({"load": table.rows, "growth": rows, "heard": heard}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
