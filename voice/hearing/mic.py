"""Microphone: a sounddevice `RawInputStream` at 16 kHz mono int16 whose callback only
enqueues. `Microphone.chunks()` yields `(chunk, at)` and survives the device: when opening
fails, the stream reports an error, or no audio arrives for `watchdog` seconds, it reports a
problem once, then reopens with backoff until audio flows again, and reports the recovery.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from voice.clock import Clock
from voice.errors import DeviceError

log = logging.getLogger(__name__)

RATE = 16000
BLOCK = 512  # 32 ms: one Silero VAD window, low latency


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


def list_devices() -> str:
    import sounddevice as sd

    try:
        return str(sd.query_devices())
    except Exception as err:  # PortAudioError and friends
        raise DeviceError(f"cannot list audio devices ({err})") from err


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
    ) -> None:
        self._clock = clock
        self.settings = settings or MicSettings()
        self._on_lost = on_lost or (lambda message: None)
        self._on_back = on_back or (lambda: None)
        self._open = opener
        self._queue: queue.SimpleQueue[tuple[bytes, float] | BaseException] = queue.SimpleQueue()
        self._closed = threading.Event()
        self._stream: Any = None
        self.lost = False
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
            yield item

    def _try_open(self, attempt: int) -> bool:
        try:
            self._stream = self._open(self.settings, self._callback)
            log.debug("opened %s", self.name)
            return True
        except Exception as err:  # PortAudioError, ValueError (no such device), OSError
            self._lose(f"{self.name} cannot be opened ({err})")
            backoff = self.settings.backoff
            wait = backoff[min(attempt, len(backoff) - 1)]
            self._clock.wait_until(self._clock.now().mono + wait, self._closed)
            return False

    def _lose(self, message: str) -> None:
        self._shut()
        if not self.lost:
            self.lost = True
            self.outages += 1
            log.warning("%s", message)
            self._on_lost(message)
