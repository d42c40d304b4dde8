"""Read a WAV file as the recognizer's input: 16 kHz mono int16, in chunks.

Accepts 16-bit PCM at any sample rate, mono or stereo (channels are averaged). Anything else
(8-, 24- or 32-bit, float, compressed, not a WAV, missing) raises AudioFormatError naming the
file and what is wrong. Resampling is linear interpolation with numpy: plenty for speech
recognition at these rates, and no extra dependency.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from voice.errors import AudioFormatError

RATE = 16000
CHUNK_SAMPLES = 1600  # 100 ms, the size the microphone delivers too

_FORMAT_NAMES = {3: "32-bit float", 6: "A-law", 7: "mu-law", 0x55: "MP3"}


def read_wav(path: Path) -> np.ndarray:
    """The whole file as 16 kHz mono int16 samples."""
    samples, rate = read_pcm16(path)
    return resample(samples, rate, RATE)


def wav_chunks(path: Path, chunk_samples: int = CHUNK_SAMPLES) -> Iterator[bytes]:
    """The file as 16 kHz mono int16 byte chunks (the last one may be shorter)."""
    samples = read_wav(path)
    for start in range(0, len(samples), chunk_samples):
        yield samples[start : start + chunk_samples].tobytes()


def read_pcm16(path: Path) -> tuple[np.ndarray, int]:
    """The file's samples (mono int16, channels averaged) and its sample rate."""
    if not path.exists():
        raise AudioFormatError(f"{path}: no such file")
    if path.is_dir():
        raise AudioFormatError(f"{path}: is a folder, not a WAV file")
    try:
        blob = path.read_bytes()
    except OSError as err:
        raise AudioFormatError(f"{path}: cannot be read ({err.strerror})") from err
    if len(blob) < 12 or blob[:4] != b"RIFF" or blob[8:12] != b"WAVE":
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
    data = np.frombuffer(frames[:usable], dtype="<i2")
    if channels == 2:
        data = data.reshape(-1, 2).astype(np.int32).mean(axis=1)
    return data.astype(np.int16), rate


def _riff_chunks(blob: bytes) -> dict[bytes, bytes]:
    """The top-level chunks of a RIFF file (a data chunk cut short keeps what is there)."""
    chunks: dict[bytes, bytes] = {}
    at = 12
    while at + 8 <= len(blob):
        name, size = blob[at : at + 4], struct.unpack_from("<I", blob, at + 4)[0]
        chunks.setdefault(name, blob[at + 8 : at + 8 + size])
        at += 8 + size + (size & 1)
    return chunks


def resample(samples: np.ndarray, rate: int, target: int = RATE) -> np.ndarray:
    """Resample int16 mono samples: a windowed-sinc low-pass first when going down (so
    sibilants do not fold into the speech band), then linear interpolation."""
    if rate == target or len(samples) == 0:
        return samples.astype(np.int16)
    signal = samples.astype(np.float64)
    if target < rate:
        kernel = _lowpass(0.45 * target / rate)
        # "full" cut to the input's centre: "same" returns the kernel's length for an input
        # shorter than it (a WAV under 63 samples), which broke the interpolation below.
        start = (len(kernel) - 1) // 2
        signal = np.convolve(signal, kernel, mode="full")[start : start + len(samples)]
    count = int(round(len(samples) * target / rate))
    positions = np.arange(count) * (rate / target)
    out = np.interp(positions, np.arange(len(samples)), signal)
    result: np.ndarray = np.clip(np.round(out), -32768, 32767).astype(np.int16)
    return result


def _lowpass(cutoff: float, taps: int = 63) -> np.ndarray:
    """FIR low-pass, `cutoff` as a fraction of the input sample rate."""
    n = np.arange(taps) - (taps - 1) / 2
    kernel: np.ndarray = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hamming(taps)
    return kernel / float(kernel.sum())
