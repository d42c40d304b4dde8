"""The wheel `pip install` builds: no setuptools warnings, every data file inside, and the
command works from it alone (away from this checkout)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_builds_without_warnings_and_holds_the_data(tmp_path: Path) -> None:
    source = tmp_path / "source"  # a copy: building writes build/ and *.egg-info into it
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("voice", "intents"):
        shutil.copytree(
            ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "--no-build-isolation"]
        + ["--no-index", str(source), "-w", str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    log = built.stdout + built.stderr
    for warning in ("Warning", "deprecated", "is absent from the `packages`"):
        assert warning not in log, [line for line in log.splitlines() if warning in line][:5]
    (wheel,) = (tmp_path / "dist").glob("backcoach-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    data = [p.relative_to(ROOT).as_posix() for p in (ROOT / "intents").rglob("*.yaml")]
    assert len(data) > 15 and "intents/replies/coach.yaml" in data
    assert sorted(set(data) - names) == []
    assert "intents/py.typed" in names

    unpacked = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(unpacked)
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    ran = subprocess.run(
        [sys.executable, "-c", "import intents, voice.app.cli as c; print(intents.__file__);"
         "c.main(['parse', 'my back locked up'])"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    where, line = ran.stdout.splitlines()
    assert where.startswith(str(unpacked))  # the wheel's copy, not this checkout
    assert json.loads(line)["intent"] == "SpasmStarted"
