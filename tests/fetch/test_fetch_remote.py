"""discover_remote against a real local HTTP server: kinds, faults, pacing, conditional GET."""

from __future__ import annotations

import dataclasses
import gzip
import itertools
import logging
import socket
import time
from collections.abc import Generator, Iterator
from datetime import UTC, date, datetime

import pytest
from fetchkit import FAST, Reply, Site, example, rss

from extractors.decode import decode_bytes
from flows.config import SourceConfig
from flows.fetch import discover_remote
from flows.fetch_http import Resolver
from flows.fetch_settings import FetchSettings
from flows.runner import Candidate, SourceStats, Window
from storage.state import PageState

UTF8 = "<html><head><title>Page {n}</title></head><body><p>AI policy page {n}.</p></body></html>"


def run(
    source: SourceConfig,
    settings: FetchSettings = FAST,
    states: dict[str, PageState] | None = None,
    window: Window | None = None,
    resolver: Resolver | None = None,
) -> tuple[dict[str, Candidate], SourceStats]:
    """Run discover_remote to the end; return page candidates by locator and the stats."""
    stats = SourceStats(source.name, source.kind)
    found = discover_remote(
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


def test_feed_source_fetches_pages_in_three_charsets(site: Site) -> None:
    site.page(
        "/zh/gbk.html", example("zh/portal-gbk-stargate-500bn.html"), "text/html; charset=gbk"
    )
    site.page("/tw/big5.html", example("tw/big5-ai-basic-law-draft.html"), "text/html")
    site.page("/en/a.html", UTF8.format(n=1).encode())
    day = "Mon, 03 Mar 2025 08:00:00 GMT"
    feed = rss([(site.url(p), day) for p in ("/zh/gbk.html", "/tw/big5.html", "/en/a.html")])
    site.add("/rss.xml", Reply(body=feed, headers={"Content-Type": "application/rss+xml"}))
    source = SourceConfig(name="f", kind="feed", url=site.url("/rss.xml"), allow_private=True)
    got, stats = run(source)
    assert stats.error is None
    assert stats.discovered == 3 and stats.fetched == 3
    assert all(c.body and c.reason is None for c in got.values())
    gbk = got[site.url("/zh/gbk.html")]
    assert gbk.body == example("zh/portal-gbk-stargate-500bn.html")
    assert gbk.content_type == "text/html; charset=gbk"
    assert gbk.etag and gbk.last_modified
    text, encoding = decode_bytes(gbk.body or b"", gbk.content_type)
    assert encoding == "gb18030" and "星际之门" in text
    text, _ = decode_bytes(got[site.url("/tw/big5.html")].body or b"", "text/html")
    assert "人工智慧" in text
    assert site.count("/robots.txt") == 1


def test_wrong_charset_header_still_decodes(site: Site) -> None:
    body = example("zh/portal-gbk-stargate-500bn.html")
    site.page("/wrong.html", body, "text/html; charset=utf-8")
    got, _ = run(urls_source(site, ["/wrong.html"]))
    cand = got[site.url("/wrong.html")]
    text, encoding = decode_bytes(cand.body or b"", cand.content_type)
    assert encoding == "gb18030" and "星际之门" in text


def test_feed_window_and_max_pages(site: Site) -> None:
    items = [
        (site.url("/old"), "Sat, 01 Feb 2025 10:00:00 GMT"),
        (site.url("/in1"), "Mon, 03 Mar 2025 10:00:00 GMT"),
        (site.url("/in2"), "Tue, 04 Mar 2025 10:00:00 GMT"),
        (site.url("/in2"), "Tue, 04 Mar 2025 10:00:00 GMT"),
        (site.url("/in3"), "Wed, 05 Mar 2025 10:00:00 GMT"),
        (site.url("/late"), "Tue, 01 Apr 2025 10:00:00 GMT"),
    ]
    site.add("/rss.xml", Reply(body=rss(items), headers={"Content-Type": "text/xml"}))
    for p in ("/in1", "/in2", "/in3"):
        site.page(p, UTF8.format(n=p).encode())
    source = SourceConfig(
        name="f", kind="feed", url=site.url("/rss.xml"), allow_private=True, max_pages=2
    )
    got, stats = run(source, window=Window(date(2025, 3, 1), date(2025, 3, 31)))
    assert sorted(got) == [site.url("/in1"), site.url("/in2")]
    assert stats.discovered == 2
    assert site.count("/old") == site.count("/late") == site.count("/in3") == 0


def test_sitemap_index_recursion_lastmod_and_news(site: Site) -> None:
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    news_ns = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
    index = (
        f'<?xml version="1.0"?><sitemapindex {ns}>'
        f"<sitemap><loc>{site.url('/old.xml')}</loc><lastmod>2024-01-01</lastmod></sitemap>"
        f"<sitemap><loc>{site.url('/news.xml.gz')}</loc><lastmod>2025-03-05</lastmod></sitemap>"
        f"<sitemap><loc>{site.url('/plain.xml')}</loc></sitemap>"
        f"<sitemap><loc>{site.url('/broken.xml')}</loc></sitemap>"
        "</sitemapindex>"
    )
    news = (
        f'<?xml version="1.0"?><urlset {ns} {news_ns}>'
        f"<url><loc>{site.url('/n1')}</loc><news:news>"
        "<news:publication_date>2025-03-04T09:00:00+08:00</news:publication_date></news:news></url>"
        f"<url><loc>{site.url('/n-old')}</loc><news:news>"
        "<news:publication_date>2025-02-01</news:publication_date></news:news></url></urlset>"
    )
    plain = (
        f'<?xml version="1.0"?><urlset {ns}>'
        f"<url><loc>{site.url('/p1')}</loc><lastmod>2025-03-02</lastmod></url>"
        f"<url><loc>{site.url('/p-stale')}</loc><lastmod>2025-01-02</lastmod></url>"
        f"<url><loc>{site.url('/p-undated')}</loc></url></urlset>"
    )
    site.add("/index.xml", Reply(body=index.encode(), headers={"Content-Type": "application/xml"}))
    site.add(
        "/news.xml.gz",
        Reply(body=gzip.compress(news.encode()), headers={"Content-Type": "application/x-gzip"}),
    )
    site.add("/plain.xml", Reply(body=plain.encode(), headers={"Content-Type": "text/xml"}))
    site.add("/broken.xml", Reply(500, b"oops"))
    for p in ("/n1", "/p1", "/p-undated"):
        site.page(p, UTF8.format(n=p).encode())
    source = SourceConfig(name="s", kind="sitemap", url=site.url("/index.xml"), allow_private=True)
    got, stats = run(source, window=Window(since=date(2025, 3, 1)))
    assert sorted(got) == sorted(site.url(p) for p in ("/n1", "/p1", "/p-undated"))
    assert stats.error is None and stats.fetched == 3
    assert site.count("/old.xml") == 0
    assert site.count("/broken.xml") == 1  # 500 is not retried; only 502/503/504/429 are


def make_faults(site: Site) -> None:
    """Serve one path per fault the fetcher must handle."""
    site.add("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private\n"))
    site.page("/ok", UTF8.format(n="ok").encode())
    site.add("/private/secret", Reply(body=b"<html>secret</html>"))
    site.add("/missing", Reply(404, b"gone"))
    site.add("/forbidden", Reply(403, b"no"))
    site.add("/teapot-500", Reply(500, b"bad"))
    site.add("/always-503", Reply(503, b"busy", {"Retry-After": "0"}))
    storm = iter([503, 503, 200])
    site.add(
        "/storm",
        lambda hit: Reply(
            next(storm, 200), b"<html><p>calm</p></html>", {"Content-Type": "text/html"}
        ),
    )
    limited = iter([429])
    site.add(
        "/limited",
        lambda hit: Reply(
            next(limited, 200),
            b"<html><p>fine</p></html>",
            {"Content-Type": "text/html", "Retry-After": "1"},
        ),
    )
    site.add("/slow", Reply(body=b"<html>late</html>", delay=5.0))
    site.add("/loop-a", Reply(302, headers={"Location": "/loop-b"}))
    site.add("/loop-b", Reply(301, headers={"Location": "/loop-a"}))
    for n in range(8):
        site.add(f"/hop{n}", Reply(302, headers={"Location": f"/hop{n + 1}"}))
    site.add("/hop8", Reply(body=b"<html>end</html>"))
    site.add("/moved", Reply(301, headers={"Location": "/ok"}))
    bomb = gzip.compress(b" " * (12 * 1024 * 1024))
    site.add(
        "/bomb", Reply(body=bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})
    )
    site.add(
        "/huge",
        Reply(
            body=b"",
            headers={"Content-Type": "text/html", "Content-Length": str(50 * 1024 * 1024)},
            length=False,
        ),
    )
    site.add(
        "/huge-stream",
        Reply(headers={"Content-Type": "text/html"}, chunks=(b"a" * 65536 for _ in range(800))),
    )
    site.add("/pdf", Reply(body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"}))
    site.add("/trickle", Reply(headers={"Content-Type": "text/html"}, chunks=trickle(site)))


def trickle(site: Site) -> Iterator[bytes]:
    """Yield a byte every 0.25 s: each read is quick, the whole page is too slow."""
    for _ in range(40):
        if site.closing.wait(0.25):
            return
        yield b"<p>drip</p>"


FAULTS = {
    "/ok": None,
    "/moved": None,
    "/storm": None,
    "/limited": None,
    "/private/secret": "robots",
    "/missing": "http_4xx",
    "/forbidden": "http_4xx",
    "/teapot-500": "http_5xx",
    "/always-503": "http_5xx",
    "/slow": "timeout",
    "/trickle": "timeout",
    "/loop-a": "redirect_loop",
    "/hop0": "too_many_redirects",
    "/bomb": "too_large",
    "/huge": "too_large",
    "/huge-stream": "too_large",
    "/pdf": "not_html",
}


def test_every_fault_ends_as_the_right_reason(site: Site) -> None:
    make_faults(site)
    started = time.monotonic()
    got, stats = run(urls_source(site, list(FAULTS)))
    elapsed = time.monotonic() - started
    reasons = {loc.removeprefix(site.base): c.reason for loc, c in got.items()}
    assert reasons == FAULTS
    assert stats.fetched == 4 and stats.discovered == len(FAULTS)
    assert stats.error is None
    assert site.count("/private/secret") == 0
    assert site.count("/always-503") == FAST.max_attempts
    assert site.count("/teapot-500") == 1 and site.count("/missing") == 1
    assert site.count("/storm") == 3 and site.count("/limited") == 2
    assert site.count("/hop5") == 1 and site.count("/hop6") == 0
    assert got[site.url("/moved")].body == UTF8.format(n="ok").encode()
    assert "404" in got[site.url("/missing")].detail
    hits = [h.at for h in site.hits if h.path == "/limited"]
    assert hits[1] - hits[0] >= 0.95, "Retry-After: 1 was not honoured"
    assert elapsed < 15


def test_per_host_interval_and_crawl_delay(site: Site) -> None:
    site.add("/robots.txt", Reply(body=b"User-agent: *\nCrawl-delay: 0.3\n"))
    paths = [f"/p{n}" for n in range(5)]
    for p in paths:
        site.page(p, UTF8.format(n=p).encode())
    settings = dataclasses.replace(FAST, min_interval=0.1, per_host=2)
    _, stats = run(urls_source(site, paths), settings)
    assert stats.fetched == 5
    starts = sorted(h.at for h in site.hits if h.path != "/robots.txt")
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    # Starts are paced client-side; server-side arrival times jitter on a busy machine (tens
    # of ms), so the mean gap is held near the delay and single gaps only well above zero.
    assert min(gaps) >= 0.15 and sum(gaps) / len(gaps) >= 0.27, gaps


def test_interval_without_robots(site: Site) -> None:
    paths = [f"/q{n}" for n in range(6)]
    for p in paths:
        site.page(p, UTF8.format(n=p).encode())
    settings = dataclasses.replace(FAST, min_interval=0.15, per_host=3)
    run(urls_source(site, paths), settings)
    starts = sorted(h.at for h in site.hits)
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(starts) == 7 and min(gaps) >= 0.075 and sum(gaps) / len(gaps) >= 0.13, gaps


def test_conditional_get_yields_not_modified(site: Site) -> None:
    site.page("/a", UTF8.format(n="a").encode())
    site.page("/b", UTF8.format(n="b").encode())
    source = urls_source(site, ["/a", "/b"])
    first, _ = run(source)
    now = datetime.now(UTC)
    states = {
        loc: PageState(
            "k",
            "t",
            loc,
            "hash",
            c.content_type,
            c.etag,
            c.last_modified,
            now,
            "1",
            "article",
            None,
        )
        for loc, c in first.items()
    }
    second, stats = run(source, states=states)
    assert all(c.not_modified for c in second.values())
    assert stats.fetched == 0
    conditional = [h for h in site.hits if h.path in ("/a", "/b")][2:]
    assert all(h.headers.get("if-none-match") for h in conditional)
    assert all(h.headers.get("if-modified-since") for h in conditional)


def test_private_addresses_refused_unless_allowed(site: Site) -> None:
    site.page("/a", UTF8.format(n="a").encode())
    got, stats = run(urls_source(site, ["/a"], allow_private=False))
    assert got[site.url("/a")].reason == "blocked_address"
    assert "127.0.0.1" in got[site.url("/a")].detail
    assert site.hits == []
    assert stats.error is not None
    feed = SourceConfig(name="f", kind="feed", url=site.url("/rss.xml"))
    got, stats = run(feed)
    assert got == {} and stats.error and "blocked_address" in stats.error


def test_redirect_to_private_host_is_rechecked(site: Site) -> None:
    port = site.base.rsplit(":", 1)[1]
    site.add("/jump", Reply(302, headers={"Location": f"http://localhost:{port}/inside"}))
    site.add("/inside", Reply(body=b"<html>internal</html>"))

    async def pretend(host: str, port: int) -> list[str]:
        return ["93.184.216.34"] if host == "127.0.0.1" else ["127.0.0.1"]

    got, _ = run(urls_source(site, ["/jump"], allow_private=False), resolver=pretend)
    assert got[site.url("/jump")].reason == "blocked_address"
    assert site.count("/inside") == 0 and site.count("/jump") == 1


def dead_port() -> int:
    """Return a local port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_dead_host_does_not_stall_others(site: Site) -> None:
    paths = [f"/live{n}" for n in range(4)]
    for p in paths:
        site.page(p, UTF8.format(n=p).encode())
    dead = f"http://127.0.0.1:{dead_port()}"
    urls = [dead + f"/x{n}" for n in range(20)] + [site.url(p) for p in paths]
    source = SourceConfig(name="m", kind="urls", urls=tuple(urls), allow_private=True)
    started = time.monotonic()
    got, stats = run(source)
    assert time.monotonic() - started < 5
    assert stats.fetched == 4 and stats.error is None
    assert {got[dead + f"/x{n}"].reason for n in range(20)} == {"connection_error"}


def test_unreachable_feed_and_forbidden_everywhere(site: Site) -> None:
    feed = SourceConfig(
        name="f", kind="feed", url=f"http://127.0.0.1:{dead_port()}/rss", allow_private=True
    )
    got, stats = run(feed)
    assert got == {} and stats.error and "connection_error" in stats.error
    site.add("/rss.xml", Reply(body=rss([(site.url("/x"), ""), (site.url("/y"), "")])))
    site.add("/x", Reply(403, b"no"))
    site.add("/y", Reply(403, b"no"))
    source = SourceConfig(name="f", kind="feed", url=site.url("/rss.xml"), allow_private=True)
    got, stats = run(source)
    assert {c.reason for c in got.values()} == {"http_4xx"}
    assert stats.error and "http_4xx=2" in stats.error


def test_source_headers_sent_redacted_and_not_leaked(
    site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    port = site.base.rsplit(":", 1)[1]
    secret = "Bearer top-secret-token-123"
    site.add("/start", Reply(302, headers={"Location": f"http://localhost:{port}/landing"}))
    site.add("/landing", Reply(401, b"who?"))
    caplog.set_level(logging.DEBUG)
    got, _ = run(urls_source(site, ["/start"], headers={"Authorization": secret, "X-Team": "r"}))
    first, second = [h for h in site.hits if h.path != "/robots.txt"]
    assert first.headers["authorization"] == secret
    assert "authorization" not in second.headers and second.headers["x-team"] == "r"
    assert got[site.url("/start")].reason == "http_4xx"
    assert "top-secret" not in caplog.text


def test_consumer_stopping_early_ends_the_crawl(site: Site) -> None:
    paths = [f"/e{n}" for n in range(40)]
    for p in paths:
        site.page(p, UTF8.format(n=p).encode())
    source = urls_source(site, paths)
    stats = SourceStats("t", "urls")
    gen: Generator[Candidate, None, None] = discover_remote(  # type: ignore[assignment]
        source, {}, Window(), stats, settings=dataclasses.replace(FAST, queue_size=2)
    )
    first = next(gen)
    gen.close()
    assert first.body
    time.sleep(0.2)
    assert len(site.hits) < 40


def test_robots_unavailable_disallows_and_redirects_are_followed(site: Site) -> None:
    site.add("/robots.txt", Reply(301, headers={"Location": "/rules.txt"}))
    site.add("/rules.txt", Reply(body=b"User-agent: PolicyRadar\nDisallow: /x\n"))
    site.page("/y", UTF8.format(n="y").encode())
    got, _ = run(urls_source(site, ["/x", "/y"]))
    assert got[site.url("/x")].reason == "robots" and got[site.url("/y")].body
    assert site.count("/x") == 0


def test_robots_server_error_disallows_the_host(site: Site) -> None:
    site.add("/robots.txt", Reply(500, b"down"))
    site.page("/y", UTF8.format(n="y").encode())
    got, stats = run(urls_source(site, ["/y"]))
    assert got[site.url("/y")].reason == "robots"
    assert site.count("/y") == 0 and stats.error


def test_robots_and_pacing_carry_over_between_sources(site: Site) -> None:
    site.add("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /x\n"))
    site.page("/a", UTF8.format(n="a").encode())
    site.page("/b", UTF8.format(n="b").encode())
    settings = dataclasses.replace(FAST, min_interval=0.3)
    run(urls_source(site, ["/a"]), settings)
    got, _ = run(urls_source(site, ["/b", "/x"]), settings)
    assert site.count("/robots.txt") == 1
    assert got[site.url("/x")].reason == "robots"
    starts = [h.at for h in site.hits if h.path in ("/a", "/b")]
    assert starts[1] - starts[0] >= 0.25


def test_long_retry_after_leaves_the_host(site: Site) -> None:
    site.add("/r1", Reply(429, b"later", {"Retry-After": "3600"}))
    site.page("/r2", UTF8.format(n="r2").encode())
    got, _ = run(urls_source(site, ["/r1", "/r2"]), dataclasses.replace(FAST, per_host=1))
    assert got[site.url("/r1")].reason == "http_4xx"
    assert "3600" in got[site.url("/r1")].detail
    assert got[site.url("/r2")].reason == "http_4xx" and site.count("/r2") == 0


def test_closing_the_stream_cancels_fetches_in_flight(site: Site) -> None:
    site.page("/quick", UTF8.format(n="q").encode())
    site.add("/stuck", Reply(body=b"<html>late</html>", delay=20.0))
    slow = dataclasses.replace(FAST, read_timeout=30.0, page_timeout=30.0, per_host=2)
    gen: Generator[Candidate, None, None] = discover_remote(  # type: ignore[assignment]
        urls_source(site, ["/quick", "/stuck"]),
        {},
        Window(),
        SourceStats("t", "urls"),
        settings=slow,
    )
    assert next(gen).locator == site.url("/quick")
    started = time.monotonic()
    gen.close()
    assert time.monotonic() - started < 2.0


def test_unresolvable_feed_host_fails_the_source_only() -> None:
    async def no_dns(host: str, port: int) -> list[str]:
        raise socket.gaierror(-2, "Name or service not known")

    feed = SourceConfig(name="f", kind="feed", url="http://feeds.example.invalid/rss.xml")
    got, stats = run(feed, resolver=no_dns)
    assert got == {}
    assert stats.error and "cannot resolve feeds.example.invalid" in stats.error


def test_fragments_are_dropped_and_duplicates_merged(site: Site) -> None:
    site.page("/a", UTF8.format(n="a").encode())
    items = [(site.url("/a#top"), ""), (site.url("/a#comments"), ""), (site.url("/a"), "")]
    site.add("/rss.xml", Reply(body=rss(items), headers={"Content-Type": "text/xml"}))
    source = SourceConfig(name="f", kind="feed", url=site.url("/rss.xml"), allow_private=True)
    got, stats = run(source)
    assert list(got) == [site.url("/a")] and stats.discovered == 1
    assert site.count("/a") == 1


def test_cookies_a_site_sets_are_sent_back_on_later_requests(site: Site) -> None:
    site.add("/gate", Reply(302, headers={"Location": "/in", "Set-Cookie": "consent=yes; Path=/"}))
    site.page("/in", UTF8.format(n="in").encode())
    site.page("/other", UTF8.format(n="other").encode())
    got, _ = run(urls_source(site, ["/gate"]))
    assert got[site.url("/gate")].body
    (landing,) = [h for h in site.hits if h.path == "/in"]
    assert landing.headers.get("cookie") == "consent=yes"
    (gate,) = [h for h in site.hits if h.path == "/gate"]
    assert "cookie" not in gate.headers
