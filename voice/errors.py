"""The small error hierarchy. Each message is one line a user can act on."""

from intents.errors import TemplateError


class BackcoachError(Exception):
    """Base for errors the CLI reports as one line."""


class ModelError(BackcoachError):
    """The speech model is missing, corrupt or does not know a grammar word."""


class AudioFormatError(BackcoachError):
    """A WAV file the recognizer cannot take (names the file and what is wrong)."""


class DeviceError(BackcoachError):
    """An audio device is missing or failed (names the device)."""


class StateError(BackcoachError):
    """The state directory cannot be used."""


__all__ = [
    "AudioFormatError",
    "BackcoachError",
    "DeviceError",
    "ModelError",
    "StateError",
    "TemplateError",
]
