"""Input devices as PortAudio sees them: listing, picking one by name or number, re-scanning,
and keeping PortAudio's and ALSA's own noise off the terminal.

PortAudio reads the device list once, when it starts: a microphone plugged in later is only
seen after `rescan()` (Pa_Terminate + Pa_Initialize), which also closes every open stream, so
it is only done while none is open (the caller knows; `voice.hearing.mic`). Behind PulseAudio
or PipeWire the ALSA devices `pulse` and `default` are always listed and a new microphone
appears behind them without a re-scan.

A failing open prints lines such as "ALSA lib pcm_pulse.c:758:(pulse_prepare) PulseAudio:
Unable to create stream" and "Expression 'r' failed in 'src/hostapi/alsa/pa_linux_alsa.c'"
straight to file descriptor 2, from C. `quiet_native_stderr()` catches them while we open a
stream and logs them at debug level; anything else written meanwhile is passed on.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from voice.errors import DeviceError
from voice.portaudio_lock import PORTAUDIO

log = logging.getLogger(__name__)

NOISE = ("ALSA lib ", "Expression '", "Cannot connect to server", "jack server", "JackShm")
"""Beginnings of the lines PortAudio, ALSA and JACK print by themselves when a device fails."""


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    channels: int


def input_devices() -> list[InputDevice]:
    """Every device with at least one input channel, in PortAudio's order. An empty list when
    PortAudio has none (or cannot list them)."""
    import sounddevice as sd

    try:
        with PORTAUDIO, quiet_native_stderr():
            found = sd.query_devices()
    except Exception as err:  # PortAudioError: nothing to list
        log.debug("cannot list audio devices: %s", err)
        return []
    return [
        InputDevice(int(d["index"]), str(d["name"]), int(d["max_input_channels"]))
        for d in found
        if int(d["max_input_channels"]) > 0
    ]


def has_output() -> bool:
    """PortAudio lists at least one device that can play."""
    import sounddevice as sd

    try:
        with PORTAUDIO, quiet_native_stderr():
            return any(int(d["max_output_channels"]) > 0 for d in sd.query_devices())
    except Exception as err:  # PortAudioError
        log.debug("cannot list audio devices: %s", err)
        return False


def describe(devices: list[InputDevice]) -> str:
    """What `backcoach --list-devices` prints."""
    if not devices:
        return "No input devices found. Plug in a microphone, or type with `backcoach --text`."
    lines = ["Input devices (use one with --device NUMBER or --device NAME):"]
    lines += [f"  {d.index:>3}  {d.name}" for d in devices]
    return "\n".join(lines)


def pick(wanted: str | int | None, devices: list[InputDevice]) -> int | None:
    """The PortAudio index of the device `--device` names: a number is an input device's
    index, a name matches the first device whose name contains it (any case; an exact name
    first). None: the system default. DeviceError (one line, listing what exists) when
    nothing matches."""
    if wanted is None:
        return None
    if isinstance(wanted, int):
        hits = [d for d in devices if d.index == wanted]
    else:
        text = wanted.strip().lower()
        hits = [d for d in devices if d.name.lower() == text]
        hits = hits or [d for d in devices if text and text in d.name.lower()]
    if hits:
        return hits[0].index
    exists = ", ".join(f"{d.index} {d.name}" for d in devices) or "none"
    raise DeviceError(f"no input device {wanted!r} (input devices: {exists})")


def rescan() -> None:
    """Make PortAudio read the device list again. Closes every open stream."""
    import sounddevice as sd

    with PORTAUDIO, quiet_native_stderr():
        sd._terminate()
        sd._initialize()


_quiet_lock = threading.Lock()


@contextmanager
def quiet_native_stderr() -> Iterator[None]:
    """File descriptor 2 goes to a temporary file for the duration; afterwards the known
    native noise in it is logged at debug level and the rest is written back to stderr."""
    with _quiet_lock, tempfile.TemporaryFile() as catch:
        try:
            sys.stderr.flush()
            saved = os.dup(2)
            os.dup2(catch.fileno(), 2)
        except (OSError, ValueError) as err:  # no fd 2 to borrow: let the noise through
            log.debug("stderr not redirected: %s", err)
            yield
            return
        try:
            yield
        finally:
            with suppress(OSError, ValueError):
                sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            catch.seek(0)
            _pass_on(catch.read().decode(errors="replace"))


def _pass_on(text: str) -> None:
    kept = []
    for line in text.splitlines():
        if line.startswith(NOISE):
            log.debug("native: %s", line)
        elif line.strip():
            kept.append(line)
    if kept:
        with suppress(OSError, ValueError):
            print("\n".join(kept), file=sys.stderr, flush=True)
