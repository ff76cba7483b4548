"""The role of an amount in its sentence: a change, a share, a valuation or a financing deal."""

from __future__ import annotations

import re

from extractors.signals.records import Amount

# Money raised, lent or paid for a stake or a company, next to an amount: the amount is a deal the
# actor commits to (a round, a loan, an acquisition), whatever the sentence's cue words.
FINANCING = re.compile(
    r"融资|募资|募集|增资|注资|入股|收购|并购|贷款|发债|认购|"
    r"\braise[sd]?\b|\braising\b|\bfinancing\b|\bacquir(?:e[sd]?|ing)\b|\bacquisition\b|"
    r"\bstake\b|\bloans?\b|\bdebt\b|\bseries [a-h]\b|\bseed round\b",
    re.IGNORECASE,
)
_FINANCING_LEFT, _FINANCING_RIGHT = 32, 24
# A percentage right before a bracketed amount: the amount restates a share of some total.
SHARE = re.compile(r"\d\s*[%％]\s*[（(]\s*$")
DELTA = re.compile(r"比.{0,14}(?:增加|提高|增长|减少|下降)了?(?:近|约)?$")
# An amount that is a valuation: "valued at X", "valuing it at X", "a valuation of X", 估值为 X
# (before it) or "X post-money valuation", "X valuation", X估值 (after it). Never a commitment.
VALUATION_BEFORE = re.compile(
    r"(?:\bvalued at|\bvaluing\b[^.;,]{0,40}\bat|\bvaluation of|估值)"
    r"\s*(?:为|在|达到|达|约为|约|近|超过|逾|升至|增至|高达|突破|just |about |around |roughly |nearly |over |more than )?"
    r"(?:a |an )?$",
    re.IGNORECASE,
)
DEAL_WORD = re.compile(
    r"deal|contract|agreement|acquisition|transaction|order|package|investment|project|"
    r"交易|合同|协议|订单|项目|投资",
    re.IGNORECASE,
)
VALUATION_AFTER = re.compile(
    r"\s*(?:的)?(?:(?:post|pre)-money\b|(?:post|pre) money\b|valuation\b|估值)", re.IGNORECASE
)
# English: "raised its budget by $5 billion", "capex rose by $10 billion": the change, not the level.
DELTA_EN = re.compile(
    r"\b(?:increas|rais|boost|lift|cut|reduc|grow|grew|rise|rising|rose|jump|climb|fell|fall|drop|"
    r"up|down)\w*\b[^.;]{0,24}\bby\s*$",
    re.IGNORECASE,
)


def is_signal_amount(text: str, amount: Amount, lo: int, prior: list[Amount]) -> bool:
    """Return whether an amount can carry a signal: not a conversion, delta or component."""
    if amount.conversion_of is not None:
        return False
    if DELTA.search(text[max(lo, amount.start - 16) : amount.start]):
        return False
    if DELTA_EN.search(text[max(lo, amount.start - 48) : amount.start]):
        return False
    if is_valuation(text, amount, lo):
        return False
    if SHARE.search(text[max(lo, amount.start - 10) : amount.start]):
        return False  # "42% ($80.7 billion) of all funding": a share of a total restated
    between = text[lo : amount.start]
    return not ("其中" in between and any(p.start < between.rfind("其中") + lo for p in prior))


def is_valuation(text: str, amount: Amount, lo: int = 0) -> bool:
    """Return whether an amount is a company's valuation (named right before or right after it)."""
    if VALUATION_AFTER.match(text, amount.end):
        return True
    before = text[max(lo, amount.start - 60) : amount.start]
    found = VALUATION_BEFORE.search(before)
    # "a deal valued at X" is the size of a deal, not a company's worth.
    return found is not None and not DEAL_WORD.search(
        before, max(0, found.start() - 24), found.start()
    )


def is_financing(text: str, amount: Amount) -> bool:
    """Return whether a financing word (a round, a loan, a stake, an acquisition) is next to an amount."""
    lo = max(0, amount.start - _FINANCING_LEFT)
    return FINANCING.search(text, lo, amount.end + _FINANCING_RIGHT) is not None
