"""A plain two-paragraph body and the title extract_article gives a page (our own text)."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.rows import Page

BODY = (
    "<p>The harbour ferry keeps its winter timetable until the end of March, with two extra "
    "crossings on Saturdays while the bridge over the estuary is closed for repairs.</p>"
    "<p>Tickets bought for the summer timetable stay valid; the office on the quay answers "
    "questions about season passes every weekday morning from eight until noon.</p>"
)


def article_title(markup: str) -> str | None:
    """Return the title extract_article gives a docs page of this markup."""
    page = Page("docs", markup.encode(), datetime(2026, 1, 1, tzinfo=UTC), "p.html")
    return extract_article(page).title
