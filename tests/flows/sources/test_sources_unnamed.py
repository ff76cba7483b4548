"""Listing entries: those naming no page, odd dates, the sitemap limit, links after a redirect."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import pytest
from fetchkit import Site, example, rss
from localserver import Reply

from extractors.exceptions import FetchError
from flows.config import load_sources
from flows.ingest import run_ingest
from flows.sources import SourceStats, Window, keep_listed, parse_feed, parse_sitemap

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
DAY = "Tue, 04 Mar 2025 09:30:00 GMT"
# trafilatura deprecations raised inside the extractor are not this module's concern.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pace lightly (one local host)."""
    monkeypatch.setenv("RADAR_FETCH_MIN_INTERVAL", "0.01")


def _urlset(*entries: str) -> bytes:
    return f'<?xml version="1.0"?><urlset {NS}>{"".join(entries)}</urlset>'.encode()


def _ingest(tmp_path: Path, kind: str, url: str) -> tuple[SourceStats, Path]:
    toml = tmp_path / "sources.toml"
    toml.write_text(
        f'[[sources]]\nname = "s"\nkind = "{kind}"\nurl = "{url}"\nallow_private = true\n',
        encoding="utf-8",
    )
    data = tmp_path / "data"
    (stats,) = run_ingest(load_sources(toml), str(data), Window())
    return stats, data


def _rejects(data: Path) -> dict[str, tuple[str, str]]:
    frames = [pl.read_parquet(f) for f in sorted((data / "rejects").rglob("*.parquet"))]
    frames = [f for f in frames if f.height]
    if not frames:
        return {}
    rows = pl.concat(frames, how="diagonal")
    return {r["url"]: (r["reason"], r["detail"]) for r in rows.iter_rows(named=True)}


def test_a_feed_item_without_a_link_is_kept_as_a_problem_with_its_id() -> None:
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        b'<item><title>Briefing</title><guid isPermaLink="false">brief-17</guid></item>'
        b"<item><title>b</title><link>https://news.example/b</link></item></channel></rss>"
    )
    first, second = parse_feed(body, "https://news.example/feed.xml")
    assert first.url == "https://news.example/feed.xml#entry-1"
    assert first.problem is not None and "brief-17" in first.problem
    assert second.url == "https://news.example/b" and second.problem is None


def test_sitemap_entries_without_loc_are_kept_as_problems() -> None:
    body = _urlset(
        "<url><lastmod>2025-03-01</lastmod></url>", "<url><loc>https://a.example/p</loc></url>"
    )
    missing, page = parse_sitemap(body, "https://a.example/map.xml").pages
    assert missing.url == "https://a.example/map.xml#url-1" and missing.problem
    assert missing.modified == datetime(2025, 3, 1, tzinfo=UTC)
    assert page.url == "https://a.example/p" and page.problem is None
    index = f'<?xml version="1.0"?><sitemapindex {NS}><sitemap/></sitemapindex>'.encode()
    (child,) = parse_sitemap(index, "https://a.example/index.xml").children
    assert child.url == "https://a.example/index.xml#sitemap-1" and child.problem


def test_every_line_of_a_text_sitemap_is_listed() -> None:
    body = b"https://a.example/1\n\nwww.a.example/2\n/3\n"
    listed = parse_sitemap(body, "https://a.example/map.txt").pages
    assert [item.url for item in listed] == ["https://a.example/1", "www.a.example/2", "/3"]
    with pytest.raises(FetchError, match="neither XML nor a URL list"):
        parse_sitemap(b"www.a.example/2\n/3\n", "https://a.example/map.txt")


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:30:00-01:00"])
def test_a_lastmod_outside_the_calendar_in_utc_is_no_date(stamp: str) -> None:
    body = _urlset(f"<url><loc>https://a.example/p</loc><lastmod>{stamp}</lastmod></url>")
    (page,) = parse_sitemap(body, "https://a.example/map.xml", "Asia/Shanghai").pages
    assert page.modified is None
    assert keep_listed(page, Window(date(2025, 1, 1)), "Asia/Shanghai")


def test_a_date_at_the_calendar_end_is_judged_by_its_own_day() -> None:
    sitemap = _urlset(
        "<url><loc>https://a.example/p</loc><lastmod>9999-12-31T23:30:00Z</lastmod></url>"
    )
    (changed,) = parse_sitemap(sitemap, "https://a.example/map.xml").pages
    feed = (
        b'<rss version="2.0"><channel><title>t</title><item><link>https://a.example/p</link>'
        b"<pubDate>Fri, 31 Dec 9999 23:30:00 GMT</pubDate></item></channel></rss>"
    )
    (dated,) = parse_feed(feed, "https://a.example/feed.xml")
    since, until = Window(date(2025, 1, 1)), Window(None, date(2025, 1, 1))
    assert keep_listed(changed, since, "Asia/Shanghai")  # changed after since: may be in it
    assert keep_listed(dated, since, "Asia/Shanghai")
    assert not keep_listed(dated, until, "Asia/Shanghai")  # published on 9999-12-31


def test_linkless_feed_items_are_rejects_rows_and_the_rest_is_read(
    site: Site, tmp_path: Path
) -> None:
    site.page("/a.html", example("en/bom-eu-ai-act-in-force.html"))
    feed = rss([(site.url("/a.html"), DAY)]).replace(
        b"<item>",
        b'<item><title>Audio only</title><guid isPermaLink="false">podcast-9</guid></item><item>',
        1,
    )
    site.page("/feed.xml", feed, "application/rss+xml")
    stats, data = _ingest(tmp_path, "feed", site.url("/feed.xml"))
    assert stats.error is None and stats.discovered == 2 and stats.new_articles == 1
    assert dict(stats.rejects) == {"parse_error": 1}
    reason, detail = _rejects(data)[site.url("/feed.xml") + "#entry-1"]
    assert reason == "parse_error" and "podcast-9" in detail and "no page address" in detail


def test_an_impossible_lastmod_costs_no_page(site: Site, tmp_path: Path) -> None:
    site.page("/a.html", example("en/bom-eu-ai-act-in-force.html"))
    odd = "<lastmod>0001-01-01T00:00:00+01:00</lastmod>"
    site.page("/map.xml", _urlset(f"<url><loc>{site.url('/a.html')}</loc>{odd}</url>"))
    toml = tmp_path / "sources.toml"
    toml.write_text(
        f'[[sources]]\nname = "s"\nkind = "sitemap"\nurl = "{site.url("/map.xml")}"\n'
        'allow_private = true\ntimezone = "Asia/Shanghai"\n',
        encoding="utf-8",
    )
    window = Window(date(2025, 1, 1))
    (stats,) = run_ingest(load_sources(toml), str(tmp_path / "data"), window)
    assert stats.error is None and stats.fetched == 1


def test_child_sitemaps_past_the_limit_are_rows_until_a_run_reads_them(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    pages = {
        "/a.html": "en/bom-eu-ai-act-in-force.html",
        "/b.html": "en/techledger-stargate-500bn.html",
    }
    for n, (path, rel) in enumerate(pages.items(), 1):
        site.page(path, example(rel))
        site.page(f"/map-{n}.xml", _urlset(f"<url><loc>{site.url(path)}</loc></url>"))
    children = "".join(f"<sitemap><loc>{site.url(f'/map-{n}.xml')}</loc></sitemap>" for n in (1, 2))
    index = f'<?xml version="1.0"?><sitemapindex {NS}>{children}</sitemapindex>'
    site.page("/index.xml", index.encode(), "application/xml")

    monkeypatch.setenv("RADAR_FETCH_MAX_SITEMAPS", "2")  # the index and its first child
    with caplog.at_level(logging.WARNING, logger="policy_radar.fetch"):
        stats, data = _ingest(tmp_path, "sitemap", site.url("/index.xml"))
    assert stats.error is None and stats.new_articles == 1
    reason, detail = _rejects(data)[site.url("/map-2.xml")]
    assert reason == "over_limit" and "max_sitemaps" in detail
    assert any("1 child sitemaps not read" in r.getMessage() for r in caplog.records)

    monkeypatch.setenv("RADAR_FETCH_MAX_SITEMAPS", "3")
    again, _ = _ingest(tmp_path, "sitemap", site.url("/index.xml"))
    assert again.error is None and again.new_articles == 1
    assert site.url("/map-2.xml") not in _rejects(data)


def test_a_feed_that_lists_nothing_says_so(
    site: Site, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    site.page("/feed.xml", rss([]), "application/rss+xml")
    with caplog.at_level(logging.WARNING, logger="policy_radar.fetch"):
        stats, _ = _ingest(tmp_path, "feed", site.url("/feed.xml"))
    assert stats.discovered == 0 and stats.error is None
    assert any("its feed lists no pages" in r.getMessage() for r in caplog.records)


def test_relative_links_of_a_moved_feed_resolve_where_it_now_lives(
    site: Site, tmp_path: Path
) -> None:
    moved = site.url("/2025/feed.xml").replace("127.0.0.1", "localhost")
    site.add("/feed", Reply(301, b"", {"Location": moved}))
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        "<id>urn:t</id><updated>2025-03-04T00:00:00Z</updated><entry><title>a</title>"
        '<id>urn:a</id><link rel="alternate" href="ferry-rules.html"/>'
        "<updated>2025-03-04T09:00:00Z</updated></entry></feed>"
    )
    site.page("/2025/feed.xml", atom.encode(), "application/atom+xml")
    site.page("/2025/ferry-rules.html", example("en/bom-eu-ai-act-in-force.html"))
    stats, _ = _ingest(tmp_path, "feed", site.url("/feed"))
    assert stats.error is None and stats.new_articles == 1
    assert site.count("/2025/ferry-rules.html") == 1 and site.count("/ferry-rules.html") == 0
