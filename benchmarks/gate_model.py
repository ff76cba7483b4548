"""Train the article-level gate (extractors/signals/data/article_gate.npz) from labelled dev articles.

Used by benchmarks/signal_model.py: `build` fits the gate on the out-of-fold sentence
probabilities of every dev article; `cv` fits one gate per held-out fold on the articles of the
other folds only, with their own inner out-of-fold sentence probabilities (nested, no leakage).
Labels: the article head learns `is_ai_policy`; the type head learns, per candidate type of an
article, whether the type is required (1), acceptable (left out) or neither (0).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from signal_data import ALWAYS, Doc
from sklearn.linear_model import LogisticRegression

from extractors.signals.article_gate import (
    ARTICLE_FEATURES,
    TYPE_FEATURES,
    ArticleGate,
    Evidence,
    LogisticHead,
)
from extractors.signals.classify import SignalModel
from extractors.signals.detect import propose
from extractors.signals.places import region_of

C_GATE = 0.3  # 1.0 and 3.0 overfit the ~75 articles in nested CV (the gate's ECE rose, recall fell)
# Decision thresholds on the gate's probabilities, chosen with `signal_model.py cv` (dev, nested).
ARTICLE_THRESHOLD = 0.3
TYPE_THRESHOLD = 0.3


def doc_evidence(doc: Doc, model: SignalModel) -> Evidence | None:
    """Return the gate's features of a dev article under a sentence model (None: no candidate)."""
    if doc.article is None or doc.label is None:
        return None
    region = region_of(doc.label.get("outlet_timezone"), doc.article.url, doc.article.language)
    proposal = propose(doc.article, model, region)
    if proposal is None or not proposal.candidates:
        return None
    return proposal.evidence(doc.article, model)


def gate_rows(
    docs: list[Doc], model_of: dict[str, SignalModel]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return article rows and labels, type rows and labels of the dev documents in model_of."""
    a_rows, a_lab, t_rows, t_lab = [], [], [], []
    for d in docs:
        if d.group == ALWAYS or d.name not in model_of or d.label is None:
            continue
        ev = doc_evidence(d, model_of[d.name])
        if ev is None:
            continue
        a_rows.append(ev.article)
        a_lab.append(int(bool(d.label["is_ai_policy"])))
        types: dict[str, Any] = d.label["types"]
        required, acceptable = set(types["required"]), set(types.get("acceptable", []))
        for signal_type, row in zip(ev.types, ev.per_type, strict=True):
            if signal_type in acceptable and signal_type not in required:
                continue
            t_rows.append(row)
            t_lab.append(int(d.label["is_ai_policy"] and signal_type in required))
    return (
        np.array(a_rows).reshape(-1, len(ARTICLE_FEATURES)),
        np.array(a_lab),
        np.array(t_rows).reshape(-1, len(TYPE_FEATURES)),
        np.array(t_lab),
    )


def fit_logistic(x: np.ndarray, y: np.ndarray) -> LogisticHead:
    """Return a logistic regression on standardised features (L2, C_GATE)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    if y.min() == y.max():
        raise ValueError("the gate needs both positive and negative examples")
    lr = LogisticRegression(C=C_GATE, max_iter=1000, tol=1e-8)
    lr.fit((x - mean) / scale, y)
    return LogisticHead(mean, scale, lr.coef_[0].astype(np.float64), float(lr.intercept_[0]))


def fit_gate(
    docs: list[Doc],
    model_of: dict[str, SignalModel],
    article_threshold: float = ARTICLE_THRESHOLD,
    type_threshold: float = TYPE_THRESHOLD,
) -> ArticleGate:
    """Return a gate fitted on the dev documents of model_of, each scored by its own model."""
    xa, ya, xt, yt = gate_rows(docs, model_of)
    return ArticleGate(
        fit_logistic(xa, ya), fit_logistic(xt, yt), article_threshold, type_threshold
    )
