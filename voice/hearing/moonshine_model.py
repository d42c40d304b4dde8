"""Moonshine tiny or base (Useful Sensors, MIT), run with PyPI onnxruntime.

The weights come from pinned PyPI packages that ship them as `.ort` files: tiny's from
`moonshine-voice==0.1.0` (later versions download the model at run time, which we never do),
base's from `moonshine-cpp==0.1.4` (optional: `pip install 'backcoach[base]'`). Only the files
are used: neither package is ever imported (their native libraries are not needed, and
`moonshine-cpp`'s dies on CPUs without AVX-512). The two differ in size (tiny: 6 decoder
layers of 8 heads of 36; base: 8 of 8 of 52), read from the decoder's inputs.

An encoder turns a whole utterance (16 kHz float samples) into hidden states once; the decoder
then runs one token at a time for a batch of hypotheses, with its key/value caches carried
from step to step (`DecoderState`). Tokens are SentencePiece pieces ("\u2581" marks a space);
`Vocabulary` reads them from the package's `tokenizer.bin`.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from voice.errors import ModelError
from voice.hearing.moonshine_fold import folded_session

START, END = 1, 2  # <s>, </s>
FILES = ("encoder_model.ort", "decoder_model_merged.ort", "tokenizer.bin")


@dataclass(frozen=True)
class Weights:
    """Where one Moonshine model's files come from."""

    package: str  # the pinned PyPI requirement that ships them
    module: str  # its top-level module (located, never imported)
    inside: str  # the folder of the files inside it


WEIGHTS = {
    "tiny": Weights("moonshine-voice==0.1.0", "moonshine_voice", "assets/tiny-en"),
    "base": Weights("moonshine-cpp==0.1.4", "moonshine_cpp", "models/base-en"),
}
SIZES = tuple(WEIGHTS)
PACKAGE = WEIGHTS["tiny"].package


def model_dir(size: str = "tiny") -> Path | None:
    """Where the pinned package keeps Moonshine `size`, found without importing it."""
    weights = WEIGHTS[size]
    spec = importlib.util.find_spec(weights.module)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / weights.inside
    return folder if folder.is_dir() else None


def tiny_model_dir() -> Path | None:
    return model_dir("tiny")


def check_model_dir(folder: Path | None, size: str = "tiny") -> Path:
    """The model folder, or a one-line error saying what is missing and how to get it."""
    if folder is None:
        package = WEIGHTS[size].package
        raise ModelError(f"Moonshine {size} not installed: pip install '{package}'")
    missing = [name for name in FILES if not (folder / name).is_file()]
    if missing:
        raise ModelError(f"Moonshine model in {folder} is missing {', '.join(missing)}")
    return folder


def read_vocabulary(path: Path) -> list[str]:
    """tokenizer.bin: for each token, its byte length (one byte, or two when the first has its
    high bit set: low 7 bits, then the next byte shifted by 7) and its UTF-8 bytes."""
    data = path.read_bytes()
    pieces: list[str] = []
    at = 0
    while at < len(data):
        size = data[at]
        at += 1
        if size >= 128:
            if at >= len(data):
                raise ModelError(f"{path}: cut short after {len(pieces)} tokens")
            size = (size & 127) | (data[at] << 7)
            at += 1
        if at + size > len(data):
            raise ModelError(f"{path}: cut short after {len(pieces)} tokens")
        pieces.append(data[at : at + size].decode("utf-8", errors="replace"))
        at += size
    return pieces


@dataclass
class DecoderState:
    """Key/value caches for a batch of hypotheses: per layer, the decoder's own (growing) and
    the encoder's (fixed after the first step)."""

    past: dict[str, np.ndarray]
    hidden: np.ndarray  # encoder hidden states, one row per hypothesis
    samples: int  # audio length: the decoder's encoder mask is over samples, not frames
    steps: int = 0

    def select(self, rows: np.ndarray) -> DecoderState:
        """Keep (and repeat) these hypotheses, in this order."""
        past = {name: value[rows] for name, value in self.past.items()}
        return DecoderState(past, self.hidden[rows], self.samples, self.steps)


class MoonshineModel:
    """The two onnxruntime sessions and the vocabulary. Thread-safe for one caller at a time."""

    def __init__(self, folder: Path | None = None, threads: int = 1, size: str = "tiny") -> None:
        import onnxruntime as ort

        self.size = size
        self.folder = check_model_dir(folder if folder is not None else model_dir(size), size)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # Audio lengths vary: no per-shape memory plans kept, and no arena holding the largest
        # utterance's tensors for ever; freed, they go back with voice.app.heap's trim.
        options.enable_mem_pattern = False
        options.enable_cpu_mem_arena = False
        cpu = ["CPUExecutionProvider"]
        try:
            self._encoder = ort.InferenceSession(
                str(self.folder / "encoder_model.ort"), options, providers=cpu
            )
            decoder = self.folder / "decoder_model_merged.ort"
            if size == "tiny":
                self._decoder = ort.InferenceSession(str(decoder), options, providers=cpu)
            else:  # int8 weights turned into floats at every token, unless folded
                self._decoder = folded_session(decoder, options, cpu)
        except Exception as error:  # onnxruntime raises its own types for bad files
            raise ModelError(
                f"Moonshine model in {self.folder} cannot be loaded: {error}"
            ) from None
        self._outputs = [o.name for o in self._decoder.get_outputs()]
        # Tiny's export takes attention masks, base's does not; the cache inputs are
        # [batch, heads, length, head size], one key and one value per layer and side.
        self._encoder_masked = "attention_mask" in {i.name for i in self._encoder.get_inputs()}
        inputs = self._decoder.get_inputs()
        self._decoder_masked = "encoder_attention_mask" in {i.name for i in inputs}
        caches = [i for i in inputs if i.name.startswith("past_key_values.")]
        self._past_names = [i.name for i in caches]
        self.heads, self.head_size = int(caches[0].shape[1]), int(caches[0].shape[3])
        self.layers = len(caches) // 4
        self.vocabulary = read_vocabulary(self.folder / "tokenizer.bin")

    def encode(self, samples: np.ndarray) -> np.ndarray:
        """Hidden states for one utterance (int16 or float samples at 16 kHz), shape [1, T, H]
        (H: 288 for tiny, 416 for base)."""
        audio = samples.astype(np.float32)
        if samples.dtype == np.int16:
            audio /= 32768.0
        audio = audio[None, :]
        feed = {"input_values": audio}
        if self._encoder_masked:
            feed["attention_mask"] = np.ones_like(audio, dtype=np.int64)
        hidden: np.ndarray = self._encoder.run(None, feed)[0]
        return hidden

    def start(self, hidden: np.ndarray, samples: int, batch: int = 1) -> DecoderState:
        """Before the first token, for `batch` hypotheses over one utterance of `samples`."""
        empty = np.zeros((batch, self.heads, 0, self.head_size), dtype=np.float32)
        past = dict.fromkeys(self._past_names, empty)
        return DecoderState(past, np.repeat(hidden, batch, axis=0), samples)

    def step(self, state: DecoderState, tokens: np.ndarray) -> tuple[np.ndarray, DecoderState]:
        """Feed one token per hypothesis; return log-probabilities of the next [batch, vocab]
        and the state after it."""
        batch = len(tokens)
        feed = {
            "input_ids": tokens.reshape(batch, 1).astype(np.int64),
            "encoder_hidden_states": state.hidden,
            "use_cache_branch": np.array([state.steps > 0]),
            **state.past,
        }
        if self._decoder_masked:
            feed["encoder_attention_mask"] = self._encoder_mask(state, batch)
        results = self._decoder.run(None, feed)
        past = dict(state.past)
        for name, value in zip(self._outputs[1:], results[1:], strict=True):
            key = name.replace("present", "past_key_values")
            if state.steps == 0 or ".decoder." in key:
                past[key] = value
        logits = results[0][:, -1, :].astype(np.float64)
        peak = logits.max(axis=1, keepdims=True)
        logprobs = logits - peak - np.log(np.exp(logits - peak).sum(axis=1, keepdims=True))
        return logprobs, DecoderState(past, state.hidden, state.samples, steps=state.steps + 1)

    @staticmethod
    def _encoder_mask(state: DecoderState, batch: int) -> np.ndarray:
        """All ones (one utterance, no padding), over the audio samples as the exported decoder
        reads it: a mask over encoder frames fails past ~9 s of audio ("broadcast an axis by a
        dimension other than 1. 2 by 387")."""
        return np.ones((batch, state.samples), dtype=np.int64)

    def text(self, tokens: list[int]) -> str:
        """Base's logits run past its vocabulary (32768 against 32000): those are no text."""
        pieces = (self.vocabulary[t] for t in tokens if t < len(self.vocabulary))
        return "".join(pieces).replace("\u2581", " ").strip()


def max_tokens(samples: int) -> int:
    """Upper bound on tokens for an utterance this long (Moonshine's own rule: ~6.5 per second)."""
    return int(samples / 16000 * 6.5) + 6


def free_decode(model: MoonshineModel, hidden: np.ndarray, samples: int) -> tuple[str, float]:
    """The model's own best words (greedy), and their total log-probability including the end."""
    state = model.start(hidden, samples)
    token, tokens, score = START, [], 0.0
    for _ in range(max_tokens(samples)):
        logprobs, state = model.step(state, np.array([token]))
        token = int(np.argmax(logprobs[0]))
        score += float(logprobs[0, token])
        if token == END:
            break
        tokens.append(token)
    return model.text(tokens), score
