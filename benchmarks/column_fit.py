"""One logistic regression per output column of a label matrix (-1 labels left out)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

__all__ = ["fit_columns"]


def fit_columns(
    x: Any,
    labels: np.ndarray,
    weights: np.ndarray,
    model: Callable[[], LogisticRegression],
) -> tuple[np.ndarray, np.ndarray]:
    """Return (coefficients: features x columns, intercepts) of one model() fitted per column.

    A column with fewer than two positives or two negatives gets no weights and an intercept of
    -8 or +8 (what it always or never is)."""
    k = labels.shape[1]
    coef = np.zeros((x.shape[1], k))
    bias = np.zeros(k)
    for j in range(k):
        mask = labels[:, j] >= 0
        y = labels[mask, j]
        if y.sum() < 2 or (1 - y).sum() < 2:
            bias[j] = -8.0 if y.sum() < 2 else 8.0
            continue
        lr = model()
        lr.fit(x[mask], y, sample_weight=weights[mask])
        coef[:, j] = lr.coef_[0]
        bias[j] = lr.intercept_[0]
    return coef, bias
