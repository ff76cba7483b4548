"""Interface tests for extractors.signals.detect_signals."""

from __future__ import annotations

from articlekit import make_article

from extractors.signals import SIGNAL_TYPES, detect_signals


def test_capex_row_has_money_period_and_evidence() -> None:
    text = "微软1月3日表示，计划在2025财年投入约800亿美元建设人工智能数据中心。"
    rows = detect_signals(make_article(text))
    capex = [r for r in rows if r.signal_type == "investment_capex"]
    assert len(capex) == 1
    row = capex[0]
    assert row.actors[0] == "Microsoft"
    assert row.amount_value == 80e9 and row.amount_currency == "USD"
    assert row.amount_qualifier == "approx" and row.amount_usd == 80e9
    assert str(row.period_start) == "2024-07-01" and str(row.period_end) == "2025-06-30"
    assert text[row.evidence_start : row.evidence_end] == row.evidence
    assert row.signal_type in SIGNAL_TYPES


def test_repeated_signal_yields_one_row() -> None:
    text = (
        "微软计划在2025财年投入约800亿美元建设人工智能数据中心。\n\n"
        "分析人士说，这笔约800亿美元的AI投资由微软在2025财年完成。"
    )
    capex = [r for r in detect_signals(make_article(text)) if r.signal_type == "investment_capex"]
    assert len(capex) == 1


def test_never_raises_on_odd_text() -> None:
    for text in ["", " ", "\n\n", "亿美元", "$", "（）", "2025财年", "\x00" * 10, "a" * 1000]:
        assert isinstance(detect_signals(make_article(text)), list)
