"""Small Vosk-shaped model archives for the download and install tests (the files a model
check looks for; Vosk never loads them)."""

from __future__ import annotations

import hashlib
import io
import zipfile

MODEL_FILES = {
    "am/final.mdl": b"acoustic model" * 1000,
    "conf/mfcc.conf": b"--sample-frequency=16000\n",
    "conf/model.conf": b"--beam=10.0\n",
    "graph/HCLr.fst": b"hclr" * 5000,
    "graph/Gr.fst": b"gr" * 5000,
}


def model_zip(top: str = "vosk-model-tiny-0.1", extra: dict[str, bytes] | None = None) -> bytes:
    """A zip of MODEL_FILES under `top/`; an `extra` name starting with "!" is put as is."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in {**MODEL_FILES, **(extra or {})}.items():
            zf.writestr(f"{top}/{name}" if not name.startswith("!") else name[1:], data)
    return buffer.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
