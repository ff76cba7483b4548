"""The article gate's file: written and read as a pickle-free .npz of plain arrays."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from extractors.signals.actors import DATA_DIR
from extractors.signals.article_gate import (
    ARTICLE_FEATURES,
    TEXT_FEATURE,
    TYPE_FEATURES,
    ArticleGate,
    LogisticHead,
    TextHead,
)
from extractors.signals.classify import FloatArray

GATE_PATH = DATA_DIR / "article_gate.npz"


def _head_arrays(prefix: str, head: LogisticHead) -> dict[str, FloatArray]:
    """Return a head's arrays under prefixed names."""
    return {
        f"{prefix}_mean": head.mean,
        f"{prefix}_scale": head.scale,
        f"{prefix}_weights": head.weights,
        f"{prefix}_bias": np.array([head.bias]),
    }


def save_gate(gate: ArticleGate, path: Path) -> None:
    """Write a gate as a pickle-free .npz of plain arrays."""
    names = ARTICLE_FEATURES + ((TEXT_FEATURE,) if gate.text_head is not None else ())
    arrays = {
        "article_features": np.array(names),
        "type_features": np.array(TYPE_FEATURES),
        "thresholds": np.array([gate.article_threshold, gate.type_threshold, gate.floor]),
        **_head_arrays("article", gate.article_head),
        **_head_arrays("type", gate.type_head),
    }
    if gate.text_head is not None:
        arrays["text_buckets"] = gate.text_head.buckets.astype(np.int32)
        arrays["text_weights"] = gate.text_head.weights.astype(np.float16)
        arrays["text_bias_platt"] = np.array([gate.text_head.bias, *gate.text_head.platt])
    with path.open("wb") as fh:
        np.savez_compressed(fh, **arrays)  # type: ignore[arg-type]  # numpy stubs: kwargs arrays


def _load_head(data: np.lib.npyio.NpzFile, prefix: str) -> LogisticHead:
    """Return one head from the loaded arrays."""
    return LogisticHead(
        data[f"{prefix}_mean"].astype(np.float64),
        data[f"{prefix}_scale"].astype(np.float64),
        data[f"{prefix}_weights"].astype(np.float64),
        float(data[f"{prefix}_bias"][0]),
    )


def read_gate(path: Path) -> ArticleGate:
    """Read a gate file (arrays only: allow_pickle is off); feature names must match this code."""
    with np.load(path, allow_pickle=False) as data:
        text_head = None
        if "text_buckets" in data:
            bias, a, b = (float(v) for v in data["text_bias_platt"])
            text_head = TextHead(
                data["text_buckets"].astype(np.int64),
                data["text_weights"].astype(np.float64),
                bias,
                (a, b),
            )
        article_names = ARTICLE_FEATURES + ((TEXT_FEATURE,) if text_head is not None else ())
        for key, names in (
            ("article_features", article_names),
            ("type_features", TYPE_FEATURES),
        ):
            found = tuple(str(n) for n in data[key])
            if found != names:
                raise ValueError(f"{path}: {key} {found} differ from the code's {names}")
        thresholds = data["thresholds"]
        return ArticleGate(
            _load_head(data, "article"),
            _load_head(data, "type"),
            float(thresholds[0]),
            float(thresholds[1]),
            text_head,
            float(thresholds[2]) if len(thresholds) > 2 else 0.0,
        )


@lru_cache(maxsize=1)
def load_gate() -> ArticleGate:
    """Return the packaged gate, read once per process."""
    return read_gate(GATE_PATH)
