"""A minimal Article row around a text, for tests of the pure extractors."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

from extractors.rows import Article


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
