"""Echo cancellation, so "stop" can be heard over the coach's own voice.

The speaker records what it played and when (`PlaybackTimeline`); for every microphone chunk
the matching stretch of that reference is handed, with the chunk, to speexdsp's echo canceller
(MDF adaptive filter plus residual echo suppression). libspeexdsp comes with PulseAudio on
every Linux desktop; it is loaded with ctypes, and without it the audio passes through as is.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from voice.hearing.echo_alignment import EchoAligner
from voice.wav_files import resample

log = logging.getLogger(__name__)

RATE = 16000
FRAME = 256  # 16 ms
RESYNC = 0.05
"""Seconds the sample count may drift from the arrival times before re-anchoring."""
GAP = 0.015
"""Seconds a block may leave the speaker later than the stream's count says before it counts
as a gap (an underflow) rather than jitter in the reported time."""
RESTING = 2.0
"""Seconds after the last chunk captured while the speaker played after which the microphone
passes the canceller untouched, until the speaker plays again: the echo is long gone (the
filter is 0.4 s long) and running it on every chunk was a sixth of a waiting coach's CPU
(bench/idle_cost.py)."""
SPEEX_ECHO_SET_SAMPLING_RATE = 24
SPEEX_PREPROCESS_SET_ECHO_STATE = 24


@dataclass
class _Segment:
    start: float  # monotonic time the first sample left the speaker
    samples: np.ndarray  # as played
    rate: int
    end: float  # when it stopped (cut) or will stop
    resampled: np.ndarray | None = field(default=None)
    pieces: list[tuple[float, int]] = field(default_factory=list)
    """(time, first sample at 16 kHz) of each stretch played without a gap, the first at
    `start`: an underflow delays the rest of the sound by the gap."""

    def at_16k(self) -> np.ndarray:
        if self.resampled is None:
            self.resampled = resample(self.samples, self.rate, RATE)
        return self.resampled


class PlaybackTimeline:
    """What the speaker played, on the monotonic clock. Thread-safe; keeps the last minute.

    The times come from the output stream's own sample count (`block`), anchored once: the
    time the audio system reports for each block jitters by several milliseconds (±4 ms
    measured here, per sentence), and a reference that moves by a few samples from one
    sentence to the next is a new echo path to the adaptive filter. Only a jump larger than
    `GAP` (an underflow left a gap, so everything after it plays later) moves the anchor."""

    def __init__(self, keep: float = 60.0) -> None:
        self._segments: list[_Segment] = []
        self._lock = threading.Lock()
        self._keep = keep
        self._anchor: float | None = None  # when output frame `_frames` leaves the speaker
        self._frames = 0
        self._rate = 1

    def block(self, frames: int, observed: float, rate: int) -> float:
        """An output block of `frames` (at `rate`) leaves the speaker; the audio system says at
        `observed`. Returns its time on the stream's own count (what `started` takes)."""
        with self._lock:
            if self._anchor is None or rate != self._rate:
                self._anchor, self._frames, self._rate = observed, 0, rate
            predicted = self._anchor + self._frames / rate
            if abs(observed - predicted) > GAP:
                self._moved(predicted, observed)
                self._anchor, self._frames, predicted = observed, 0, observed
            self._frames += frames
            return predicted

    def _moved(self, predicted: float, observed: float) -> None:
        """What was due to play from `predicted` on plays from `observed`."""
        if not self._segments or not predicted < self._segments[-1].end:
            return
        segment = self._segments[-1]
        time, index = segment.pieces[-1]
        segment.pieces.append((observed, index + int(round((predicted - time) * RATE))))
        segment.end += observed - predicted

    def started(self, at: float, samples: np.ndarray, rate: int) -> None:
        with self._lock:
            end = at + len(samples) / rate
            self._segments = [s for s in self._segments if s.end > at - self._keep]
            self._segments.append(_Segment(at, samples, rate, end, pieces=[(at, 0)]))

    def stopped(self, at: float) -> None:
        with self._lock:
            if self._segments and self._segments[-1].end > at:
                self._segments[-1].end = at

    def window(self, start: float, count: int) -> np.ndarray:
        """The reference signal (16 kHz int16) for `count` samples from `start`."""
        out = np.zeros(count, dtype=np.int16)
        stop = start + count / RATE
        with self._lock:  # the speaker's thread adds pieces and moves ends
            segments = [
                (s, list(s.pieces), s.end)
                for s in self._segments
                if s.start < stop and s.end > start
            ]
        for segment, pieces, end in segments:
            audio = segment.at_16k()
            bounds = [*pieces[1:], (end, len(audio))]
            for (time, index), (until, next_index) in zip(pieces, bounds, strict=True):
                if time >= stop or until <= start:
                    continue
                first = index + int(round((start - time) * RATE))  # index into the segment
                last = min(next_index, index + int(round((until - time) * RATE)), len(audio))
                lo, hi = max(first, index), min(first + count, last)
                if hi > lo:
                    out[lo - first : hi - first] = audio[lo:hi]
        return out


class EchoCanceller:
    """speexdsp MDF + residual echo suppression on 16 kHz int16 audio."""

    def __init__(self, tail: float = 0.4) -> None:
        name = ctypes.util.find_library("speexdsp") or "libspeexdsp.so.1"
        self._lib = ctypes.CDLL(name)
        self._lib.speex_echo_state_init.restype = ctypes.c_void_p
        self._lib.speex_preprocess_state_init.restype = ctypes.c_void_p
        self._echo = ctypes.c_void_p(self._lib.speex_echo_state_init(FRAME, int(tail * RATE)))
        rate = ctypes.c_int(RATE)
        self._lib.speex_echo_ctl(self._echo, SPEEX_ECHO_SET_SAMPLING_RATE, ctypes.byref(rate))
        self._pre = ctypes.c_void_p(self._lib.speex_preprocess_state_init(FRAME, RATE))
        self._lib.speex_preprocess_ctl(self._pre, SPEEX_PREPROCESS_SET_ECHO_STATE, self._echo)
        self._out = (ctypes.c_int16 * FRAME)()
        self._lock = threading.Lock()  # close() may come from another thread
        self._closed = False
        self._pending_mic = np.zeros(0, dtype=np.int16)
        self._pending_ref = np.zeros(0, dtype=np.int16)

    @staticmethod
    def available() -> bool:
        try:
            ctypes.CDLL(ctypes.util.find_library("speexdsp") or "libspeexdsp.so.1")
            return True
        except OSError:
            return False

    def process(self, mic: np.ndarray, reference: np.ndarray) -> np.ndarray:
        """Cancel `reference`'s echo from `mic` (same length). Output lags by < one frame."""
        with self._lock:
            if self._closed:
                return mic.astype(np.int16)
            return self._process(mic, reference)

    def _process(self, mic: np.ndarray, reference: np.ndarray) -> np.ndarray:
        self._pending_mic = np.concatenate([self._pending_mic, mic.astype(np.int16)])
        self._pending_ref = np.concatenate([self._pending_ref, reference.astype(np.int16)])
        frames = len(self._pending_mic) // FRAME
        out = np.empty(frames * FRAME, dtype=np.int16)
        for i in range(frames):
            m = np.ascontiguousarray(self._pending_mic[i * FRAME : (i + 1) * FRAME])
            r = np.ascontiguousarray(self._pending_ref[i * FRAME : (i + 1) * FRAME])
            self._lib.speex_echo_cancellation(
                self._echo, m.ctypes.data_as(ctypes.c_void_p), r.ctypes.data_as(ctypes.c_void_p),
                self._out,
            )  # fmt: skip
            self._lib.speex_preprocess_run(self._pre, self._out)
            out[i * FRAME : (i + 1) * FRAME] = np.ctypeslib.as_array(self._out)
        self._pending_mic = self._pending_mic[frames * FRAME :]
        self._pending_ref = self._pending_ref[frames * FRAME :]
        return out

    def passthrough(self, mic: np.ndarray) -> np.ndarray:
        """No echo to cancel: `mic` as it is, after what was held back of the last chunk (so
        the output stays continuous when the canceller runs again)."""
        with self._lock:
            out = np.concatenate([self._pending_mic, mic.astype(np.int16)])
            self._pending_mic = self._pending_ref = np.zeros(0, dtype=np.int16)
            return out

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._lib.speex_echo_state_destroy(self._echo)
            self._lib.speex_preprocess_state_destroy(self._pre)


class EchoStage:
    """Echo cancellation for microphone chunks: the speaker's timeline gives the reference
    for the moment each chunk was captured (`capture_delay()` before it arrived)."""

    def __init__(
        self,
        timeline: PlaybackTimeline,
        canceller: EchoCanceller,
        capture_delay: Callable[[], float],
    ) -> None:
        self._timeline = timeline
        self._canceller = canceller
        self._delay = capture_delay
        self._origin: float | None = None
        self._samples = 0
        self._aligner = EchoAligner()
        self.trained = 0.0
        """Seconds of reference (the coach speaking) the canceller has adapted to."""
        self.voiced_at = -1e9
        """Arrival time of the last chunk captured while the speaker played a sound."""

    def clean(self, chunk: bytes, at: float) -> bytes:
        mic = np.frombuffer(chunk, dtype=np.int16)
        # Capture times by counting samples from one anchor: per-chunk arrival times jitter
        # by milliseconds, and a reference that jitters defeats the adaptive filter.
        observed = at - self._delay()
        expected = None if self._origin is None else self._origin + self._samples / RATE
        if expected is None or abs(expected - observed) > RESYNC:
            self._origin, self._samples, expected = observed, 0, observed
        self._samples += len(mic)
        timed = self._timeline.window(expected, len(mic))
        if np.any(timed):
            self.trained += len(mic) / RATE
            self.voiced_at = at
        elif at - self.voiced_at > RESTING:
            self._aligner.rest()
            return self._canceller.passthrough(mic).tobytes()
        reference = self._aligner.aligned(mic, timed)
        return self._canceller.process(mic, reference).tobytes()
