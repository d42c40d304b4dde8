"""Settings: one frozen dataclass, built once from argparse in `voice/app/cli.py`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from voice.hearing.cleanup import CleanupSettings


def default_state_dir() -> Path:
    return Path(platformdirs.user_data_dir("backcoach", appauthor=False))


def custom_sentences_folder() -> Path:
    """Where a user's own phrasings live, as Home Assistant's custom_sentences do."""
    return Path(platformdirs.user_config_dir("backcoach", appauthor=False)) / "sentences"


RECOGNIZERS = ("vosk", "moonshine", "both")
MOONSHINE_MODELS = ("tiny", "base")
"""voice.hearing.moonshine_model.SIZES, named here so the command line imports no numpy."""


@dataclass(frozen=True)
class Settings:
    state_dir: Path
    """Where the episode database (and remembered voice settings) live."""

    events_path: str | None = None
    """`--events FILE|-`: JSON-lines event log; '-' is stdout."""

    text_mode: bool = False
    """Read typed lines instead of listening."""

    model_path: Path | None = None
    """`--model`; None means resolve (BACKCOACH_MODEL, models/, user data dir)."""

    input_device: str | int | None = None
    """sounddevice input device name or index; None is the system default."""

    input_wav: Path | None = None
    """`--input FILE.wav`: feed a file through the same pipeline as the microphone."""

    noise_suppression: int = CleanupSettings.noise_suppression
    """`--noise-suppression 0-4`: WebRTC noise suppression on the microphone (0 off)."""

    auto_gain: int = CleanupSettings.auto_gain
    """`--auto-gain 0-31`: WebRTC automatic gain toward -N dBFS (0 off)."""

    full_duplex: bool = False
    """`--full-duplex`: act on any request heard over the coach's voice, not only "stop",
    "quiet", "enough" (voice/hearing/listener.py). Off by default: on this project's test
    machine its own voice still became a request now and then (bench/results/duplex.md)."""

    hold_seconds: int = 20
    """Knees-to-chin hold length (the seed asks for at least a second; 20 s is gentle)."""

    reps: int = 3
    """Holds per stretch routine."""

    rest_seconds: int = 10
    """Rest between holds."""

    ice_seconds: int = 600
    """Default ice massage length when none is said."""

    templates_dir: Path | None = None
    """`--templates DIR`: these template files replace the built-in ones (another domain)."""

    custom_sentences_dir: Path | None = None
    """A folder of the user's own phrasings (template files), added to the built-in ones;
    default: `sentences/` in the user's config folder (see `custom_sentences_folder`)."""

    recognizer: str = "vosk"
    """`--recognizer vosk|moonshine|both`: which decodes what is said (see
    voice.app.wiring.build_recognizer)."""

    moonshine_model: str = "tiny"
    """`--moonshine-model tiny|base`: the Moonshine the recognizer uses (for its free pass
    too); base needs the optional `moonshine-cpp` package (pyproject's `base` extra)."""

    debug: bool = False

    @staticmethod
    def env_model() -> Path | None:
        value = os.environ.get("BACKCOACH_MODEL")
        return Path(value) if value else None
