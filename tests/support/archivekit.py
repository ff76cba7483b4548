"""Saved pages for the archive tests: two body paragraphs of our own and their extraction."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.pipeline import process_page
from extractors.rows import Article, Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
ZH = (
    "市政府今天公布了新的公共交通规划，计划在未来五年内新增三条地铁线路，并改造二十个公交枢纽。"
    "规划还提出，所有新建车站都要配备无障碍设施，方便老年人和残障人士出行。"
)
EN = (
    "The council approved the new library budget on Monday after a long debate about "
    "opening hours, staffing and the repair of the old reading room."
)


def extract_saved(body: str) -> Article:
    """Return the Article row of a saved page's text."""
    return extract_article(Page(source="t", body=body.encode(), fetched_at=FETCHED))


def process_saved(body: str, path: str, source: str = "t", timezone: str = "UTC") -> Article | None:
    """Return the Article row the ingest page step makes of a saved file's text."""
    page = Page(source=source, body=body.encode(), fetched_at=FETCHED, path=path, timezone=timezone)
    return process_page(page).article
