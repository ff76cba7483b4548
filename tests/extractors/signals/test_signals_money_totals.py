"""Period totals nobody owns are statistics, not commitments (own wording)."""

from __future__ import annotations

import pytest
from articlekit import make_article

from extractors.signals import detect_signals, parse_amounts
from extractors.signals.money_totals import is_unowned_total
from extractors.signals.records import ActorHit

QUARTER_EN = (
    "Funding for artificial intelligence start-ups keeps climbing. Venture investors poured "
    "$95 billion into AI start-ups in the third quarter of 2025, a tracker said."
)
ENTERPRISE_EN = (
    "Spending on AI keeps growing. Enterprise spending on generative AI tools reached "
    "$41 billion in 2025, up from $12 billion a year earlier."
)
COMMITMENT_EN = (
    "Alibaba will invest 380 billion yuan in AI and cloud infrastructure over the next three "
    "years, it said in 2025."
)


def _first(text: str, actors: list[ActorHit] | None = None) -> bool:
    """Return whether the first amount of a one-sentence text is an unowned period total."""
    amount = parse_amounts(text)[0]
    return is_unowned_total(text, amount, 0, len(text), actors or [])


@pytest.mark.parametrize(
    "text",
    [
        "2025年第三季度全球AI初创企业融资总额突破900亿美元",
        "今年全球AI基础设施投资预计将达到7200亿美元",
        "AI start-ups raised $110 billion in funding last year",
        "Enterprise spending on AI tools reached $41 billion in 2025",
        "Generative AI firms drew $30 billion in the first half",
    ],
)
def test_a_market_total_over_a_year_or_quarter_is_unowned(text: str) -> None:
    """No one who could own the amount, and its clause names the period it sums."""
    assert _first(text)


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # an owner in reach: a company named in the sentence or just before it
        (
            "2025年第三季度公司AI投资总额达到90亿美元",
            [ActorHit("Tencent", "company", "CN", 0, 2)],
        ),
        # a public purse: the rules' government words name the owner
        ("2025年政府人工智能预算达到90亿美元", []),
        # no period the amount sums
        ("全球AI初创企业融资总额突破900亿美元", []),
        # a dated announcement (a day), not a period total
        ("2026年3月5日宣布完成5亿元A轮融资", []),
        # the period sits in another clause than the amount
        ("该交易以3亿美元完成，预计2025年上半年交割", []),
    ],
)
def test_owned_or_undated_amounts_are_not_period_totals(text: str, actors: list[ActorHit]) -> None:
    """An owner, a public purse, no period, a day's date or a period in another clause: kept."""
    assert not _first(text, actors)


@pytest.mark.parametrize(("text", "value"), [(QUARTER_EN, 95e9), (ENTERPRISE_EN, 41e9)])
def test_no_row_carries_a_market_total(text: str, value: float) -> None:
    """A market's total for a quarter or a year gives no money row."""
    assert value not in {r.amount_value for r in detect_signals(make_article(text))}


def test_a_company_commitment_dated_by_year_keeps_its_row() -> None:
    """A named company's investment keeps its row even where the sentence names a year."""
    assert 380e9 in {r.amount_value for r in detect_signals(make_article(COMMITMENT_EN))}
