"""The weekly digest: cluster signals into items, rank them, render Markdown and HTML."""

from __future__ import annotations

from extractors.digest.build import build_digest
from extractors.digest.html import render_html
from extractors.digest.markdown import render_markdown
from extractors.digest.model import ArticleRef, Digest, Item, Mention, PastMention, WeekInput
from extractors.digest.weeks import iso_week_of, parse_week, week_days, weeks_between

__all__ = [
    "ArticleRef",
    "Digest",
    "Item",
    "Mention",
    "PastMention",
    "WeekInput",
    "build_digest",
    "iso_week_of",
    "parse_week",
    "render_html",
    "render_markdown",
    "week_days",
    "weeks_between",
]
