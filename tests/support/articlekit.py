"""Minimal Article and Signal rows, for tests of the pure extractors and the store."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

from extractors.rows import Article, Signal


def make_article(
    text: str,
    *,
    published: str | None = "2025-01-04",
    text_hans: str | None = None,
    language: str = "zh",
    **fields: Any,
) -> Article:
    """Return an Article holding text (published that day in UTC); fields override the rest."""
    row = Article(
        article_id="a1",
        source="test",
        url=None,
        path="a.txt",
        title=None,
        author=None,
        outlet=None,
        published_at=datetime.fromisoformat(published).replace(tzinfo=UTC) if published else None,
        fetched_at=datetime(2025, 1, 5, tzinfo=UTC),
        language=language,
        text=text,
        text_hans=text_hans,
        content_hash="",
        extractor_version="test",
    )
    return dataclasses.replace(row, **fields) if fields else row


def make_signal(article_id: str, n: int, published_at: datetime | None = None) -> Signal:
    """Return the n-th export-control Signal of an article (ids and dedupe keys from n)."""
    return Signal(
        signal_id=f"{article_id}-{n}",
        article_id=article_id,
        signal_type="export_control",
        actors=["BIS"],
        jurisdictions=["US"],
        amount_value=None,
        amount_currency=None,
        amount_usd=None,
        evidence="rule",
        evidence_start=0,
        evidence_end=4,
        confidence=0.9,
        dedupe_key=f"k{n}",
        published_at=published_at,
    )
