"""Remote listings, one class per kind (like fundus' URLSource family): feed, sitemap, URL list."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable
from typing import Protocol, TypeVar

from flows.config import SourceConfig
from flows.fetch import strip_userinfo
from flows.sources.contract import Candidate, SourceFailedError, Window
from flows.sources.listings import Listed, Sitemap, keep_listed, parse_feed, parse_sitemap

log = logging.getLogger("policy_radar.fetch")
T = TypeVar("T")


class ListingReader(Protocol):
    """What a listing needs from the crawl: read a listing URL, report a listing problem."""

    async def read_listing(self, url: str, parse: Callable[[bytes, str], T]) -> T:
        """Fetch (conditionally) and parse a listing; raise SourceFailedError if unreadable."""
        ...

    async def report(self, candidate: Candidate) -> None:
        """Send a candidate (a listing's failure) to the runner."""
        ...


class WebListing(ABC):
    """Where a remote source names its pages."""

    def __init__(self, source: SourceConfig, window: Window, max_sitemaps: int) -> None:
        self.source = source
        self.window = window
        self.max_sitemaps = max_sitemaps

    @abstractmethod
    async def pages(self, reader: ListingReader) -> list[Listed]:
        """Return the pages the listing names (not yet window-filtered or de-duplicated)."""


class UrlList(WebListing):
    """A fixed list of page URLs from the sources file."""

    async def pages(self, reader: ListingReader) -> list[Listed]:
        """Return the configured URLs."""
        return [Listed(u) for u in self.source.urls]


class FeedListing(WebListing):
    """An RSS 0.9x/1.0/2.0 or Atom feed."""

    async def pages(self, reader: ListingReader) -> list[Listed]:
        """Return the entries of the feed."""
        assert self.source.url is not None
        return await reader.read_listing(self.source.url, parse_feed)


class SitemapListing(WebListing):
    """A sitemap or sitemap index, walked breadth first within ``max_sitemaps``."""

    async def pages(self, reader: ListingReader) -> list[Listed]:
        """Walk the sitemap and its children; return their pages."""
        src = self.source
        assert src.url is not None
        todo: deque[str] = deque([src.url])
        seen = {src.url}
        parents: dict[str, str] = {}  # sitemap -> the index that listed it
        looped: set[str] = set()
        pages: list[Listed] = []
        failures: list[str] = []
        done = 0

        def parse(body: bytes, url: str) -> Sitemap:
            return parse_sitemap(body, url, src.timezone)

        while todo and done < self.max_sitemaps:
            url = todo.popleft()
            done += 1
            try:
                sitemap = await reader.read_listing(url, parse)
            except SourceFailedError as exc:
                if url == src.url:
                    raise
                failures.append(str(exc))
                log.warning("sitemap of %s skipped: %s", src.name, exc)
                continue
            for child in sitemap.children:
                if child.problem is not None:
                    await reader.report(
                        Candidate(
                            child.url, reason="parse_error", detail=child.problem, listing=True
                        )
                    )
                elif child.url in seen:
                    if child.url not in looped and _lists_back(child.url, url, parents):
                        looped.add(child.url)  # an index listing itself or one above it
                        detail = f"sitemap index {strip_userinfo(url)} lists it again"
                        await reader.report(
                            Candidate(child.url, reason="sitemap_loop", detail=detail, listing=True)
                        )
                elif keep_listed(child, self.window, src.timezone):
                    seen.add(child.url)
                    parents[child.url] = url
                    todo.append(child.url)
            pages.extend(sitemap.pages)
        if todo:  # never read, on any run, until the limit allows: said, not dropped
            log.warning(
                "source %s: %d child sitemaps not read (max_sitemaps = %d)",
                src.name,
                len(todo),
                self.max_sitemaps,
            )
            detail = f"not read: the source's first {self.max_sitemaps} sitemaps (max_sitemaps)"
            for url in todo:
                await reader.report(
                    Candidate(url, reason="over_limit", detail=detail, listing=True)
                )
        if failures and not pages:
            raise SourceFailedError(f"every child sitemap failed: {failures[0]}")
        return pages


LISTINGS: dict[str, type[WebListing]] = {
    "urls": UrlList,
    "feed": FeedListing,
    "sitemap": SitemapListing,
}


def web_listing(source: SourceConfig, window: Window, max_sitemaps: int) -> WebListing:
    """Return the listing of a remote source, by its kind."""
    return LISTINGS[source.kind](source, window, max_sitemaps)


def _lists_back(child: str, url: str, parents: dict[str, str]) -> bool:
    """Return True when ``child`` is ``url`` or an index above it (a loop, not a repeat)."""
    node: str | None = url
    while node is not None:
        if node == child:
            return True
        node = parents.get(node)
    return False
