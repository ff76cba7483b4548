"""An amount named as a commitment beside it: a funding round, a raise, a deal an actor signs."""

from __future__ import annotations

import re

from extractors.signals.records import Amount

_REACH = 48  # characters read on each side of an amount: a verb, two words and a noun
# A qualifier ("about", "more than", 约) is part of the amount's span (money.parse_amounts reads
# it), so the words before an amount end where its qualifier starts.
_ZH_ROUND = r"(?:天使|种子|pre-?[a-f]\+?|[a-f]\+{0,2}|战略)轮"  # A轮, B+轮, 天使轮 …

# A funding round named right beside an amount: the round is what the amount measures ("a round at
# X" or "valued at X" is the company's price, not the round, and is not read).
_ROUND_AFTER = re.compile(
    r"\s*(?:in |of )?(?:an? |its |the )?(?:new |fresh |initial |first |latest )?"
    r"(?:(?:pre-)?seed\b|series [a-h]\d?\b|(?:funding|financing|venture|investment) round\b)|"
    r"(?:的)?" + _ZH_ROUND,
    re.IGNORECASE,
)
_ROUND_BEFORE = re.compile(
    r"(?:\b(?:series [a-h]\d?|(?:pre-)?seed|funding|financing|venture) round (?:of|worth) $)|"
    r"(?:" + _ZH_ROUND + r"(?:融资)?(?:金额|规模)?"
    r"(?:为|达到|达)*$)",
    re.IGNORECASE,
)


# A raise: "raised X in (new) funding / debt / financing" ("has X in debt" is a balance, not read).
_RAISE_BEFORE = re.compile(
    r"\b(?:rais(?:e[sd]?|ing)|secur(?:e[sd]?|ing))\s+(?:an? )?$",
    re.IGNORECASE,
)
_RAISE_AFTER = re.compile(
    r"\s*in (?:new |fresh |additional |initial |venture |equity |debt )?"
    r"(?:funding|financing|debt|capital)\b(?! rounds\b)",  # rounds: a statistic of many
    re.IGNORECASE,
)


def is_round(text: str, amount: Amount) -> bool:
    """Return whether an amount is a funding round's (the round named right after or before it)."""
    if _ROUND_AFTER.match(text, amount.end, amount.end + _REACH):
        return True
    if _flanked(text, amount, _RAISE_BEFORE, _RAISE_AFTER):
        return True
    return _ROUND_BEFORE.search(text[max(0, amount.start - _REACH) : amount.start]) is not None


# A deal an actor signs: "signed a X contract", "agrees X deal with", 签署了X合同 (a contract won or
# awarded is the other party's money, and is not read).
_SIGN_BEFORE = re.compile(
    r"(?:\b(?:sign(?:s|ed|ing)?|ink(?:s|ed|ing)?|agree(?:s|d)?(?: to)?|seal(?:s|ed|ing)?|"
    r"strikes?|struck|clinch(?:es|ed)?)\s+(?:a |an |the |its |their )?"
    r"(?:new |multi-?year |landmark |record |deal worth |contract worth )?$)|"
    r"(?:(?:签署|签订|签下|达成)了?(?:一(?:份|项|笔))?(?:价值|总额|金额)?$)",
    re.IGNORECASE,
)
_DEAL_AFTER = re.compile(
    r"\s*(?:[A-Za-z-]+ ){0,2}?(?:deal|contract|agreement|order|pact)s?\b|"
    r"(?:的)?[^，。；,;：:\s]{0,6}?(?:合同|订单|协议|大单)",
    re.IGNORECASE,
)


def _flanked(text: str, amount: Amount, before: re.Pattern[str], after: re.Pattern[str]) -> bool:
    """Return whether before ends right at the amount and after starts right behind it."""
    if after.match(text, amount.end, amount.end + _REACH) is None:
        return False
    return before.search(text[max(0, amount.start - _REACH) : amount.start]) is not None


def is_signed_deal(text: str, amount: Amount) -> bool:
    """Return whether an amount is a deal's that an actor signs (the signing verb right before it
    and the deal noun right after it)."""
    return _flanked(text, amount, _SIGN_BEFORE, _DEAL_AFTER)


def names_commitment(text: str, amount: Amount) -> bool:
    """Return whether a round, a raise or a deal the actor signs is named beside an amount."""
    return is_round(text, amount) or is_signed_deal(text, amount)
