"""The demo: ingest the bundled sample sources, then write the digests of their weeks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flows.config import load_sources
from flows.digest import digest_flow, iso_week_of
from flows.ingest import ingest_flow
from storage.store import Store, article_days


def run_demo(sources: Path, data: str) -> dict[str, Any]:
    """Run ingest on the sample sources and a digest for every week that has articles."""
    load_sources(sources)
    rows = ingest_flow(sources=str(sources), data=data)
    store = Store(data)
    store.pull()  # an s3 DATA: read the days from an up-to-date mirror
    weeks = sorted({iso_week_of(day) for day in article_days(store)})
    results = [digest_flow(week=week, data=data) for week in weeks]
    latest = results[-1] if results else {}
    return {
        "ingest": rows,
        "weeks": weeks,
        "latest_markdown": latest.get("markdown"),
        "latest_html": latest.get("html"),
    }
