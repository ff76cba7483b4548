"""Row factories for the digest tests (articles and signals with sensible defaults)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from extractors.rows import Article, Signal, make_article_id
from storage.store import Store


def _hash(*parts: object) -> str:
    return hashlib.sha256("\0".join(str(p) for p in parts).encode()).hexdigest()


@dataclass(frozen=True)
class Rows:
    """Factories for articles and signals with sensible defaults."""

    def article(
        self,
        name: str,
        published: datetime | None,
        outlet: str = "Example News",
        language: str = "en",
        url: str | None = None,
        near_duplicate_of: str | None = None,
        fetched: datetime | None = None,
        title: str | None = None,
    ) -> Article:
        """Return an article row."""
        path = None if url else f"{name}.txt"
        return Article(
            article_id=make_article_id("test", path, url),
            source="test",
            url=url,
            path=path,
            title=title or f"Article {name}",
            author=None,
            outlet=outlet,
            published_at=published,
            fetched_at=fetched or datetime(2026, 1, 1, tzinfo=UTC),
            language=language,
            text=f"text of {name}",
            text_hans=None,
            content_hash=_hash("content", name),
            extractor_version="1.0.0",
            near_duplicate_of=near_duplicate_of,
        )

    def signal(
        self,
        article: Article,
        signal_type: str,
        actors: list[str],
        evidence: str,
        amount_usd: float | None = None,
        amount_value: float | None = None,
        currency: str | None = None,
        jurisdictions: list[str] | None = None,
        dedupe_key: str | None = None,
        confidence: float = 0.9,
        period: tuple[date, date] | None = None,
    ) -> Signal:
        """Return a signal row of an article."""
        key = dedupe_key or _hash(signal_type, *actors, amount_usd, evidence)[:16]
        value = amount_value if amount_value is not None else amount_usd
        return Signal(
            signal_id=_hash(article.article_id, signal_type, evidence)[:32],
            article_id=article.article_id,
            signal_type=signal_type,
            actors=actors,
            jurisdictions=jurisdictions or ["US"],
            amount_value=value,
            amount_currency=currency or ("USD" if value is not None else None),
            amount_usd=amount_usd,
            evidence=evidence,
            evidence_start=0,
            evidence_end=len(evidence),
            confidence=confidence,
            dedupe_key=key,
            published_at=article.published_at,
            period_start=period[0] if period else None,
            period_end=period[1] if period else None,
            source="test",
            fetched_at=article.fetched_at,
        )


def _at(month: int, day: int, hour: int = 9, minute: int = 0, year: int = 2025) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def write_history(data_dir: Path, rows: Rows) -> Path:
    """Write a small history around ISO week 2025-W02 (Jan 6-12, 2025) into DATA."""
    r = rows
    old_amz = r.article("old-amz", _at(12, 10, year=2024), outlet="Old Times")
    old_oai = r.article("old-oai", _at(12, 20, year=2024), outlet="Old Times")
    ms_zh = r.article("ms-zh", _at(1, 7), outlet="微信公众号", language="zh-Hans")
    ms_en = r.article("ms-en", _at(1, 8), outlet="Reuters", url="https://example.com/ms?a=1&b=2")
    ms_dup = r.article("ms-dup", _at(1, 8, 12), outlet="Yahoo", near_duplicate_of=ms_en.article_id)
    bis = r.article("bis", _at(1, 9), outlet="Tencent News", language="zh-Hans")
    talk = r.article("talk", _at(1, 10), outlet="Blog")
    amz = r.article("amz", _at(1, 10), outlet="CNBC")
    oai = r.article("oai", _at(1, 11), outlet="FT")
    undated = r.article("undated", None, outlet="Wire", fetched=_at(1, 9))
    late = r.article("late", _at(1, 12, 23, 30), outlet="Late Paper")
    articles = [old_amz, old_oai, ms_zh, ms_en, ms_dup, bis, talk, amz, oai, undated, late]
    ms_evidence = "Microsoft plans to spend $80 billion on AI data centers in fiscal 2025"
    fy = (date(2024, 7, 1), date(2025, 6, 30))
    signals = [
        r.signal(
            old_amz,
            "investment_capex",
            ["Amazon"],
            "Amazon $65bn for AI data centers",
            65e9,
            dedupe_key="amz",
        ),
        r.signal(old_oai, "investment_capex", ["OpenAI"], "Stargate $500bn", 500e9),
        r.signal(
            ms_zh,
            "investment_capex",
            ["Microsoft"],
            "微软计划在2025财年投入约800亿美元用于AI基础设施建设",
            80e9,
            amount_value=80e9,
            period=fy,
        ),
        r.signal(ms_en, "investment_capex", ["Microsoft"], ms_evidence, 80.5e9, period=fy),
        r.signal(ms_dup, "investment_capex", ["Microsoft"], ms_evidence, 80.5e9, period=fy),
        r.signal(
            bis,
            "export_control",
            ["Bureau of Industry and Security", "US Department of Commerce"],
            "美国商务部工业与安全局宣布新的芯片出口管制 <script>alert('x')</script>",
        ),
        r.signal(
            talk, "policy_statement", ["US Department of Commerce"], "Commerce said AI matters."
        ),
        r.signal(
            amz,
            "investment_capex",
            ["Amazon"],
            "Amazon $65bn again for AI data centers",
            65e9,
            dedupe_key="amz",
        ),
        r.signal(oai, "investment_capex", ["OpenAI"], "OpenAI's $505bn Stargate", 505e9),
        r.signal(undated, "cloud_compute_kyc", ["US Department of Commerce"], "IaaS KYC rule"),
        r.signal(
            late,
            "government_ai_budget",
            ["Ministry of Finance"],
            "财政部安排人工智能专项资金100亿元",
            1.37e9,
            amount_value=10e9,
            currency="CNY",
            jurisdictions=["CN"],
        ),
    ]
    store = Store(data_dir)
    store.write_rows("articles", articles)
    store.write_rows("signals", signals)
    return data_dir
