"""Period totals nobody owns: an amount that sums a year or a quarter with no one to commit it.

A commitment has an owner who takes the step (a company, a public body, a person). A statistic
("AI start-ups raised $X last year", "2026年Q1全球AI创投融资突破X", "科技巨头2026年AI硬件投入将达X")
totals a period over a whole market and names nobody who could own it. Such an amount is never a
row, whatever the money head said (decided after the article gate, so the models' inputs stay).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.signals.money_roles import OWNERS
from extractors.signals.records import ActorHit, Amount
from extractors.signals.rules import GOV_WORD, find_clause_bounds

# A span the amount totals: a year, a fiscal year, a half or a quarter (not a day or a month,
# which date an announcement): 2026年, 2025财年, 今年, 一季度, Q1, "in 2025", "last year", FY2025,
# "the third quarter", "the first half".
PERIOD_SPAN = re.compile(
    r"(?:19|20)\d{2}\s?(?:年度?|财年|财政年度)(?!\s?\d{1,2}\s?月)"
    r"|(?:今年|去年|明年|本年|上年)(?!\s?\d{1,2}\s?月)"
    r"|第?[一二三四1-4]季度|[上下]半年|\bQ[1-4]\b|\bH[12]\b"
    r"|\b(?:first|second|third|fourth) quarter\b|\b(?:first|second) half\b"
    r"|\b(?:in|during|for|through|throughout|by|over|since)\s+(?:(?:fiscal|FY)\s?)?(?:19|20)\d{2}\b"
    r"|\b(?:last|this|next) (?:year|quarter)\b|\b(?:fiscal|FY)\s?(?:19|20)?\d{2}\b",
    re.IGNORECASE,
)


def is_unowned_total(
    text: str, amount: Amount, lo: int, hi: int, actors: Sequence[ActorHit]
) -> bool:
    """Return whether an amount in sentence [lo, hi) is a period total nobody owns: no owner among
    `actors` (its own, its sentence's and the two sentences' before), no public-purse word in the
    sentence, and its clause names a year or a quarter it sums."""
    if any(h.kind in OWNERS for h in actors) or GOV_WORD.search(text, lo, hi):
        return False
    c_lo, c_hi = find_clause_bounds(text, amount.start, lo, hi, reach=None)
    return PERIOD_SPAN.search(text, c_lo, c_hi) is not None
