"""Microphone clean-up before recognition: WebRTC's noise suppression and automatic gain.

The person on the floor speaks quietly, a metre or two away, often with a fan or a TV on. WebRTC's
audio processing (PyPI `webrtc-noise-gain`, the one Home Assistant's voice satellites use) takes
10 ms frames of 16 kHz int16 audio, removes steady noise and raises quiet speech to a target
level. `AudioCleanup.process(chunk)` accepts chunks of any length and returns the processed
samples of every whole 10 ms frame so far (a remainder waits for the next chunk), so the output
lags the input by less than one frame.

Behind the speech gate (voice.hearing.speech_gate), the clean-up runs only on the audio decoded
(`CleanupAroundSpeech`): in a quiet room it was more than half of what listening cost (0.7% of
a core of the live process's 2.8%). When the gate opens, the clean-up first hears the
`warmup` seconds of room before the kept audio (its output thrown away), so its noise
estimate and gain start from the room as it is now, not as it was at the last utterance.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

RATE = 16000
QUIET_ROOM = 100.0
"""RMS of the room (the quietest tenth of the last `ROOM_SECONDS`) under which it is quiet
(about -50 dBFS): the gate can hear the raw microphone. Once quiet, the room is noisy again
over `NOISY_ROOM`."""
NOISY_ROOM = 160.0
ROOM_SECONDS = 4.0
DIGITAL_SILENCE = 2.0
"""RMS under which a chunk is digital silence, not a room."""
JUDGE_EVERY = 4
"""Chunks between two judgements of the room."""
FRAME_BYTES = 320  # 10 ms of 16 kHz int16
MAX_SUPPRESSION = 4
MAX_GAIN = 31


@dataclass(frozen=True)
class CleanupSettings:
    noise_suppression: int = 2
    """WebRTC noise suppression level: 0 off, 1 low ... 4 very high."""

    auto_gain: int = 15
    """Target level for WebRTC's automatic gain control in -dBFS (0 off, up to 31)."""

    around_speech_only: bool = True
    """With a speech gate: clean only the audio the gate lets through (`CleanupAroundSpeech`);
    False cleans every chunk, and the gate then hears the cleaned signal."""

    warmup: float = 1.0
    """Seconds of the room before the kept audio that the clean-up hears (and whose output it
    throws away) when the gate opens."""

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
        self.frames = 0  # 10 ms frames processed so far

    def process(self, chunk: bytes) -> bytes:
        data = self._pending + chunk if self._pending else chunk
        whole = len(data) - len(data) % FRAME_BYTES
        self._pending = data[whole:]
        out = bytearray()
        for start in range(0, whole, FRAME_BYTES):
            out += self._processor.Process10ms(data[start : start + FRAME_BYTES]).audio
        self.frames += whole // FRAME_BYTES
        return bytes(out)

    def start_afresh(self, forget: bool = False) -> None:
        """Drop a part frame left from audio that is not continued (the gate closed); `forget`:
        also what the suppressor and the gain learnt (they will hear audio again)."""
        self._pending = b""
        if forget:
            from webrtc_noise_gain import AudioProcessor

            s = self.settings
            self._processor = AudioProcessor(int(s.auto_gain), int(s.noise_suppression))


class CleanupAroundSpeech:
    """The clean-up of one stream behind a speech gate. In a quiet room (`QUIET_ROOM`) it runs
    only on what the gate lets through, and the gate hears the raw microphone: `hear(chunk,
    closed)` for every raw chunk gives what the gate hears; `decoded(audio, opening)` what the
    decoders hear of what the gate returned. In a noisy room it cleans every chunk and the gate
    hears the cleaned signal, as without a gate: kitchen noise at 3-9 dB SNR, gated raw, lost 5
    of 200 real spoken orders that gating the cleaned signal kept (bench/real_speech.py). The
    room is judged while the gate is closed: at first from the first chunk that is not digital
    silence, then from the quietest tenth of the last few seconds. When it switches between raw
    and cleaned, the gate's pre-roll is switched too (`before_switch`), so the two never mix in
    what is decoded."""

    def __init__(self, cleanup: AudioCleanup) -> None:
        self.cleanup = cleanup
        self._history: deque[bytes] = deque()
        self._bytes = 0
        self._room_chunks = int(ROOM_SECONDS * RATE / 1024)
        self._levels: deque[float] = deque(maxlen=self._room_chunks)
        self.quiet = False  # clean every chunk until the room is known
        self._judged = False  # by the first chunk
        self.switched = False  # with the last chunk heard (see `before_switch`)
        self._before_switch = b""
        self._chunks = 0
        self._heard = 0  # bytes heard in all
        self._cleaned_to = 0  # of them, how far the clean-up has heard

    def hear(self, chunk: bytes, closed: bool) -> bytes:
        """What the gate hears of `chunk`. `closed`: the gate is closed (the room is judged only
        then, never mid-utterance)."""
        self._history.append(chunk)
        self._bytes += len(chunk)
        self._heard += len(chunk)
        keep = 2 * int((self.cleanup.settings.warmup + 2.0) * RATE)  # and the gate's preroll
        while self._history and self._bytes - len(self._history[0]) >= keep:
            self._bytes -= len(self._history.popleft())
        samples = np.frombuffer(chunk, dtype=np.int16).astype(np.float32)
        level = float(np.sqrt(np.dot(samples, samples) / max(1, len(samples))))
        if level >= DIGITAL_SILENCE:  # no room at all (a recording's padding): not judged
            self._levels.append(level)
        self._chunks += 1
        judge = closed and (self._chunks % JUDGE_EVERY == 0 or not self._judged)
        self.switched = judge and self._judge_room()
        if self.switched:
            before = b"".join(self._history)[: -len(chunk)]
            # Into a noisy room the clean-up first hears the room before the chunk.
            self._before_switch = before if self.quiet else self._warm(before)
        if self.quiet:
            return chunk
        self._cleaned_to = self._heard
        return self.cleanup.process(chunk)

    def before_switch(self, count: int) -> bytes:
        """The last `count` bytes before the chunk that switched between raw and cleaned, as
        the gate hears from now on (it keeps them for its pre-roll: raw and cleaned audio must
        not mix there)."""
        kept = self._before_switch[-count:] if count else b""
        return bytes(count - len(kept)) + kept

    def decoded(self, audio: bytes, opening: bool) -> bytes:
        """What the decoders hear of `audio` the gate returned (`opening`: it just opened, and
        `audio` is the tail of the chunks heard)."""
        if not self.quiet:
            return audio  # cleaned already
        if opening:
            heard = b"".join(self._history)
            # Speech that began as the room was found quiet: the clean-up heard the kept audio
            # already, so it starts again from the room before it, as if it had run on.
            again = self._cleaned_to > self._heard - len(audio)
            self._warm(heard[: max(0, len(heard) - len(audio))], forget=again)
        self._cleaned_to = self._heard
        return self.cleanup.process(audio)

    def _judge_room(self) -> bool:
        if not self._levels:
            return False
        if not self._judged:  # the first chunk heard (not digital silence) decides at first:
            self._judged = True  # nothing is kept yet, so nothing raw and cleaned can mix
            self.quiet = self._levels[-1] < QUIET_ROOM
            return self.quiet
        if len(self._levels) < self._room_chunks // 8:
            return False  # under half a second heard
        levels = np.fromiter(self._levels, np.float32)
        floor = float(np.partition(levels, len(levels) // 10)[len(levels) // 10])
        quiet = floor < QUIET_ROOM if not self.quiet else floor < NOISY_ROOM
        switched, self.quiet = quiet != self.quiet, quiet
        return switched

    def _warm(self, before: bytes, forget: bool = False) -> bytes:
        """The clean-up hears the last `warmup` seconds of `before` (and returns them cleaned),
        and the next audio starts a frame. `forget`: it starts from nothing, and hears all of
        `before` that is kept."""
        if not forget:
            before = before[max(0, len(before) - 2 * int(self.cleanup.settings.warmup * RATE)) :]
        self.cleanup.start_afresh(forget)
        return self.cleanup.process(before[len(before) % FRAME_BYTES :])
