"""discover_web against a real local HTTP server: kinds, pacing, robots, conditional GET."""

from __future__ import annotations

import dataclasses
import gzip
import itertools
import time
from collections.abc import Generator
from datetime import UTC, date, datetime

from fetchkit import FAST, SEND_JITTER, UTF8, Reply, Site, example, rss, run, urls_source

from extractors.decode import decode_bytes
from flows.config import SourceConfig
from flows.sources import Candidate, SourceStats, Window, discover_web
from storage.state import PageState


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


def _gaps(times: list[float]) -> list[float]:
    return [b - a for a, b in itertools.pairwise(sorted(times))]


# Pacing is checked on the client's send times: the server's arrival times jitter on a busy
# machine (a stalled server thread records two paced requests back to back), and pacing is
# a promise about when we send, which arrival times can only confirm loosely.


def test_per_host_interval_and_crawl_delay(site: Site, sends: list[tuple[float, str]]) -> None:
    site.add("/robots.txt", Reply(body=b"User-agent: *\nCrawl-delay: 0.3\n"))
    paths = [f"/p{n}" for n in range(5)]
    for p in paths:
        site.page(p, UTF8.format(n=p).encode())
    settings = dataclasses.replace(FAST, min_interval=0.1, per_host=2)
    _, stats = run(urls_source(site, paths), settings)
    assert stats.fetched == 5
    sent = [at for at, path in sends if path != "/robots.txt"]
    assert len(sent) == 5 and min(_gaps(sent)) >= 0.3 - SEND_JITTER, _gaps(sent)
    assert site.count("/robots.txt") == 1 and len(site.hits) == 6


def test_interval_without_robots(site: Site, sends: list[tuple[float, str]]) -> None:
    paths = [f"/q{n}" for n in range(6)]
    for p in paths:
        site.page(p, UTF8.format(n=p).encode())
    settings = dataclasses.replace(FAST, min_interval=0.15, per_host=3)
    run(urls_source(site, paths), settings)
    sent = [at for at, _ in sends]
    assert len(sent) == len(site.hits) == 7, sends  # robots.txt is paced like any page
    assert min(_gaps(sent)) >= 0.15 - SEND_JITTER, _gaps(sent)


def test_interval_holds_when_requests_wait_for_a_shared_slot(
    site: Site, sends: list[tuple[float, str]]
) -> None:
    # One shared slot, held by a slow page on a second host name for the same server: the
    # first host's paced requests queue behind it and must still leave an interval apart.
    site.add("/robots.txt", Reply(body=b"User-agent: *\n"))
    site.add("/slow", Reply(body=UTF8.format(n="slow").encode(), delay=0.6))
    for p in ("/f0", "/f1", "/f2"):
        site.page(p, UTF8.format(n=p).encode())
    other = site.url("/slow").replace("127.0.0.1", "localhost")
    source = dataclasses.replace(urls_source(site, ["/f0", "/f1", "/f2"]))
    source = dataclasses.replace(source, urls=(other, *source.urls))
    settings = dataclasses.replace(FAST, concurrency=1, per_host=3, min_interval=0.2)
    got, _ = run(source, settings)
    assert len(got) == 4, sorted(got)
    sent = [at for at, path in sends if path.startswith("/f")]
    assert len(sent) == 3 and min(_gaps(sent)) >= 0.2 - SEND_JITTER, _gaps(sent)


def test_retry_after_holds_a_request_already_queued(
    site: Site, sends: list[tuple[float, str]]
) -> None:
    # One shared slot: whichever page goes first gets a slow 429 asking the whole host to wait
    # a second; the other has passed the host's pacing and queues for the slot meanwhile, and
    # must wait out the second too, not take the slot the moment the 429 frees it.
    answers = iter([Reply(429, b"later", {"Retry-After": "1"}, delay=0.3)])
    for p in ("/a1", "/a2"):
        body = UTF8.format(n=p).encode()
        site.add(p, lambda hit, body=body: next(answers, Reply(body=body)))
    settings = dataclasses.replace(FAST, concurrency=1, per_host=2, min_interval=0.05)
    got, _ = run(urls_source(site, ["/a1", "/a2"]), settings)
    assert len(got) == 2 and len(site.hits) == 4  # robots.txt, the 429, both pages
    pages = [(at, path) for at, path in sends if path != "/robots.txt"]
    first, refused = pages[0]
    other = next(at for at, path in pages if path != refused)
    assert other - first >= 1 - SEND_JITTER, [(round(at - first, 3), p) for at, p in sends]


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


def test_consumer_stopping_early_ends_the_crawl(site: Site) -> None:
    paths = [f"/e{n}" for n in range(40)]
    for p in paths:
        site.page(p, UTF8.format(n=p).encode())
    source = urls_source(site, paths)
    stats = SourceStats("t", "urls")
    gen: Generator[Candidate, None, None] = discover_web(  # type: ignore[assignment]
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
    # Timeouts far above FAST's: a robots.txt that times out means "host unreachable, nothing
    # known" (rules_after_failure), so on a loaded machine FAST's one second turned this 5xx
    # test into a timeout one (seen once, with four test processes on two cores).
    patient = dataclasses.replace(FAST, connect_timeout=10.0, read_timeout=10.0, page_timeout=15.0)
    got, stats = run(urls_source(site, ["/y"]), settings=patient)
    assert got[site.url("/y")].reason == "robots"
    assert site.count("/y") == 0 and stats.error


def test_robots_and_pacing_carry_over_between_sources(
    site: Site, sends: list[tuple[float, str]]
) -> None:
    site.add("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /x\n"))
    site.page("/a", UTF8.format(n="a").encode())
    site.page("/b", UTF8.format(n="b").encode())
    settings = dataclasses.replace(FAST, min_interval=0.3)
    run(urls_source(site, ["/a"]), settings)
    got, _ = run(urls_source(site, ["/b", "/x"]), settings)
    assert site.count("/robots.txt") == 1
    assert got[site.url("/x")].reason == "robots"
    starts = [at for at, path in sends if path in ("/a", "/b")]
    assert len(starts) == 2 and starts[1] - starts[0] >= 0.3 - SEND_JITTER


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
