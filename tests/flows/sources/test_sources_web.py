"""Remote listings, one class per kind: what each names, read through a stand-in crawl."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

import pytest

from extractors.exceptions import FetchError
from flows.config import SourceConfig
from flows.sources import (
    Candidate,
    FeedListing,
    SitemapListing,
    SourceFailedError,
    UrlList,
    Window,
    web_listing,
)

T = TypeVar("T")
BASE = "https://example.org"


def _urlset(*paths: str) -> bytes:
    locs = "".join(f"<url><loc>{BASE}{p}</loc></url>" for p in paths)
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'.encode()


def _index(*paths: str) -> bytes:
    locs = "".join(f"<sitemap><loc>{BASE}{p}</loc></sitemap>" for p in paths)
    return f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</sitemapindex>'.encode()


class Reader:
    """Serves listing bodies from a dict; a missing URL fails like an unreadable listing."""

    def __init__(self, bodies: dict[str, bytes]) -> None:
        self.bodies = bodies
        self.read: list[str] = []
        self.reported: list[Candidate] = []

    async def read_listing(self, url: str, parse: Callable[[bytes, str], T]) -> T:
        self.read.append(url)
        if url not in self.bodies:
            raise SourceFailedError(f"{url}: http_4xx: 404 Not Found")
        return parse(self.bodies[url], url)

    async def report(self, candidate: Candidate) -> None:
        self.reported.append(candidate)


def _source(kind: str, **extra: object) -> SourceConfig:
    return SourceConfig(name="s", kind=kind, **extra)  # type: ignore[arg-type]


def _pages(kind: str, reader: Reader, **extra: object) -> list[str]:
    listing = web_listing(_source(kind, **extra), Window(), max_sitemaps=10)
    return [item.url for item in asyncio.run(listing.pages(reader))]


def test_one_class_per_kind() -> None:
    kinds = {"urls": UrlList, "feed": FeedListing, "sitemap": SitemapListing}
    for kind, cls in kinds.items():
        assert type(web_listing(_source(kind, url=BASE + "/x"), Window(), 10)) is cls


def test_url_list_names_its_urls_without_reading_anything() -> None:
    reader = Reader({})
    assert _pages("urls", reader, urls=(BASE + "/a", BASE + "/b")) == [BASE + "/a", BASE + "/b"]
    assert reader.read == []


def test_feed_names_its_entries() -> None:
    rss = f'<rss version="2.0"><channel><item><link>{BASE}/a</link></item></channel></rss>'
    reader = Reader({BASE + "/feed": rss.encode()})
    assert _pages("feed", reader, url=BASE + "/feed") == [BASE + "/a"]


def test_sitemap_index_is_walked_and_a_loop_is_reported_once() -> None:
    reader = Reader(
        {
            BASE + "/index.xml": _index("/one.xml", "/two.xml"),
            BASE + "/one.xml": _urlset("/a", "/b"),
            BASE + "/two.xml": _index("/index.xml"),  # lists the index above it: a loop
        }
    )
    assert _pages("sitemap", reader, url=BASE + "/index.xml") == [BASE + "/a", BASE + "/b"]
    assert [c.reason for c in reader.reported] == ["sitemap_loop"]


def test_sitemap_fails_when_its_root_or_every_child_fails() -> None:
    with pytest.raises(SourceFailedError):
        _pages("sitemap", Reader({}), url=BASE + "/index.xml")
    reader = Reader({BASE + "/index.xml": _index("/gone.xml")})
    with pytest.raises(SourceFailedError, match="every child sitemap failed"):
        _pages("sitemap", reader, url=BASE + "/index.xml")
    with pytest.raises(FetchError):  # a body that is no sitemap is the parser's error
        _pages("sitemap", Reader({BASE + "/s.xml": b"<html/>"}), url=BASE + "/s.xml")
