"""`backcoach parse`: print what the matcher understands, one JSON object per line.

`parse "TEXT"` prints one line; no TEXT reads stdin lines (blank lines included, so output
lines pair up with input lines); `--wav FILE...` transcribes the files first
(voice.hearing.recognizer).
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from intents.matcher import Matcher, load_matcher
from voice.app.settings import Settings
from voice.app.wiring import sources_for
from voice.errors import AudioFormatError


def run_parse(
    text: str | None,
    wavs: list[Path] | None,
    settings: Settings,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    out = stdout or _lenient(sys.stdout)
    matcher = load_matcher(sources_for(settings))
    if wavs:
        return transcribe_files(wavs, settings, out)
    if text is not None:
        _print_all(matcher, [text], out)
        return 0
    source = stdin or _lenient(sys.stdin)
    _print_all(matcher, (line.rstrip("\r\n") for line in source), out)
    return 0


def _lenient(stream: TextIO) -> TextIO:
    """Bad bytes become U+FFFD (an Unknown line), never a UnicodeDecodeError."""
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="replace")
    return stream


def _print_all(matcher: Matcher, texts: Iterable[str], out: TextIO) -> None:
    write = out.write
    for text in texts:
        write(json.dumps(matcher.understand(text).to_json(), ensure_ascii=False) + "\n")
    out.flush()


def transcribe_files(paths: Iterable[Path], settings: Settings, out: TextIO | None = None) -> int:
    """`backcoach parse --wav FILE...`: one JSON line per file, `{"file", "text", "intent",
    "slots", "confidence"}`; the model is loaded once. A file that cannot be read gets a
    one-line error on stderr and the others still run; the exit code is then 2."""
    from voice.app.wiring import build_recognizer, understand_speech
    from voice.hearing.speech_recognizer import transcribe
    from voice.wav_files import read_wav

    out = out or sys.stdout
    recognizer = build_recognizer(settings)
    understand = understand_speech(recognizer, load_matcher(sources_for(settings)))
    status = 0
    for path in paths:
        try:
            samples = read_wav(path)
        except AudioFormatError as err:
            print(f"backcoach: {err}", file=sys.stderr)
            status = 2
            continue
        heard = transcribe(recognizer, samples)
        text = " ".join(h.text for h in heard)
        match = understand(text)
        asr = min((h.confidence for h in heard), default=0.0)
        line = {"file": str(path), **match.to_json()}
        line["confidence"] = round(match.confidence * asr, 3)
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        out.flush()
    return status
