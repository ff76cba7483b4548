"""The demo: ingest the bundled sample sources, then write the digests of their weeks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flows.digest import digest_flow, iso_week_of
from flows.ingest import ingest_flow
from storage.store import Store, published_days


def published_weeks(store: Store) -> list[str]:
    """Return the ISO weeks (UTC) of the stored articles that print a date, oldest first.

    An undated article (``published_at`` null) belongs to no week: its fetch time (a file's
    modification time) says when the copy was made, not when the news happened.
    """
    return sorted({iso_week_of(day) for day in published_days(store)})


def run_demo(sources: Path, data: str) -> dict[str, Any]:
    """Run ingest on the sample sources and a digest for every week with a dated article."""
    rows = ingest_flow(sources_file=str(sources), data=data)
    store = Store(data)
    store.pull()  # an s3 DATA: read the days from an up-to-date mirror
    weeks = published_weeks(store)
    results = [digest_flow(week=week, data=data) for week in weeks]
    with_items = [r for r in results if isinstance(r, dict) and r.get("items")]
    latest = with_items[-1] if with_items else {}
    return {
        "ingest": rows,
        "weeks": weeks,
        "latest_week": latest.get("week"),
        "latest_markdown": latest.get("markdown"),
        "latest_html": latest.get("html"),
    }
