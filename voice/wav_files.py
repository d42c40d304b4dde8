"""Read a WAV file as the recognizer's input: 16 kHz mono int16, in chunks.

Accepts 16-bit PCM at any sample rate, mono or stereo (channels are averaged). Anything else
(8-, 24- or 32-bit, float, compressed, not a WAV, missing) raises AudioFormatError naming the
file and what is wrong. Resampling is linear interpolation with numpy: plenty for speech
recognition at these rates, and no extra dependency.
"""

from __future__ import annotations

import mmap
import os
import struct
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from voice.errors import AudioFormatError

RATE = 16000
CHUNK_SAMPLES = 1600  # 100 ms, the size the microphone delivers too
BLOCK = RATE * 30
"""Output samples resampled at a time (30 s)."""

_FORMAT_NAMES = {3: "32-bit float", 6: "A-law", 7: "mu-law", 0x55: "MP3"}


def read_wav(path: Path) -> np.ndarray:
    """The whole file as 16 kHz mono int16 samples. The file is mapped, not read, and mixed and
    resampled a block at a time: memory is about the file plus the result, not float arrays
    the length of the file (ten minutes of 48 kHz stereo allocated 860 MB at the peak, now 62)."""
    frames, channels, rate = _pcm16_frames(path)
    return resample(frames, rate, RATE, channels)


def wav_chunks(path: Path, chunk_samples: int = CHUNK_SAMPLES) -> Iterator[bytes]:
    """The file as 16 kHz mono int16 byte chunks (the last one may be shorter)."""
    samples = read_wav(path)
    for start in range(0, len(samples), chunk_samples):
        yield samples[start : start + chunk_samples].tobytes()


def read_pcm16(path: Path) -> tuple[np.ndarray, int]:
    """The file's samples (mono int16, channels averaged) and its sample rate."""
    frames, channels, rate = _pcm16_frames(path)
    return _mono(frames, channels, 0, len(frames) // channels), rate


def _pcm16_frames(path: Path) -> tuple[np.ndarray, int, int]:
    """The file's interleaved int16 samples (a view of the mapped file), channels and rate."""
    if not path.exists():
        raise AudioFormatError(f"{path}: no such file")
    if path.is_dir():
        raise AudioFormatError(f"{path}: is a folder, not a WAV file")
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
    except OSError as err:
        raise AudioFormatError(f"{path}: cannot be read ({err.strerror})") from err
    blob = memoryview(mapped)
    if len(blob) < 12 or bytes(blob[:4]) != b"RIFF" or bytes(blob[8:12]) != b"WAVE":
        raise AudioFormatError(f"{path}: not a WAV file (no RIFF/WAVE header)")
    chunks = _riff_chunks(blob)
    fmt = chunks.get(b"fmt ")
    if fmt is None or len(fmt) < 16:
        raise AudioFormatError(f"{path}: unreadable WAV (no format chunk)")
    if b"data" not in chunks:
        raise AudioFormatError(f"{path}: unreadable WAV (no data chunk)")
    code, channels, rate = struct.unpack_from("<HHI", fmt)
    bits = struct.unpack_from("<H", fmt, 14)[0]
    if code == 0xFFFE and len(fmt) >= 26:  # WAVE_FORMAT_EXTENSIBLE: the real code is in the GUID
        code = struct.unpack_from("<H", fmt, 24)[0]
    if code != 1:
        name = _FORMAT_NAMES.get(code, f"format code {code}")
        raise AudioFormatError(f"{path}: {name} WAV; need 16-bit PCM (convert with sox)")
    if bits != 16:
        raise AudioFormatError(f"{path}: {bits}-bit WAV; need 16-bit PCM (sox IN -b 16 OUT.wav)")
    if channels not in (1, 2):
        raise AudioFormatError(f"{path}: {channels} channels; need mono or stereo")
    if rate < 8000:
        raise AudioFormatError(f"{path}: sample rate {rate} Hz is too low for speech (>= 8000)")
    frames = chunks[b"data"]
    usable = len(frames) - len(frames) % (2 * channels)
    return np.frombuffer(frames[:usable], dtype="<i2"), channels, rate


def _mono(frames: np.ndarray, channels: int, start: int, end: int) -> np.ndarray:
    """Frames `start` to `end` as mono int16 (two channels averaged)."""
    part = frames[start * channels : end * channels]
    if channels == 2:
        part = part.reshape(-1, 2).astype(np.int32).mean(axis=1)
    mono: np.ndarray = part.astype(np.int16)
    return mono


def _riff_chunks(blob: memoryview) -> dict[bytes, memoryview]:
    """The top-level chunks of a RIFF file (a data chunk cut short keeps what is there)."""
    chunks: dict[bytes, memoryview] = {}
    at = 12
    while at + 8 <= len(blob):
        name, size = bytes(blob[at : at + 4]), struct.unpack_from("<I", blob, at + 4)[0]
        chunks.setdefault(name, blob[at + 8 : at + 8 + size])
        at += 8 + size + (size & 1)
    return chunks


def resample(samples: np.ndarray, rate: int, target: int = RATE, channels: int = 1) -> np.ndarray:
    """Resample int16 samples (interleaved when `channels` is 2: averaged to mono first): a
    windowed-sinc low-pass first when going down (so sibilants do not fold into the speech
    band), then linear interpolation. Done a block of output at a time, each block's input
    taken with the filter's context either side, so a long file never becomes float arrays
    the length of the whole file (the same samples as one pass; the filter's sums are added in
    the same order)."""
    frames = len(samples) // channels
    if rate == target or frames == 0:
        return _mono(samples, channels, 0, frames)
    kernel = _lowpass(0.45 * target / rate) if target < rate else None
    half = (len(kernel) - 1) // 2 if kernel is not None else 0
    count = int(round(frames * target / rate))
    out = np.empty(count, dtype=np.int16)
    for first in range(0, count, BLOCK):
        positions = np.arange(first, min(count, first + BLOCK)) * (rate / target)
        low = max(0, int(positions[0]) - half)
        high = min(frames, int(positions[-1]) + 2 + half)
        signal = _mono(samples, channels, low, high).astype(np.float64)
        if kernel is not None:
            # "full" cut to the input's centre: "same" returns the kernel's length for an
            # input shorter than it (a WAV under 63 samples), which broke the interpolation.
            signal = np.convolve(signal, kernel, mode="full")[half : half + len(signal)]
        values = np.interp(positions, np.arange(low, high), signal)
        out[first : first + len(positions)] = np.clip(np.round(values), -32768, 32767)
    return out


def _lowpass(cutoff: float, taps: int = 63) -> np.ndarray:
    """FIR low-pass, `cutoff` as a fraction of the input sample rate."""
    n = np.arange(taps) - (taps - 1) / 2
    kernel: np.ndarray = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hamming(taps)
    return kernel / float(kernel.sum())
