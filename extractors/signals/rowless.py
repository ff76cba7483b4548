"""The likeliest sentence type of a page on which no sentence reaches any type threshold.

Seventeenth round, issue 14 (docs/quality.md, "AI-policy pages without rows"): on the dev sets most
AI-policy pages that get no row at all have one sentence whose learned type probability sits just
under the per-type threshold (0.45-0.6) and no candidate of any kind, while most look-alike
negatives without rows read lower. Such a page keeps its single likeliest (sentence, type) pair
when that probability reaches ROWLESS_FLOOR and the article gate's calibrated article head says
the page is AI policy with at least ROWLESS_ARTICLE; the statement requirement still applies. A
page with any candidate (even one a later stage refused) is left as it is: this never overrides a
refusal, it only speaks where nothing else did. A floor of 0 turns it off.
"""

from __future__ import annotations

import numpy as np

from extractors.signals.classify import FloatArray
from extractors.signals.rules import SPENDING_TYPES

__all__ = ["ROWLESS_ARTICLE", "ROWLESS_FLOOR", "likeliest_pair"]

# Both chosen by nested leave-outlets-out CV on realnews dev (docs/quality.md, seventeenth round).
ROWLESS_FLOOR = 0.45  # the likeliest amount-free pair's sentence probability
ROWLESS_ARTICLE = 0.5  # the article head's P(AI policy) of the page
# Never the likeliest pair: the spending types need a committed amount, and a model release alone
# is a company's product event, the look-alike negatives' largest class (ng16, sx16).
COMPANY_EVENTS = ("model_release",)


def likeliest_pair(
    type_probs: FloatArray, types: tuple[str, ...], floor: float | None = None
) -> tuple[int, int, float] | None:
    """Return (sentence, type, probability) of the likeliest amount-free pair at or above the
    floor (ROWLESS_FLOOR unless given)."""
    floor = ROWLESS_FLOOR if floor is None else floor
    if not len(type_probs) or floor <= 0.0:
        return None
    probs = np.array(type_probs, dtype=np.float64, copy=True)
    for signal_type in (*SPENDING_TYPES, *COMPANY_EVENTS):
        probs[:, types.index(signal_type)] = 0.0
    k, t = np.unravel_index(int(np.argmax(probs)), probs.shape)
    p = float(probs[k, t])
    return (int(k), int(t), p) if p >= floor else None
