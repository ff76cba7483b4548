"""Spending stated without an amount the parser reads ("数十亿美元"): one amount-free row."""

from __future__ import annotations

from articlekit import make_article

from extractors.signals import detect_signals

# Own words: a company's AI spending given only as "billions".
VAGUE = "腾讯宣布，将在未来三年投资数十亿美元建设人工智能数据中心，扩充算力。"
PRICED = "腾讯宣布，将在未来三年投资50亿美元建设人工智能数据中心，扩充算力。"


def test_strong_spending_without_a_read_amount_gives_an_amount_free_row() -> None:
    rows = detect_signals(make_article(VAGUE, language="zh-Hans"))
    capex = [r for r in rows if r.signal_type == "investment_capex"]
    assert len(capex) == 1
    assert capex[0].actors[:1] == ["Tencent"] and capex[0].amount_value is None


def test_a_read_amount_leaves_no_amount_free_row_beside_it() -> None:
    rows = detect_signals(make_article(PRICED, language="zh-Hans"))
    capex = [r for r in rows if r.signal_type == "investment_capex"]
    assert [r.amount_value for r in capex] == [5e9]
