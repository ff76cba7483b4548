"""Fixtures of the digest tests: row factories and a small stored history."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from extractors.rows import Article, Signal, make_article_id

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


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
        key = dedupe_key or _hash(signal_type, *actors, amount_usd)[:16]
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
        )


@pytest.fixture
def rows() -> Rows:
    """Return the row factories."""
    return Rows()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Return an empty DATA folder."""
    path = tmp_path / "data"
    path.mkdir()
    return path
