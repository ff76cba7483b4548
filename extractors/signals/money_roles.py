"""The role of an amount in its sentence: a change, a share, a valuation or a financing deal."""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.signals.records import ActorHit, Amount

# Money raised, lent or paid for a stake or a company, next to an amount: the amount is a deal the
# actor commits to (a round, a loan, an acquisition), whatever the sentence's cue words.
FINANCING = re.compile(
    r"融资|募资|募集|增资|注资|入股|收购|并购|贷款|发债|认购|"
    r"\braise[sd]?\b|\braising\b|\bfinancing\b|\bacquir(?:e[sd]?|ing)\b|\bacquisition\b|"
    r"\bstake\b|\bloans?\b|\bdebt\b|\bseries [a-h]\b|\bseed round\b",
    re.IGNORECASE,
)
# A part of a total named before it in the sentence ("X, 其中 Y", "X, of which Y"): a breakdown of
# the total's own money, not a new commitment, unless the part is another actor's own step.
_PART_OF = re.compile(r"其中|\bof which\b", re.IGNORECASE)
# The step an actor takes with its own money: a deal (FINANCING) or an investment or pledge.
_OWN_STEP = re.compile(
    r"投资|投入|出资|领投|\binvest(?:s|ed|ing)?\b|\bcommit(?:s|ted|ting)?\b|\bpledg\w*",
    re.IGNORECASE,
)
_PART_END = re.compile(r"[，,；;。:：]|\.(?:\s|$)")
# Actors that take a step with their own money; a country after 其中 / of which is most often where
# the money goes ("其中一半投在美国"), a model, newspaper or analyst house never owns it.
OWNERS = frozenset({"company", "agency", "government", "legislature", "intl_org", "person"})
_FINANCING_LEFT, _FINANCING_RIGHT = 32, 24
# A percentage right before a bracketed amount: the amount restates a share of some total.
SHARE = re.compile(r"\d\s*[%％]\s*[（(]\s*$")
DELTA = re.compile(r"比.{0,14}(?:增加|提高|增长|减少|下降)了?$")
# An amount that is a valuation: "valued at X", "valuing it at X", "a valuation of X", 估值为 X
# (before it) or "X post-money valuation", "X valuation", X估值 (after it). Never a commitment.
VALUATION_BEFORE = re.compile(
    r"(?:\bvalued at|\bvaluing\b[^.;,]{0,40}\bat|\bvaluation of|估值)"
    r"\s*(?:为|在|达到|达|升至|增至|突破|just )?"
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


def is_signal_amount(
    text: str, amount: Amount, lo: int, prior: list[Amount], actors: Sequence[ActorHit] = ()
) -> bool:
    """Return whether an amount can carry a signal: not a conversion, delta or component."""
    # actors: the sentence's actors, to tell another actor's own step in a part of a total.
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
    return not is_breakdown(text, amount, lo, prior, actors)


def is_breakdown(
    text: str, amount: Amount, lo: int, prior: list[Amount], actors: Sequence[ActorHit] = ()
) -> bool:
    """Return whether an amount after 其中 / of which is a part of a total named before it."""
    # A part naming another actor than the total's, with a deal or an investment verb in its
    # clause ("总额达X，其中[company]完成Y融资"), is that actor's own money, not a breakdown.
    parts = list(_PART_OF.finditer(text, lo, amount.start))
    if not parts or not any(p.start < parts[-1].start() for p in prior):
        return False
    marker = parts[-1]
    actors = [a for a in actors if a.kind in OWNERS]
    end = _PART_END.search(text, amount.end)
    hi = end.start() if end is not None else len(text)
    before = {a.name for a in actors if lo <= a.start < marker.start()}
    own = any(marker.end() <= a.start and a.end <= hi and a.name not in before for a in actors)
    step = FINANCING.search(text, marker.end(), hi) or _OWN_STEP.search(text, marker.end(), hi)
    return not (own and step is not None)


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


# What an amount is, read from the words that govern it in its clause (decided after the money
# head: an amount with one of these roles is never a commitment, whatever its probability).
# Each role is a head noun the amount measures, before it ("revenue of X", 营收为X) or after it
# ("X in revenue", "a X market", X的市场), never a topic word elsewhere in the sentence.
# A qualifier ("about", "more than", 约, 超) is part of the amount's span (money.parse_amounts
# reads it); only those it does not read ("less than", "just under", "an estimated") stay here.
_LEVEL = (
    r"(?:\s*(?:is|are|was|were|will be|would be|could be|to be|reached|reaching|hit|hitting|"
    r"topped|topping|surpassed|exceeded|totall?ed|rose to|grew to|fell to|climbed to|jumped to|"
    r"increas\w* [^.;,]{0,30}?to|of|at|to))?"
    r"(?:\s*(?:less than|just under|an estimated))?\s*(?:a |an )?$"
)
_LEVEL_ZH = r"[^，。；,;：:]{0,10}?(?:为|达到|达|是|增长至|增至|升至|降至|突破|录得)?$"
_ROLES_BEFORE: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "revenue",  # revenue, profit, gain or loss: what a company earned, not what it commits
        re.compile(
            r"(?:\b(?:revenues?|sales|turnover|earnings|profits?|net income|operating income|"
            r"run[- ]rate|ARR|bookings|(?:net )?loss(?:es)?|box office|gains? of|"
            r"(?:a|net|the|its|their|one-time|paper|capital|investment) gains?)\b[^.;,]{0,24}?"
            + _LEVEL
            + r")|"
            r"(?:营收|营业收入|营业额|销售额|收入|净利润?|毛利润?|利润|盈利|收益|ARR|亏损|损失|票房)"
            + _LEVEL_ZH,
            re.IGNORECASE,
        ),
    ),
    (
        "market_size",
        re.compile(
            r"(?:\b(?:market|sector|industry)(?: size| value)?\b(?: \([A-Z]{2,6}\))?"
            r"(?: [a-z]+){0,2}? "
            r"(?:(?:could|would|will|is|was|to) be |be )?"
            r"(?:worth|valued at|of|reach\w*|hit|exceed\w*|surpass\w*)"
            + _LEVEL
            + r")|(?:市场规模|产业规模|行业规模|市场空间|市场价值|市场容量)"
            + _LEVEL_ZH,
            re.IGNORECASE,
        ),
    ),
    (
        "economic_effect",  # GDP, economic benefit, trade flows
        re.compile(
            r"(?:\b(?:GDP|economic (?:benefits?|value|impact|output|activity|growth)|"
            r"(?:annual|estimated|potential) benefits?|exports?|imports?)\b[^.;,]{0,20}?"
            + _LEVEL
            + r")|(?:GDP|国内生产总值|经济总量|经济效益|经济价值|经济产出|产值|出口额?|进口额?|贸易额)"
            + _LEVEL_ZH,
            re.IGNORECASE,
        ),
    ),
    (
        "valuation",  # what a stake, a holding or a person is worth
        re.compile(
            r"(?:\b(?:stake|shares|holdings?|market cap(?:italization)?|fortune)\b[^.;,]{0,30}?"
            r"\b(?:is|are|was|were|be|now)\s+worth"
            + _LEVEL
            + r")|(?:\bnet worth\b"
            + _LEVEL
            + r")|"
            r"(?:市值|持股价值|身家)" + _LEVEL_ZH,
            re.IGNORECASE,
        ),
    ),
    (
        "price",  # a share price or a price per unit
        re.compile(
            r"(?:\b(?:priced at|starts at|starting at|share price of|per share of)" + _LEVEL + r")|"
            r"(?:\b(?:shares?|stock)\b[^.;,]{0,30}?\b(?:traded|rose|fell|closed|jumped|climbed|dropped)"
            r"\b[^.;,]{0,20}?\bto\s*$)|"
            r"(?:每股|股价|售价|起售价|起价|单价|价格|年费|月费|"
            r"每(?:小时|人|台|块|张|股|千瓦|瓦|度|次|件|位|吨))" + _LEVEL_ZH,
            re.IGNORECASE,
        ),
    ),
    (
        "cost",  # what a thing or an activity costs (cost(s) X, used to cost X), not a plan's budget
        re.compile(
            r"(?<!\bwill )(?<!(?<!\bused )\bto )(?<!\bwould )(?<!\bcould )(?<!\bmay )(?<!\bmight )"
            r"(?<!\bshould )(?<!\bwill likely )"
            r"\b(?:costs?|costing)\b(?:\s+(?:us|them|him|her|it|the [a-z]+|[A-Z][A-Za-z]*))?"
            + _LEVEL,
        ),
    ),
    (
        # a legal payment: a penalty imposed (or the most a rule lets a regulator impose), a
        # settlement a court approves, damages it awards
        "fine",
        re.compile(
            r"(?:\b(?:fines?|fined|penalty|penalties|settlements?|damages)\b[^.;,]{0,20}?"
            + _LEVEL
            + r")|(?:罚款|罚金|处罚|和解|赔偿)"
            + _LEVEL_ZH,
            re.IGNORECASE,
        ),
    ),
)
_ROLES_AFTER: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "revenue",
        re.compile(
            r"\s*(?:(?:in|of) )?(?:annual(?:ized)? |quarterly |yearly |total )?(?:run-rate )?"
            r"(?:(?:operating |net )?"
            r"(?:revenues?|sales|turnover|profits?|income|loss(?:es)?|gains?)|ARR)\b|"
            r"(?:的)?(?:营收|营业收入|销售额|净利润|利润|收入|收益|ARR|亏损|票房)",
            re.IGNORECASE,
        ),
    ),
    (
        "market_size",
        # "a $200 billion market", "the X opportunity" (not "a X industry fund": the noun is the head)
        re.compile(
            r"\s*(?:(?!(?:in|into|for|on|to|across|from|of|at)\b)[A-Za-z-]+ ){0,2}?"
            r"(?:(?:market|opportunity)\b(?! (?:fund|plan|programme|program|package|initiative)\b)|"
            r"(?:industry|sector)\b(?=\s*(?:[.,;:)]|$|(?:by|in|for|that|which|and|is|was|will|"
            r"could|would|to|with|of|on|at|over|this|next)\b)))"
            r"|(?:的[^\s，。；、的]{0,4}?)?(?:市场规模|市场(?!主体|监管)|产业规模)",
            re.IGNORECASE,
        ),
    ),
    (
        "economic_effect",
        re.compile(
            r"\s*(?:to|in|of)\s+(?:the\s+)?(?:[A-Z][A-Za-z.]* |global |world |national |annual )?"
            r"(?:economy|GDP|economic (?:output|value|activity|growth))\b"
            r"|(?:的)?(?:经济效益|经济价值|经济产出|产值|GDP|进口额|出口额|贸易额)",
            re.IGNORECASE,
        ),
    ),
    (
        # "a $5bn AI unicorn", "the X startup": the amount is the company's worth (not "a X
        # startup fund", nor "X in the company", whose noun is the money's destination)
        "valuation",
        re.compile(
            r"\s*(?:(?!(?:in|into|for|on|to|across|from|of|at|by|with|the|this|that|its|their|"
            r"his|her|an?|each|every|per|and|or)\b)[A-Za-z-]+ ){0,3}?"
            r"(?:unicorn|decacorn|start-?up|company|firm)(?![\w-])"
            r"(?! (?:fund|plan|programme|program|package|initiative|investment|deal|project)s?\b)"
            r"|(?:的)?(?:独角兽)",
            re.IGNORECASE,
        ),
    ),
    (
        "price",
        re.compile(
            r"\s*(?:a|an|per|/)\s*(?:share|unit|task|hour|day|week|month|mo|user|seat|person|token|query|kWh)\b|"
            r"(?:每股|/股)",
            re.IGNORECASE,
        ),
    ),
    (
        "fine",
        re.compile(
            r"\s*(?:in )?(?:an? )?(?:fines?|penalty|settlements?|damages)\b|\s*to settle\b|"
            r"(?:的)?(?:罚款|罚金|赔偿)|(?:的|[^，。；,;：:]{0,12}?达成)?和解",
            re.IGNORECASE,
        ),
    ),
)


# A spending word between the head noun and the amount: the amount is what is spent ("in its
# earnings call Meta said capex would be $X"), the noun only a topic of the clause.
_SPENDING = re.compile(
    r"\b(?:spend|invest|capex|capital|budget|commit|pledg|allocat|fund|rais|financ|order)\w*|"
    r"投资|投入|资本开支|资本支出|预算|融资|拨款|募资|订单|采购",
    re.IGNORECASE,
)


# An amount joined to the amount right before it ("$5K-$15K", "X to Y", "X or Y", "X instead of Y"):
# the second is read where the first stands, so it measures the same head noun.
_JOINER = re.compile(
    r"\s*(?:-|–|—|\bto\b|\bor\b|\band\b|\binstead of\b|\bversus\b|\bvs\.?)\s*", re.IGNORECASE
)


def non_commitment_role(
    text: str, amount: Amount, lo: int = 0, previous: Amount | None = None
) -> str | None:
    """Return the role of an amount that is never a commitment (revenue, market size, economic
    effect, valuation, price, cost, a fine or another legal payment), read from the head noun it
    measures in its clause, else None.

    previous: the amount parsed right before this one, if any (a joined pair shares a head noun).
    """
    for role, after in _ROLES_AFTER:
        if after.match(text, amount.end, amount.end + 48):
            return role
    start = amount.start
    if (
        previous is not None
        and previous.start >= lo
        and _JOINER.fullmatch(text, previous.end, start)
    ):
        start = previous.start
    before = text[max(lo, start - 64) : start]
    for role, pattern in _ROLES_BEFORE:
        found = pattern.search(before)
        if found is not None and not _SPENDING.search(before, found.start()):
            return role
    return None
