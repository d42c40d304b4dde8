"""`backcoach parse`: print what the matcher understands, one JSON object per line.

`parse "TEXT"` prints one line; no TEXT reads stdin lines (blank lines included, so output
lines pair up with input lines); `--wav FILE...` transcribes the files first (voice.recognizer).
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from intents.matcher import Matcher, load_matcher
from voice.settings import Settings


def run_parse(
    text: str | None,
    wavs: list[Path] | None,
    settings: Settings,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    out = stdout or _lenient(sys.stdout)
    matcher = load_matcher()
    if wavs:
        from voice.recognizer import transcribe_files

        # prints {"file", "text", "intent", "slots", "confidence"} per file itself
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
