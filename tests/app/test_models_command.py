"""`backcoach models ...` as real processes, with no network: an offline download says why in
one line, an archive or folder the user has is installed by the download's rules, and a copy
of the project finds its model where `backcoach` and the tests both look."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from model_archives import MODEL_FILES, model_zip, sha

from voice.app.settings import Settings
from voice.hearing.models import DEFAULT_MODEL_SHA256, check_model

ROOT = Path(__file__).resolve().parents[2]


def backcoach(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "voice", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_an_offline_download_says_why_in_one_line(tmp_path: Path) -> None:
    # Before: three WARNING lines and "was interrupted at 0 bytes ... run the same command
    # again to resume" for a name that cannot be looked up. (.invalid never resolves.)
    began = time.monotonic()
    done = backcoach("models", "download", "--url", "https://backcoach.invalid/m.zip",
                     "--sha256", "0" * 64, "--dest", str(tmp_path))  # fmt: skip
    assert time.monotonic() - began < 20
    assert done.returncode == 2
    said = done.stderr.strip().splitlines()
    assert said[0].startswith("downloading https://backcoach.invalid/m.zip into ")
    assert len(said) == 2, said
    assert said[1].startswith("backcoach: cannot reach backcoach.invalid: its name could not")
    assert "(no network?)" in said[1] and "`backcoach models install FILE.zip`" in said[1]
    assert list(tmp_path.iterdir()) == []


def test_an_archive_you_already_have_is_checked_and_unpacked(tmp_path: Path) -> None:
    data = model_zip()
    archive = tmp_path / "vosk-model-tiny-0.1.zip"
    archive.write_bytes(data)
    dest = tmp_path / "models"
    refused = backcoach("models", "install", str(archive), "--dest", str(dest))
    assert refused.returncode == 2
    (line,) = refused.stderr.strip().splitlines()
    assert line == (
        f"backcoach: {archive} has SHA-256 {sha(data)}, expected {DEFAULT_MODEL_SHA256}; nothing"
        f" was installed (if you trust this archive, add --sha256 {sha(data)})"
    )
    assert not dest.exists() or list(dest.iterdir()) == []
    done = backcoach("models", "install", str(archive), "--sha256", sha(data), "--dest", str(dest))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(dest / "vosk-model-tiny-0.1")
    assert check_model(dest / "vosk-model-tiny-0.1")
    again = tmp_path / "again"
    by_url = backcoach("models", "download", "--url", archive.as_uri(),
                       "--sha256", sha(data), "--dest", str(again))  # fmt: skip
    assert by_url.returncode == 0, by_url.stderr
    assert (again / "vosk-model-tiny-0.1" / "graph" / "Gr.fst").read_bytes() == MODEL_FILES[
        "graph/Gr.fst"
    ]
    hostile = tmp_path / "hostile.zip"
    hostile.write_bytes(model_zip(extra={"!../escaped": b"x"}))
    bad = backcoach("models", "install", str(hostile), "--sha256", sha(hostile.read_bytes()),
                    "--dest", str(tmp_path / "third"))  # fmt: skip
    assert bad.returncode == 2 and "refusing entry '../escaped'" in bad.stderr
    assert not (tmp_path / "escaped").exists()


def test_a_model_folder_is_checked_then_copied(tmp_path: Path) -> None:
    archive = tmp_path / "m.zip"
    archive.write_bytes(model_zip())
    first = tmp_path / "first"
    assert backcoach("models", "install", str(archive), "--sha256", sha(archive.read_bytes()),
                     "--dest", str(first)).returncode == 0  # fmt: skip
    folder = first / "vosk-model-tiny-0.1"
    done = backcoach("models", "install", str(folder), "--dest", str(tmp_path / "second"))
    assert done.returncode == 0, done.stderr
    assert check_model(tmp_path / "second" / "vosk-model-tiny-0.1")
    (folder / "graph" / "Gr.fst").unlink()
    broken = backcoach("models", "install", str(folder), "--dest", str(tmp_path / "third"))
    assert broken.returncode == 2
    assert "incomplete or corrupt" in broken.stderr and str(folder) in broken.stderr
    assert not (tmp_path / "third" / "vosk-model-tiny-0.1").exists()
    missing = backcoach("models", "install", str(tmp_path / "nothing.zip"))
    assert missing.returncode == 2
    assert (
        missing.stderr.strip() == f"backcoach: {tmp_path / 'nothing.zip'}: no such file or folder"
    )


NEEDS_MODEL = """
def test_needs_the_model(vosk_model_path):
    assert vosk_model_path.is_dir()
"""


def test_a_fresh_checkout_finds_the_model_where_backcoach_puts_it(tmp_path: Path) -> None:
    """A copy of the project with no ../shared beside it: nothing found is one line and a
    failing (not skipped) test; after `models install` both the command and the tests find
    the model; ../shared beside the checkout is found too; BACKCOACH_MODEL wins."""
    project = tmp_path / "checkout"
    for folder in ("voice", "intents"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__py*"))
    (project / "models").mkdir()
    (project / "tests").mkdir()
    shutil.copy(ROOT / "models" / "README.md", project / "models")
    shutil.copy(ROOT / "pyproject.toml", project)
    shutil.copy(ROOT / "tests" / "conftest.py", project / "tests")
    (project / "tests" / "test_needs_model.py").write_text(NEEDS_MODEL)
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k != "BACKCOACH_MODEL"}
    env.update(XDG_DATA_HOME=str(data), PYTHONPATH=str(project), PYTHONDONTWRITEBYTECODE="1")

    def model_path() -> subprocess.CompletedProcess[str]:
        return backcoach("models", "path", cwd=project, env=env)

    def tests() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
            capture_output=True, text=True, cwd=project, env=env, timeout=120,
        )  # fmt: skip

    none = model_path()
    assert none.returncode == 2
    (line,) = none.stderr.strip().splitlines()
    looked = [project / "models", data / "backcoach" / "models", tmp_path / "shared" / "models"]
    assert line.startswith("backcoach: no speech model found (looked in ")
    assert all(str(place) in line for place in looked) and "models download" in line
    failed = tests()
    assert failed.returncode == 1 and "1 error" in failed.stdout  # the fixture failed
    assert "skipped" not in failed.stdout
    assert "this test needs the speech model: no speech model found" in failed.stdout

    archive = tmp_path / "m.zip"
    archive.write_bytes(model_zip())
    installed = backcoach("models", "install", str(archive), "--sha256",
                          sha(archive.read_bytes()), cwd=project, env=env)  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    in_user_data = data / "backcoach" / "models" / "vosk-model-tiny-0.1"
    assert installed.stdout.strip() == str(in_user_data)
    assert model_path().stdout.strip() == str(in_user_data)
    passed = tests()
    assert passed.returncode == 0 and "1 passed" in passed.stdout, passed.stdout

    shutil.rmtree(data)
    shared = tmp_path / "shared" / "models" / "vosk-model-small-en-us"
    shared.parent.mkdir(parents=True)
    installed = backcoach("models", "install", str(archive), "--sha256",
                          sha(archive.read_bytes()), "--dest", str(shared.parent))  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    (shared.parent / "vosk-model-tiny-0.1").rename(shared)
    assert model_path().stdout.strip() == str(shared)
    env["BACKCOACH_MODEL"] = str(tmp_path / "elsewhere")
    chosen = model_path()
    assert chosen.returncode == 2 and str(tmp_path / "elsewhere") in chosen.stderr


def test_list_shows_the_recognizers_models_checked(tmp_path: Path, vosk_model_path: Path) -> None:
    env = {**os.environ, "BACKCOACH_MODEL": str(vosk_model_path)}
    done = backcoach("models", "list", env=env)
    assert done.returncode == 0, done.stderr
    vosk, moonshine, base = done.stdout.splitlines()
    assert vosk.split() == ["vosk", env["BACKCOACH_MODEL"]]
    assert moonshine.startswith("moonshine ") and "tiny-en" in moonshine
    assert "moonshine-voice==0.1.0" in moonshine
    # Moonshine base is optional (backcoach[base]): listed where it is, or how to get it
    assert base.startswith("moonshine-base ")
    assert "moonshine-cpp==0.1.4" in base
    assert "base-en" in base or "not installed" in base
    done = backcoach("models", "list", env={**os.environ, "BACKCOACH_MODEL": str(tmp_path)})
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith("vosk           cannot be used: ")
    assert done.stdout.splitlines()[1].startswith("moonshine      /")  # still usable alone


def test_base_missing_counts_only_when_it_is_chosen(
    tmp_path: Path, vosk_model_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Moonshine base is optional: not installed, `models list` says how to get it and still
    succeeds, unless --moonshine-model base asked for it."""
    from voice.app.models_command import list_models
    from voice.hearing import moonshine_model

    found = moonshine_model.model_dir

    def tiny_only(size: str = "tiny") -> Path | None:
        return found(size) if size == "tiny" else None

    monkeypatch.setattr(moonshine_model, "model_dir", tiny_only)
    monkeypatch.setenv("BACKCOACH_MODEL", str(vosk_model_path))
    for chosen, status in (("tiny", 0), ("base", 1)):
        out = io.StringIO()
        settings = Settings(state_dir=tmp_path, moonshine_model=chosen)
        assert list_models(settings, out) == status
        base = out.getvalue().splitlines()[2]
        assert base.startswith("moonshine-base ") and "pip install 'moonshine-cpp==0.1.4'" in base
        assert ("cannot be used" in base) == (chosen == "base")
