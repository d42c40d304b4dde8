"""Fault: a truncated or damaged model file. Kaldi does not check what it reads: a truncated
graph/HCLr.fst made Vosk segfault (rc 139, only Kaldi ERROR lines) and `backcoach models path`
called that model fine (issue 20, item 6). Each is now refused in one line before Vosk is called.
The broken models are copies in a temp folder (the other files are links to the real model, which
is never modified)."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from faults.processes import backcoach, one_line_error
from voice.errors import ModelError
from voice.hearing.model_files import file_problem
from voice.hearing.models import check_model

pytestmark = pytest.mark.model

CHECKED = ("graph/HCLr.fst", "graph/Gr.fst", "am/final.mdl")


def broken_copy(model: Path, folder: Path, name: str, keep: float) -> Path:
    """A model folder of links to `model`'s files, with `name` cut to `keep` of its length."""
    for source in model.rglob("*"):
        if source.is_file():
            target = folder / source.relative_to(model)
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.relative_to(model).as_posix() == name:
                data = source.read_bytes()
                target.write_bytes(data[: int(len(data) * keep)])
            else:
                target.symlink_to(source)
    return folder


def test_the_real_model_reads_as_whole(vosk_model_path: Path) -> None:
    assert {name: file_problem(vosk_model_path / name) for name in CHECKED} == dict.fromkeys(
        CHECKED
    )
    assert check_model(vosk_model_path) == vosk_model_path


@pytest.mark.parametrize("name", CHECKED)
@pytest.mark.parametrize("keep", [0.999999, 0.9, 0.5, 0.0001])
def test_a_cut_file_is_refused_naming_it(
    vosk_model_path: Path, tmp_path: Path, name: str, keep: float
) -> None:
    broken = broken_copy(vosk_model_path, tmp_path / "m", name, keep)
    with pytest.raises(ModelError, match=f"{name} is damaged or truncated") as caught:
        check_model(broken)
    assert "\n" not in str(caught.value)


def silent_wav(path: Path) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(b"\0\0" * 16000)
    return path


def test_models_path_and_parse_refuse_a_truncated_graph_in_one_line(
    vosk_model_path: Path, tmp_path: Path
) -> None:
    broken = broken_copy(vosk_model_path, tmp_path / "m", "graph/HCLr.fst", 0.8)
    env = {"BACKCOACH_MODEL": str(broken)}
    line = one_line_error(backcoach("models", "path", env=env))
    assert "graph/HCLr.fst is damaged or truncated" in line and str(broken) in line
    wav = silent_wav(tmp_path / "quiet.wav")
    line = one_line_error(backcoach("parse", "--wav", str(wav), env=env))  # was rc -11
    assert "graph/HCLr.fst is damaged or truncated" in line
