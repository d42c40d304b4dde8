"""Microphone: a sounddevice `RawInputStream` at 16 kHz mono int16 whose callback only
enqueues. `Microphone.chunks()` yields `(chunk, at)` and survives the device: when opening
fails, the stream reports an error, or no audio arrives for `watchdog` seconds, it reports a
problem once, then reopens with backoff until audio flows again, and reports the recovery.

A microphone that was never there is not a lost one: until the first audio arrives, a failure
is reported once as missing (`on_missing`), and the device list is looked at every `poll`
seconds, quietly (no PortAudio or ALSA lines on the terminal), until one appears
(`on_found`). `--device NAME|NUMBER` is looked up in the list at every opening
(voice.hearing.devices), so a device that comes back under another number is found.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from voice.clock import Clock
from voice.errors import DeviceError
from voice.hearing.devices import InputDevice, input_devices, pick, quiet_native_stderr
from voice.portaudio_lock import PORTAUDIO

log = logging.getLogger(__name__)

RATE = 16000
BLOCK = 1024
"""Samples per microphone block (64 ms: two Silero windows). 512 (32 ms) had a waiting coach
at 3.6% of a core; 1024 2.2% (bench/idle_cost.py --live-roots, calm machine): every block costs
a PortAudio callback, a queue hand-off and a pass through the listener in Python."""


@dataclass(frozen=True)
class MicSettings:
    device: str | int | None = None
    block: int = BLOCK
    watchdog: float = 2.0
    """Seconds without any audio before the stream counts as silently lost."""
    first_audio: float = 5.0
    """The same for a stream just opened (PulseAudio can take 1-2 s to deliver the first)."""
    backoff: tuple[float, ...] = (0.25, 0.5, 1.0, 2.0, 4.0)
    """Waits between reopen attempts; the last one repeats."""
    poll: float = 2.0
    """Seconds between looks for a microphone while there has never been one."""


def open_input(settings: MicSettings, callback: Callable[..., None]) -> Any:
    """A started RawInputStream (raises on failure)."""
    import sounddevice as sd

    stream = sd.RawInputStream(
        samplerate=RATE,
        channels=1,
        dtype="int16",
        blocksize=settings.block,
        device=settings.device,
        callback=callback,
    )
    stream.start()
    return stream


class Microphone:
    """Yields audio until `close()`. `on_lost(message)` and `on_back()` are called once per
    outage, from the thread that iterates `chunks()`."""

    def __init__(
        self,
        clock: Clock,
        settings: MicSettings | None = None,
        on_lost: Callable[[str], None] | None = None,
        on_back: Callable[[], None] | None = None,
        opener: Callable[[MicSettings, Callable[..., None]], Any] = open_input,
        on_missing: Callable[[str], None] | None = None,
        on_found: Callable[[str], None] | None = None,
        lister: Callable[[], list[InputDevice]] = input_devices,
        rescan: Callable[[], None] | None = None,
    ) -> None:
        """`on_missing(message)` once when there is no microphone from the start;
        `on_found(device name)` when the first audio arrives. `lister` lists the input devices;
        `rescan`, when given, makes it read the list again while it finds none (only safe
        while no other stream is open: voice.hearing.devices.rescan)."""
        self._clock = clock
        self.settings = settings or MicSettings()
        self._on_lost = on_lost or (lambda message: None)
        self._on_back = on_back or (lambda: None)
        self._on_missing = on_missing or (lambda message: None)
        self._on_found = on_found or (lambda name: None)
        self._list = lister
        self._rescan = rescan
        self._open = opener
        self._queue: queue.SimpleQueue[tuple[bytes, float] | BaseException] = queue.SimpleQueue()
        self._closed = threading.Event()
        self._stream: Any = None
        self.lost = False
        self.missing = False
        self.heard = False
        """Audio has arrived at least once (after that a failure is a loss)."""
        self.device_name: str | None = None
        """The open device's name, as PortAudio lists it."""
        self.outages = 0
        self.capture_delay = 0.0
        """Seconds from capturing a chunk's first sample to its arrival (PortAudio's view)."""

    @property
    def name(self) -> str:
        device = self.settings.device
        return "the default microphone" if device is None else f"microphone {device!r}"

    def _callback(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        if status:
            log.debug("input status: %s", status)
        delay = time_info.currentTime - time_info.inputBufferAdcTime
        if 0.0 <= delay < 1.0:
            self.capture_delay = delay
        self._queue.put((bytes(indata), self._clock.now().mono))

    def close(self) -> None:
        self._closed.set()
        self._queue.put(EOFError())
        self._shut()

    def _shut(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                with PORTAUDIO:
                    stream.abort()
                    stream.close()
            except Exception as err:  # a dead device may fail to close too
                log.debug("closing the input stream failed: %s", err)

    def chunks(self) -> Iterator[tuple[bytes, float]]:
        attempt = 0
        fresh = False
        while not self._closed.is_set():
            if self._stream is None:
                if not self._try_open(attempt):
                    attempt += 1
                    continue
                fresh = True
            attempt = 0
            timeout = self.settings.first_audio if fresh else self.settings.watchdog
            try:
                item = self._queue.get(timeout=timeout)
                fresh = False
            except queue.Empty:
                self._lose(f"{self.name} stopped sending audio")
                continue
            if isinstance(item, BaseException):
                if self._closed.is_set():
                    return
                continue
            if self.lost:
                self.lost = False
                log.warning("%s is back", self.name)
                self._on_back()
            elif not self.heard:
                self.heard, self.missing = True, False
                log.info("listening on %s (%s)", self.name, self.device_name)
                self._on_found(self.device_name or self.name)
            yield item

    def _try_open(self, attempt: int) -> bool:
        try:
            devices = self._list()
            if not devices and self._rescan is not None:
                self._rescan()
                devices = self._list()
            if not devices:
                raise DeviceError("no input device")
            index = pick(self.settings.device, devices)
            with PORTAUDIO, quiet_native_stderr():
                self._stream = self._open(replace(self.settings, device=index), self._callback)
            self.device_name = _name_of(self._stream, devices)
            log.debug("opened %s (%s)", self.name, self.device_name)
            return True
        except Exception as err:  # PortAudioError, DeviceError (no such device), OSError
            self._lose(f"{self.name} cannot be opened ({err})")
            backoff = self.settings.backoff
            wait = backoff[min(attempt, len(backoff) - 1)] if self.heard else self.settings.poll
            self._clock.wait_until(self._clock.now().mono + wait, self._closed)
            return False

    def _lose(self, message: str) -> None:
        self._shut()
        if not self.heard:  # never had one: missing, said once, not a loss
            if not self.missing:
                self.missing = True
                log.info("%s", message)
                self._on_missing(message)
            return
        if not self.lost:
            self.lost = True
            self.outages += 1
            log.warning("%s", message)
            self._on_lost(message)


def _name_of(stream: Any, devices: list[InputDevice]) -> str | None:
    index = getattr(stream, "device", None)
    names = [d.name for d in devices if d.index == index]
    return names[0] if names else None
