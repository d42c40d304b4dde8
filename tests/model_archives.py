"""Small Vosk-shaped model archives for the download and install tests (the files a model
check looks for; Vosk never loads them)."""

from __future__ import annotations

import hashlib
import io
import zipfile

from model_fakes import FILES

MODEL_FILES = {name: data for name, data in FILES.items() if name != "graph/HCLG.fst"}
"""The smallest files that pass the model check (tests/model_fakes.py), as a lookahead model."""


def model_zip(top: str = "vosk-model-tiny-0.1", extra: dict[str, bytes] | None = None) -> bytes:
    """A zip of MODEL_FILES under `top/`; an `extra` name starting with "!" is put as is."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in {**MODEL_FILES, **(extra or {})}.items():
            zf.writestr(f"{top}/{name}" if not name.startswith("!") else name[1:], data)
    return buffer.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
