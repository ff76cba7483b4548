"""Ingest state rows: what was seen per page, so unchanged pages are skipped."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

# The outcome of a feed or sitemap URL's row (pages have article, reject or out_of_range).
LISTING = "listing"
LISTING_FAILED = "listing_failed"


@dataclass(frozen=True, slots=True)
class PageState:
    """What the last committed run knew of one page: the `state/pages` table."""

    page_key: str
    source: str
    locator: str
    raw_hash: str | None
    content_type: str | None
    etag: str | None
    last_modified: str | None
    fetched_at: datetime
    extractor_version: str
    outcome: str
    article_id: str | None
    published_at: datetime | None = None


def make_page_key(source: str, locator: str) -> str:
    """Return the stable key of a page within a source."""
    return hashlib.sha256(f"{source}\0{locator}".encode()).hexdigest()
