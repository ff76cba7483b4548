"""Helpers of the fetcher tests: fast settings, sample bodies, the shared local HTTP server."""

from __future__ import annotations

from pathlib import Path

from localserver import Hit, Reply, Route, Site

from flows.config import SourceConfig
from flows.fetch import FetchSettings, Resolver
from flows.sources import Candidate, SourceStats, Window, discover_web
from storage.state import PageState

__all__ = [
    "EXAMPLES",
    "FAST",
    "SEND_JITTER",
    "UTF8",
    "Hit",
    "Reply",
    "Route",
    "Site",
    "example",
    "rss",
    "run",
    "urls_source",
]

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

# Pacing is booked on one clock read and the send is recorded on another; on a loaded
# machine the OS may run other work between the two, so gaps are compared with this slack.
SEND_JITTER = 0.02

UTF8 = "<html><head><title>Page {n}</title></head><body><p>AI policy page {n}.</p></body></html>"


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


def run(
    source: SourceConfig,
    settings: FetchSettings = FAST,
    states: dict[str, PageState] | None = None,
    window: Window | None = None,
    resolver: Resolver | None = None,
) -> tuple[dict[str, Candidate], SourceStats]:
    """Run discover_web to the end; return page candidates by locator and the stats."""
    stats = SourceStats(source.name, source.kind)
    found = discover_web(
        source, states or {}, window or Window(), stats, settings=settings, resolver=resolver
    )
    out = {c.locator: c for c in found if not c.listing}
    return out, stats


def urls_source(
    site: Site,
    paths: list[str],
    allow_private: bool = True,
    headers: dict[str, str] | None = None,
) -> SourceConfig:
    """Return a urls source for paths on the test server (private addresses allowed)."""
    return SourceConfig(
        name="t",
        kind="urls",
        urls=tuple(site.url(p) for p in paths),
        allow_private=allow_private,
        headers=headers or {},
    )
