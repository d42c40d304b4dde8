"""The command line becomes one Settings (the clean-up flags reach the recognizer)."""

from __future__ import annotations

import subprocess
import sys

from voice.app.cli import build_parser, settings_from


def test_cleanup_flags_default_and_override() -> None:
    default = settings_from(build_parser().parse_args([]))
    assert (default.noise_suppression, default.auto_gain) == (2, 15)
    off = settings_from(build_parser().parse_args(["--noise-suppression", "0", "--auto-gain", "0"]))
    assert (off.noise_suppression, off.auto_gain) == (0, 0)


def test_out_of_range_cleanup_flag_is_one_line_naming_the_flag() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "voice", "--auto-gain", "40", "--text"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    last = done.stderr.strip().splitlines()[-1]
    assert "--auto-gain" in last and "invalid choice: 40" in last
