"""Articles with one signal row each, for the measure builder's tests."""

from __future__ import annotations

from dataclasses import replace

from articlekit import make_article

from extractors.language import convert_to_simplified
from extractors.rows import Article, Signal


def article(
    text: str, published: str, article_id: str, language: str = "en", hant: bool = False
) -> Article:
    """Return an article (zh-Hant ones carry their Simplified text, as the pipeline stores it)."""
    row = make_article(
        text,
        published=published,
        language=language,
        text_hans=convert_to_simplified(text) if hant else None,
    )
    return replace(row, article_id=article_id, path=f"{article_id}.txt")


def signal_of(row: Article, jurisdiction: str = "EU") -> Signal:
    """Return one legislation signal spanning the whole article (it marks it AI-policy)."""
    return Signal(
        signal_id=f"s-{row.article_id}",
        article_id=row.article_id,
        signal_type="legislation_regulation",
        actors=["European Commission"],
        jurisdictions=[jurisdiction],
        amount_value=None,
        amount_currency=None,
        amount_usd=None,
        evidence=row.text,
        evidence_start=0,
        evidence_end=len(row.text),
        confidence=0.9,
        dedupe_key=f"k-{row.article_id}",
        published_at=row.published_at,
    )
