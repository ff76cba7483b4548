"""Helpers of the fetcher tests: fast settings, sample bodies, the shared local HTTP server."""

from __future__ import annotations

from pathlib import Path

from localserver import Hit, Reply, Route, Site

from flows.fetch_settings import FetchSettings

__all__ = ["EXAMPLES", "FAST", "Hit", "Reply", "Route", "Site", "example", "rss"]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "pages"
FAST = FetchSettings(
    concurrency=8,
    per_host=2,
    min_interval=0.02,
    connect_timeout=1.0,
    read_timeout=1.0,
    page_timeout=1.5,
    max_attempts=3,
    backoff_base=0.05,
    backoff_max=0.2,
    max_retry_after=5.0,
    dead_host_after=2,
)


def example(rel: str) -> bytes:
    """Return the bytes of a bundled example page."""
    return (EXAMPLES / rel).read_bytes()


def rss(items: list[tuple[str, str]], title: str = "Test feed") -> bytes:
    """Return an RSS 2.0 feed of (link, RFC 822 date) items."""
    entries = "".join(
        f"<item><title>item {i}</title><link>{link}</link><pubDate>{day}</pubDate></item>"
        for i, (link, day) in enumerate(items)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.org/</link>{entries}</channel></rss>"
    ).encode()
