"""Detection rules added after the out-of-sample review: coreference, recipients, private money, fiscal years."""

from __future__ import annotations

import dataclasses
from datetime import date

from test_signals_parts import make_article

from extractors.signals import detect_signals, resolve_period
from extractors.signals.periods import find_periods


def test_project_coreference_takes_actor_and_ai_context_from_previous_sentence() -> None:
    text = (
        "三家公司宣布成立名为“星际之门”的合资企业，在美国建设人工智能基础设施。"
        "根据OpenAI发布的说明，该项目计划在四年内投资最高5000亿美元，其中1000亿美元立即投入。"
    )
    money = [
        r for r in detect_signals(make_article(text, published="2025-01-22")) if r.amount_value
    ]
    assert [(r.signal_type, r.actors[0], r.amount_value) for r in money] == [
        ("investment_capex", "Stargate", 500e9)
    ]


def test_recipient_is_not_the_investor_and_ai_companies_are_ai_context() -> None:
    text = "英伟达计划随着系统部署逐步向OpenAI投资，总额最高可达1000亿美元。"
    rows = [r for r in detect_signals(make_article(text, published="2025-09-23")) if r.amount_value]
    assert [(r.signal_type, r.actors[0]) for r in rows] == [("investment_capex", "NVIDIA")]


def test_announced_private_investment_is_a_signal_but_a_statistic_is_not() -> None:
    pledge = "法国总统马克龙宣布，法国将在未来几年吸引约1090亿欧元的私人投资投向人工智能领域。"
    stat = "2024年某国私人AI投资增长至1091亿美元，风险投资也创了新高。"
    rows = detect_signals(make_article(pledge, published="2025-02-12"))
    assert [(r.signal_type, r.actors[0], r.amount_currency) for r in rows if r.amount_value] == [
        ("investment_capex", "France", "EUR")
    ]
    assert not [r for r in detect_signals(make_article(stat)) if r.amount_value]


def test_japanese_government_fiscal_year_starts_in_april_of_its_year() -> None:
    # The chips are said to be for AI: chip money on a page that never names AI is no row (ch22).
    text = "日本经济产业省宣布，将在2025财年向半导体企业Rapidus追加提供最多8025亿日元的补助，用于量产人工智能芯片。"
    row = next(
        r for r in detect_signals(make_article(text, published="2025-04-01")) if r.amount_value
    )
    assert row.actors[0] == "METI"
    assert (row.period_start, row.period_end) == (date(2025, 4, 1), date(2026, 3, 31))


def test_relative_dates_need_a_publication_date() -> None:
    assert resolve_period("今年7月底", date(2025, 9, 4)) is not None
    got = find_periods("去年10月30日和2023年10月17日", date(2024, 2, 2))
    assert [p.phrase for p in got] == ["去年10月30日", "2023年10月17日"]
    text = "美国商务部长雷蒙多1月下旬表示，美国不希望外国利用其云服务训练AI模型。"
    article = dataclasses.replace(make_article(text), published_at=None)
    rows = detect_signals(article)
    assert rows and all(r.period_start is None for r in rows)


def test_company_and_government_actions_of_one_type_stay_apart() -> None:
    text = (
        "促进人工智能出口将是今年美国政府的关键议题之一。\n微软宣布将向海湾国家推广其人工智能技术。"
    )
    rows = detect_signals(make_article(text))
    diplomacy = sorted(
        r.actors[0] for r in rows if r.signal_type == "tech_diplomacy_export_promotion"
    )
    assert diplomacy == ["Microsoft", "US Government"]


def test_unnamed_analysts_are_not_policy_statements() -> None:
    text = "分析人士认为，美国的人工智能政策将在未来一年内产生影响。"
    assert [
        r for r in detect_signals(make_article(text)) if r.signal_type == "policy_statement"
    ] == []


def test_articles_without_any_ai_context_yield_nothing() -> None:
    off_topic = "特朗普周一签署行政命令，对进口钢铁加征关税。美国政府表示，将把更多企业列入黑名单。"
    assert detect_signals(make_article(off_topic)) == []
    ai_actor_only = "英伟达宣布，将在2026年向OpenAI投资1000亿美元。"
    assert [r.signal_type for r in detect_signals(make_article(ai_actor_only))] == [
        "investment_capex"
    ]


def test_bare_day_resolves_in_the_publication_month() -> None:
    got = resolve_period("3日", date(2024, 12, 5))
    assert got is not None and (got.start, got.end) == (date(2024, 12, 3), date(2024, 12, 3))
    late = resolve_period("28日", date(2024, 12, 5))
    assert late is not None and late.start == date(2024, 11, 28)
