"""Fit the subword-vector head and its stacking on the n-gram head (fiftieth round, em50/em51).

Used by signal_model.py (build and cv, with --encoder on): `fit_encoder` trains one logistic
output per type over the subword vectors (extractors/signals/encoder_head.encode) of the same
labelled sentences as the n-gram type head; `fit_stack` fits one map for all types,
p = sigmoid(A * l_ngram + B * z_encoder + C), on held-out scores of the sentences the detector
reads (n-gram probability at least ENCODER_FLOOR for some type), as the Platt maps are fitted.
Vectors are computed once per distinct sentence text and kept for the process.
"""

from __future__ import annotations

import numpy as np
from column_fit import fit_columns  # sibling script
from signal_data import Doc  # sibling script
from sklearn.linear_model import LogisticRegression

from extractors.signals.classify import Analysis, LinearHead
from extractors.signals.encoder_head import DIMENSIONS, EncoderHead, encode, sentence_texts

ENCODER_FLOOR = 0.2  # dev parts: encoding from 0.05 to 0.2 gives the same ranking (docs/quality.md)
C_ENCODER = 1.0  # dev parts' sentences: C 0.3-3 rank alike, 10 worse (docs/quality.md, em50)
_BATCH = 64
_VECTORS: dict[str, np.ndarray] = {}


def doc_vectors(doc: Doc) -> np.ndarray:
    """Return the encoder vectors of a document's scored sentences (rows), cached by text."""
    if not isinstance(doc.analysis, Analysis):
        raise ValueError(f"{doc.name}: sentence features without their text cannot be encoded")
    texts = sentence_texts(doc.analysis)
    missing = sorted({t for t in texts if t not in _VECTORS})
    for i in range(0, len(missing), _BATCH):
        batch = missing[i : i + _BATCH]
        _VECTORS.update(zip(batch, encode(batch), strict=True))
    if not texts:
        return np.zeros((0, DIMENSIONS))
    return np.vstack([_VECTORS[t] for t in texts])


def fit_encoder(vectors: np.ndarray, labels: np.ndarray, weights: np.ndarray) -> EncoderHead:
    """Return the per-type logistic head over vectors (-1 labels left out; stack = none yet)."""
    coef, bias = fit_columns(
        vectors, labels, weights, lambda: LogisticRegression(C=C_ENCODER, max_iter=2000, tol=1e-6)
    )
    k = labels.shape[1]
    weights16 = coef.astype(np.float16).astype(np.float32)
    return EncoderHead(weights16, bias, np.tile([1.0, 0.0, 0.0], (k, 1)), ENCODER_FLOOR)


def fit_stack(
    head: EncoderHead,
    type_head: LinearHead,
    s_scores: np.ndarray,
    e_scores: np.ndarray,
    labels: np.ndarray,
) -> EncoderHead:
    """Return the head with its stacking map, fitted on held-out scores (type_head: the calibrated
    n-gram head, whose probability picks the sentences that are encoded).

    One map for all types, p = sigmoid(A * l + B * z_encoder + C) with l the n-gram head's
    calibrated log-odds, fitted on every (encoded sentence, type) pair pooled: per-type maps
    overfit the rare types (em50, docs/quality.md). Stored per type in raw-score terms:
    a_t = A * platt_a,t, b_t = B, c_t = A * platt_b,t + C.
    """
    logit = type_head.platt[:, 0] * s_scores + type_head.platt[:, 1]
    chosen = (1.0 / (1.0 + np.exp(-logit))).max(axis=1) >= head.floor
    pairs = chosen[:, None] & (labels >= 0)
    lr = LogisticRegression(C=100.0, max_iter=1000)
    lr.fit(np.column_stack([logit[pairs], e_scores[pairs]]), labels[pairs])
    a, b = lr.coef_[0]
    c = lr.intercept_[0]
    stack = np.column_stack(
        [a * type_head.platt[:, 0], np.full(len(labels[0]), b), a * type_head.platt[:, 1] + c]
    )
    return EncoderHead(head.weights, head.bias, stack, head.floor)
