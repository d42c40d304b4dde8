"""`backcoach models download|path`: the only place that downloads a model."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from voice.app.settings import Settings
from voice.hearing.model_download import download
from voice.hearing.models import (
    DEFAULT_MODEL_SHA256,
    DEFAULT_MODEL_URL,
    check_model,
    default_download_dir,
    resolve_model_path,
)


def run_models(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "path":
        path = resolve_model_path(settings.model_path, Settings.env_model())
        check_model(path)
        print(path)
        return 0
    url = args.url or DEFAULT_MODEL_URL
    if args.url and not args.sha256 and args.url != DEFAULT_MODEL_URL:
        print("backcoach: --url needs --sha256 (the archive's checksum)", file=sys.stderr)
        return 2
    sha256 = args.sha256 or DEFAULT_MODEL_SHA256
    dest = args.dest or default_download_dir()
    print(f"downloading {url}\n  into {dest}", file=sys.stderr)
    bar = ProgressBar(sys.stderr)
    try:
        path = download(url, sha256, dest, progress=bar)
    finally:
        bar.finish()
    check_model(path)
    print(path)
    return 0


class ProgressBar:
    """A one-line progress bar on a terminal stream: `[#####.....]  45%  18.0 / 40.0 MB`."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self._stream = stream
        self._width = width
        self._last = -1

    def __call__(self, done: int, total: int | None) -> None:
        mb = done / 1e6
        step = min(100, done * 100 // total) if total else int(mb * 10)
        if step == self._last:
            return
        self._last = step
        if total:
            percent = step
            filled = self._width * percent // 100
            bar = "#" * filled + "." * (self._width - filled)
            line = f"[{bar}] {percent:3d}%  {mb:.1f} / {total / 1e6:.1f} MB"
        else:
            line = f"{mb:.1f} MB"
        self._stream.write("\r" + line)
        self._stream.flush()

    def finish(self) -> None:
        self._stream.write("\n")
        self._stream.flush()
