"""The article gate's decision without scoring the title, when the title cannot change it.

The gate's features depend on the title through three numbers only: the title's highest type
probability (title_max), its probability of each candidate type (title_p) and the text view's
P(AI policy) (text_p), each a probability in [0, 1]. Both gate heads are logistic regressions,
monotone in every feature, so setting those features to the ends of [0, 1] that lower or raise
each head's score bounds the probabilities the real title would give. When every bound falls on
the same side of its threshold by a margin (far above the rounding of any evaluation order of the
same products), the decision is the one the full
evidence would give, and the title's analysis and n-grams (a second pass of the classifier over
another text) are skipped. Otherwise the caller computes the full evidence.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from extractors.signals.article_gate import (
    ARTICLE_FEATURES,
    TYPE_FEATURES,
    ArticleGate,
    LogisticHead,
    article_features,
    column_stats,
    type_features,
)
from extractors.signals.classify import Analysis, FloatArray, SignalModel
from extractors.signals.rules import Candidate, has_ai_context

_MARGIN = 1e-9  # a bound this close to a threshold is left to the exact computation
_TITLE_MAX = ARTICLE_FEATURES.index("title_max")
_TITLE_P = TYPE_FEATURES.index("title_p")


def _range(
    head: LogisticHead, rows: FloatArray, free: Sequence[int]
) -> tuple[FloatArray, FloatArray]:
    """Return the lowest and highest probabilities of rows whose free columns may be anywhere in
    [0, 1] (each column set to the end that lowers, then raises, the score)."""
    n = len(rows)
    both = np.concatenate([rows, rows])  # the low corners, then the high ones: one product
    for i in free:
        up = float(head.weights[i] / head.scale[i]) > 0  # the score grows with this feature
        both[:n, i], both[n:, i] = (0.0, 1.0) if up else (1.0, 0.0)
    p = head.predict(both)
    return p[:n], p[n:]


def decide_without_title(
    gate: ArticleGate,
    title: str | None,
    analysis: Analysis,
    probs: FloatArray,
    money_probs: FloatArray,
    candidates: Sequence[Candidate],
    model: SignalModel,
) -> set[str] | None:
    """Return the types kept_types keeps whatever the title scores, or None when it could matter."""
    types = tuple(sorted({c.signal_type for c in candidates}))
    if not types:
        return set()
    zeros = np.zeros(len(model.types))
    if gate.article_threshold > 0:  # 0: the article head vetoes nothing (kept_types)
        title_ai = bool(title) and has_ai_context(title or "")
        article = article_features(analysis, probs, money_probs, zeros, title_ai, candidates, model)
        free = [_TITLE_MAX]
        if gate.text_head is not None:  # the text view's P is the article head's last feature
            article = np.append(article, 0.0)
            free.append(len(article) - 1)
        low, high = _range(gate.article_head, article[None, :], free)
        if float(high[0]) < gate.article_threshold - _MARGIN:
            return set()  # not AI policy, whatever the title says
        if float(low[0]) < gate.article_threshold + _MARGIN:
            return None
    money_by_amount = {
        id(item.amount): float(p) for item, p in zip(analysis.amounts, money_probs, strict=True)
    }
    stats = column_stats(probs, model)
    rows = []
    for signal_type in types:
        mine = [c for c in candidates if c.signal_type == signal_type]
        money = [money_by_amount.get(id(c.amount), 0.0) for c in mine if c.amount is not None]
        t = model.types.index(signal_type)
        rows.append(type_features(t, analysis, stats, zeros, money, len(mine), model))
    per_type = np.array(rows, dtype=np.float64).reshape(len(types), len(TYPE_FEATURES))
    low, high = _range(gate.type_head, per_type, [_TITLE_P])
    sure_in = low >= gate.type_threshold + _MARGIN
    sure_out = high < gate.type_threshold - _MARGIN
    if not bool((sure_in | sure_out).all()) or not bool(sure_in.any()):
        return None  # a type near its threshold, or none kept (the likeliest then depends on it)
    return {t for t, kept in zip(types, sure_in.tolist(), strict=True) if kept}
