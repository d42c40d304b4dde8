"""What a running coach is doing, for `backcoach service status`: a small JSON file in the state
folder (`status.json` beside `episode.db`) with the process, the microphone and its state, the
model, and the last thing heard with its time.

Written by live mode when the microphone changes state and when something is heard (a final
result, not partials), atomically (a temporary file renamed over the old one). Writing must
never stop the coach: a failure is logged once and the coach goes on; the next write tries
again.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from voice.app.settings import Settings
from voice.clock import Clock
from voice.events import Event, Heard
from voice.hearing.models import resolve_model_path

log = logging.getLogger(__name__)

STATUS_NAME = "status.json"


class StatusFile:
    def __init__(self, folder: Path, clock: Clock, model: str, recognizer: str) -> None:
        self.path = folder / STATUS_NAME
        self._clock = clock
        self._lock = threading.Lock()
        self._failed = False
        self._data: dict[str, Any] = {
            "pid": os.getpid(),
            "started": self._stamp(),
            "model": model,
            "recognizer": recognizer,
            "microphone": None,
            "microphone_state": "opening",
            "last_heard": None,
        }
        self._write()

    def microphone(self, state: str, device: str | None = None) -> None:
        """`state`: "listening", "missing" or "lost"; `device`: its name when known."""
        with self._lock:
            self._data["microphone_state"] = state
            if device is not None:
                self._data["microphone"] = device
        self._write()

    def observe(self, event: Event) -> None:
        """Every event the session logs; a final `Heard` is remembered as the last heard."""
        if isinstance(event, Heard) and event.final and event.text.strip():
            with self._lock:
                self._data["last_heard"] = {"text": event.text, "at": self._stamp()}
            self._write()

    def _stamp(self) -> str:
        return datetime.fromtimestamp(self._clock.now().wall).astimezone().isoformat("T", "seconds")

    def _write(self) -> None:
        try:
            with self._lock:
                self._data["updated"] = self._stamp()
                text = json.dumps(self._data, indent=1, ensure_ascii=False) + "\n"
                self.path.parent.mkdir(parents=True, exist_ok=True)
                temporary = self.path.with_name(f".{STATUS_NAME}.{os.getpid()}")
                temporary.write_text(text, encoding="utf-8")
                os.replace(temporary, self.path)
            self._failed = False
        except Exception as err:  # noqa: BLE001 - a status file never stops the coach
            if not self._failed:
                log.warning("%s: cannot write the status file (%s)", self.path, err)
            self._failed = True


def model_name(settings: Settings) -> str:
    """The model a live coach with these settings uses, for the status: the Vosk model's
    folder (Moonshine's comes inside its package)."""
    if settings.recognizer == "moonshine":
        from voice.hearing.moonshine_model import WEIGHTS

        size = settings.moonshine_model
        return f"Moonshine {size} (the {WEIGHTS[size].package.split('==')[0]} package)"
    try:
        return str(resolve_model_path(settings.model_path, Settings.env_model()).absolute())
    except Exception as err:  # noqa: BLE001 - loading the model reports it properly
        return f"none found ({err})"


def read_status(folder: Path) -> dict[str, Any] | None:
    """The last status a coach wrote in `folder`, or None (none, or unreadable)."""
    try:
        data = json.loads((folder / STATUS_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
