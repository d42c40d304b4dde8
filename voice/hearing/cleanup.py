"""Microphone clean-up before recognition: WebRTC's noise suppression and automatic gain.

The person on the floor speaks quietly, a metre or two away, often with a fan or a TV on. WebRTC's
audio processing (PyPI `webrtc-noise-gain`, the one Home Assistant's voice satellites use) takes
10 ms frames of 16 kHz int16 audio, removes steady noise and raises quiet speech to a target
level. `AudioCleanup.process(chunk)` accepts chunks of any length and returns the processed
samples of every whole 10 ms frame so far (a remainder waits for the next chunk), so the output
lags the input by less than one frame.
"""

from __future__ import annotations

from dataclasses import dataclass

FRAME_BYTES = 320  # 10 ms of 16 kHz int16
MAX_SUPPRESSION = 4
MAX_GAIN = 31


@dataclass(frozen=True)
class CleanupSettings:
    noise_suppression: int = 2
    """WebRTC noise suppression level: 0 off, 1 low ... 4 very high."""

    auto_gain: int = 15
    """Target level for WebRTC's automatic gain control in -dBFS (0 off, up to 31)."""

    @property
    def active(self) -> bool:
        return self.noise_suppression > 0 or self.auto_gain > 0


class AudioCleanup:
    """One audio stream's noise suppressor and gain (both adapt, so one per stream)."""

    def __init__(self, settings: CleanupSettings | None = None) -> None:
        from webrtc_noise_gain import AudioProcessor

        self.settings = settings or CleanupSettings()
        s = self.settings
        if not 0 <= s.noise_suppression <= MAX_SUPPRESSION or not 0 <= s.auto_gain <= MAX_GAIN:
            raise ValueError(
                f"noise_suppression must be 0-{MAX_SUPPRESSION} and auto_gain 0-{MAX_GAIN}, "
                f"got {s.noise_suppression} and {s.auto_gain}"
            )
        self._processor = AudioProcessor(int(s.auto_gain), int(s.noise_suppression))
        self._pending = b""

    def process(self, chunk: bytes) -> bytes:
        data = self._pending + chunk if self._pending else chunk
        whole = len(data) - len(data) % FRAME_BYTES
        self._pending = data[whole:]
        out = bytearray()
        for start in range(0, whole, FRAME_BYTES):
            out += self._processor.Process10ms(data[start : start + FRAME_BYTES]).audio
        return bytes(out)
