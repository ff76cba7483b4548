"""Headlines and item facts a newsletter reader sees: wording, tense, amounts, who leads, order."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from digest_rows import Rows

from extractors.digest import WeekInput, build_digest
from extractors.digest.actors import lead_actors, ordered_union, subject_of
from extractors.digest.headline import format_native, format_period, format_usd, make_headline
from extractors.digest.markdown import render_markdown
from extractors.digest.model import ArticleRef, Mention
from extractors.rows import Article, Signal

JAN4 = date(2025, 1, 4)
KINDS = {
    "Scott Bessent": "person",
    "US Department of the Treasury": "government",
    "Blackwell": "model",
    "NVIDIA": "company",
    "Claude": "model",
}


def test_headline_carries_qualifier_period_and_tense() -> None:
    fy2025 = (date(2024, 7, 1), date(2025, 6, 30))
    amount = format_usd(80e9, "approx")
    assert make_headline("investment_capex", "Microsoft", ["US"], amount, fy2025, JAN4) == (
        "Microsoft to invest about $80 billion in AI in FY2025 (US, Jan 4)"
    )
    y2019 = (date(2019, 1, 1), date(2019, 12, 31))
    assert make_headline(
        "executive_action", "Donald Trump", ["US"], "", y2019, JAN4, past=True
    ) == ("Donald Trump took executive action on AI in 2019 (US, Jan 4)")
    assert make_headline("model_release", "Claude", [], "", (None, None), JAN4, product=True) == (
        "New AI model: Claude (Jan 4)"
    )


def test_amounts_and_periods_read_naturally() -> None:
    assert format_usd(1e11, "up_to") == "up to $100 billion"
    assert format_usd(2.511e11, "at_least") == "at least $251 billion"
    assert format_native(4e12, "JPY", "at_least") == "at least JPY 4 trillion"
    assert format_native(1.2e12, None) == "1.2 trillion (currency not stated)"
    assert format_period(date(2025, 1, 1), date(2025, 3, 31)) == " in Q1 2025"
    assert format_period(date(2026, 11, 5), date(2026, 11, 5)) == " on Nov 5, 2026"
    assert format_period(date(2025, 2, 1), date(2025, 5, 31)) == " over Feb-May 2025"


def test_who_leads_keeps_the_extractors_order_and_puts_products_last() -> None:
    assert ordered_union([["US", "CN"], ["CN"]]) == ["CN", "US"]
    assert ordered_union([["US", "JP"]]) == ["US", "JP"]
    assert lead_actors(["Blackwell", "NVIDIA"], "model_release", KINDS) == ["NVIDIA", "Blackwell"]
    speakers = lead_actors(
        ["US Department of the Treasury", "Scott Bessent", "Blackwell"], "policy_statement", KINDS
    )
    assert subject_of(speakers, "policy_statement", ["US"], KINDS) == (
        "Scott Bessent (US Department of the Treasury)"
    )
    assert subject_of([], "energy_datacenter_infra", ["CN"], KINDS) == "China"


def _mention(article: Article, signal: Signal) -> Mention:
    assert article.published_at is not None
    ref = ArticleRef(
        article.article_id, article.published_at.date(), article.source, article.outlet
    )
    return Mention(signal, ref)


def _week(mentions: list[Mention]) -> WeekInput:
    return WeekInput("2025-W36", date(2025, 9, 1), date(2025, 9, 7), "UTC", mentions)


def test_background_items_stay_out_of_top_items_and_rank_last(rows: Rows) -> None:
    day = datetime(2025, 9, 4, 8, tzinfo=UTC)
    a = rows.article("a", day, outlet="NetEase", language="zh-Hant")
    b = rows.article("b", day, outlet="CNA", language="zh-Hant")
    old = (date(2019, 1, 1), date(2019, 12, 31))
    mentions = [
        _mention(
            a, rows.signal(a, "executive_action", ["White House"], "2019 AI order", period=old)
        ),
        _mention(b, rows.signal(b, "policy_statement", ["Commentator"], "AI matters")),
    ]
    kinds = {"Commentator": "agency"}  # a public body speaking: shown on one article
    digest = build_digest(replace(_week(mentions), actor_kinds=kinds), similar=None)
    first, last = digest.new_items
    assert first.signal_type == "policy_statement" and last.background
    assert "took executive action on AI in 2019" in last.headline
    top = render_markdown(digest).split("## Top items", 1)[1].split("\n## ", 1)[0]
    assert "Commentator" in top and "2019" not in top


def test_one_quote_read_as_two_types_is_one_item_under_its_primary_place(rows: Rows) -> None:
    day = datetime(2025, 9, 4, 8, tzinfo=UTC)
    a = rows.article("a", day, outlet="NetEase", language="zh-Hant")
    quote = "白宮已經簽署了《加速數據中心基礎設施聯邦許可》行政令"
    kinds = {"White House": "government"}
    mentions = [
        _mention(
            a,
            rows.signal(a, "executive_action", ["White House"], quote, jurisdictions=["US", "CN"]),
        ),
        _mention(a, rows.signal(a, "energy_datacenter_infra", ["White House"], quote)),
        _mention(a, rows.signal(a, "executive_action", ["White House"], "another AI order")),
    ]
    digest = build_digest(replace(_week(mentions), actor_kinds=kinds), similar=None)
    assert len(digest.new_items) == 2  # same article, same type, no amounts: two facts
    merged = next(i for i in digest.new_items if len(i.mentions) == 2)
    assert merged.signal_type == "executive_action" and merged.jurisdictions == ["US", "CN"]
    rules = render_markdown(digest).split("## Rules and strategies", 1)[1]
    assert rules.index("### US") < rules.index(quote)
