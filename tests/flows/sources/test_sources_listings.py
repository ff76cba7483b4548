"""Feeds and sitemaps across runs: conditional GETs, 304s re-read from raw, no entry lost."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from fetchkit import Hit, Reply, Site, example, rss

from flows.config import load_sources
from flows.ingest import run_ingest
from flows.sources import SourceStats, Window
from storage.raw import RawStore

DAY = "Mon, 03 Mar 2025 08:00:00 GMT"
ARTICLES = {
    "/en/eu-ai-act.html": "en/bom-eu-ai-act-in-force.html",
    "/en/stargate.html": "en/techledger-stargate-500bn.html",
    "/en/chips.html": "en/policywire-bis-dec2024-chip-controls.html",
    "/zh/utf8.html": "zh/portal-utf8-1260h-tencent-catl.html",
}
# trafilatura deprecations raised inside the extractor are not this module's concern.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pace lightly and retry quickly (one local host)."""
    monkeypatch.setenv("RADAR_FETCH_MIN_INTERVAL", "0.01")
    monkeypatch.setenv("RADAR_FETCH_BACKOFF_BASE", "0.05")


def sources(tmp_path: Path, kind: str, url: str, extra: str = "") -> Path:
    """Write a sources file with one remote source of a kind."""
    toml = tmp_path / "sources.toml"
    toml.write_text(
        f'[[sources]]\nname = "s"\nkind = "{kind}"\nurl = "{url}"\nallow_private = true\n'
        f"recheck_days = 36500\n{extra}",  # every stored page re-checked: 304s under test
        encoding="utf-8",
    )
    return toml


def ingest(toml: Path, data: Path) -> SourceStats:
    """Run one ingest of the sources file into DATA."""
    (stats,) = run_ingest(load_sources(toml), str(data), Window())
    return stats


def table(data: Path, folder: str) -> pl.DataFrame:
    """Read a table back (empty frame when it has no rows)."""
    frames = [pl.read_parquet(f) for f in sorted((data / folder).rglob("*.parquet"))]
    frames = [f for f in frames if f.height]
    return pl.concat(frames, how="diagonal") if frames else pl.DataFrame()


def urls(data: Path, folder: str) -> set[str]:
    """Return the URLs of a table's rows."""
    frame = table(data, folder)
    return set(frame["url"]) if frame.height else set()


def listing_rows(data: Path) -> dict[str, dict[str, object]]:
    """Return the state rows of listings (feeds, sitemaps) by URL."""
    state = table(data, "state/pages")
    rows = state.filter(pl.col("outcome").is_in(["listing", "listing_failed"]))
    return {r["locator"]: r for r in rows.iter_rows(named=True)}


def files_of(root: Path) -> dict[str, int]:
    """Return every file under DATA except the lock, with its size."""
    return {
        str(p.relative_to(root)): p.stat().st_size
        for p in root.rglob("*")
        if p.is_file() and not p.name.startswith(".radar.lock")
    }


def hits_since(site: Site, start: int, path: str) -> list[Hit]:
    """Return the requests for a path after the first ``start`` hits."""
    with site.lock:
        return [h for h in site.hits[start:] if h.path == path]


def test_second_run_gets_304_for_feed_and_pages_and_retries_the_failed_entry(
    site: Site, tmp_path: Path
) -> None:
    for path, rel in ARTICLES.items():
        site.page(path, example(rel))
    flaky = {"down": True}

    def sometimes(hit: Hit) -> Reply:
        if flaky["down"]:
            return Reply(404, b"not yet", {"Content-Type": "text/plain"})
        if hit.headers.get("if-none-match") == '"late"':
            return Reply(304, headers={"ETag": '"late"'})
        body = example("en/bom-eu-ai-act-in-force.html")
        return Reply(200, body, {"Content-Type": "text/html", "ETag": '"late"'})

    site.add("/late.html", sometimes)
    links = [*ARTICLES, "/late.html"]
    site.page("/feed.xml", rss([(site.url(p), DAY) for p in links]), "application/rss+xml")
    toml = sources(tmp_path, "feed", site.url("/feed.xml"))
    data = tmp_path / "data"

    first = ingest(toml, data)
    assert first.error is None and first.fetched == 4 and dict(first.rejects) == {"http_4xx": 1}
    feed_row = listing_rows(data)[site.url("/feed.xml")]
    assert feed_row["outcome"] == "listing" and feed_row["etag"] and feed_row["last_modified"]
    assert RawStore(data).has(str(feed_row["raw_hash"]))
    assert site.url("/late.html") in urls(data, "rejects")

    flaky["down"] = False
    mark = len(site.hits)
    second = ingest(toml, data)
    (feed_hit,) = hits_since(site, mark, "/feed.xml")
    assert feed_hit.headers.get("if-none-match") == feed_row["etag"]  # answered 304
    assert feed_hit.headers.get("if-modified-since") == feed_row["last_modified"]
    for path in ARTICLES:
        (hit,) = hits_since(site, mark, path)
        assert hit.headers.get("if-none-match"), path  # each page answered 304
    (late,) = hits_since(site, mark, "/late.html")
    assert "if-none-match" not in late.headers
    assert second.error is None and second.discovered == 5
    assert second.not_modified == 4 and second.fetched == 1 and second.new_articles == 1
    assert site.url("/late.html") in urls(data, "articles")
    assert site.url("/late.html") not in urls(data, "rejects")

    before = files_of(data)
    mark = len(site.hits)
    third = ingest(toml, data)
    assert third.not_modified == 5 and third.fetched == 0 and third.extracted == 0
    assert len(site.hits) - mark == 6
    assert all(h.headers.get("if-none-match") for h in site.hits[mark:])
    assert files_of(data) == before, "an unchanged re-run must write nothing"


def test_sitemap_index_and_children_are_fetched_conditionally(site: Site, tmp_path: Path) -> None:
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    index = f'<?xml version="1.0"?><sitemapindex {ns}>' + "".join(
        f"<sitemap><loc>{site.url(f'/map-{n}.xml')}</loc></sitemap>" for n in (1, 2)
    )
    site.page("/index.xml", (index + "</sitemapindex>").encode(), "application/xml")
    paths = list(ARTICLES)
    for n, chunk in ((1, paths[:2]), (2, paths[2:])):
        body = f'<?xml version="1.0"?><urlset {ns}>' + "".join(
            f"<url><loc>{site.url(p)}</loc></url>" for p in chunk
        )
        site.page(f"/map-{n}.xml", (body + "</urlset>").encode(), "application/xml")
    for path, rel in ARTICLES.items():
        site.page(path, example(rel))
    toml = sources(tmp_path, "sitemap", site.url("/index.xml"))
    data = tmp_path / "data"
    first = ingest(toml, data)
    assert first.error is None and first.new_articles == 4
    rows = listing_rows(data)
    assert set(rows) == {site.url(p) for p in ("/index.xml", "/map-1.xml", "/map-2.xml")}
    assert all(r["outcome"] == "listing" and r["etag"] for r in rows.values())

    before = files_of(data)
    mark = len(site.hits)
    again = ingest(toml, data)
    listings = ["/index.xml", "/map-1.xml", "/map-2.xml"]
    for path in [*listings, *ARTICLES]:
        (hit,) = hits_since(site, mark, path)
        assert hit.headers.get("if-none-match"), path
    assert again.discovered == 4 and again.not_modified == 4 and again.fetched == 0
    assert files_of(data) == before
    mark = len(site.hits)
    (offline,) = run_ingest(load_sources(toml), str(data), Window(), reextract=True)
    assert len(site.hits) == mark, "--reextract needs no network"
    assert offline.discovered == 4 and offline.extracted == 4 and not offline.rejects


def test_corrupt_stored_listing_is_fetched_again_in_full(site: Site, tmp_path: Path) -> None:
    for path, rel in list(ARTICLES.items())[:2]:
        site.page(path, example(rel))
    links = list(ARTICLES)[:2]
    site.page("/feed.xml", rss([(site.url(p), DAY) for p in links]), "application/rss+xml")
    toml = sources(tmp_path, "feed", site.url("/feed.xml"))
    data = tmp_path / "data"
    ingest(toml, data)
    raw_hash = str(listing_rows(data)[site.url("/feed.xml")]["raw_hash"])
    RawStore(data).path_for(raw_hash).write_bytes(b"not zstd")
    mark = len(site.hits)
    again = ingest(toml, data)
    conditional, full = hits_since(site, mark, "/feed.xml")
    assert conditional.headers.get("if-none-match") and "if-none-match" not in full.headers
    assert again.error is None and again.discovered == 2 and again.not_modified == 2
    assert RawStore(data).get(raw_hash)  # stored again


def test_max_pages_works_through_a_304_feed_over_runs(site: Site, tmp_path: Path) -> None:
    for path, rel in ARTICLES.items():
        site.page(path, example(rel))
    links = list(ARTICLES)
    site.page("/feed.xml", rss([(site.url(p), DAY) for p in links]), "application/rss+xml")
    toml = sources(tmp_path, "feed", site.url("/feed.xml"), "max_pages = 2\n")
    data = tmp_path / "data"
    first = ingest(toml, data)
    assert first.fetched == 2 and {site.count(p) for p in links} == {0, 1}
    mark = len(site.hits)
    second = ingest(toml, data)
    (feed_hit,) = hits_since(site, mark, "/feed.xml")
    assert feed_hit.headers.get("if-none-match")
    assert second.discovered == 2 and second.fetched == 2
    assert all(site.count(p) == 1 for p in links), "the pages cut last time came first"
    assert len(table(data, "articles")) == 4


def test_unreadable_feed_is_a_reject_until_it_reads_again(site: Site, tmp_path: Path) -> None:
    site.page(next(iter(ARTICLES)), example(next(iter(ARTICLES.values()))))
    good = rss([(site.url(next(iter(ARTICLES))), DAY)])
    served = {"body": b"\x00\x01 not a feed {]"}

    def feed(hit: Hit) -> Reply:
        return Reply(200, served["body"], {"Content-Type": "application/rss+xml"})

    site.add("/feed.xml", feed)
    toml = sources(tmp_path, "feed", site.url("/feed.xml"))
    data = tmp_path / "data"
    first = ingest(toml, data)
    assert first.error and "parse_error" in first.error
    rejects = table(data, "rejects")
    assert dict(zip(rejects["url"], rejects["reason"], strict=True)) == {
        site.url("/feed.xml"): "parse_error"
    }
    assert listing_rows(data)[site.url("/feed.xml")]["outcome"] == "listing_failed"
    before = files_of(data)
    assert ingest(toml, data).error  # still broken: nothing new to write
    assert files_of(data) == before

    served["body"] = good
    again = ingest(toml, data)
    assert again.error is None and again.new_articles == 1
    assert table(data, "rejects").height == 0
    assert listing_rows(data)[site.url("/feed.xml")]["outcome"] == "listing"


def test_settled_pages_are_not_requested_again_unless_recheck_days_says_so(
    site: Site, tmp_path: Path
) -> None:
    for path, rel in ARTICLES.items():
        site.page(path, example(rel))
    site.page("/feed.xml", rss([(site.url(p), DAY) for p in ARTICLES]), "application/rss+xml")
    toml = tmp_path / "sources.toml"
    line = f'[[sources]]\nname = "s"\nkind = "feed"\nurl = "{site.url("/feed.xml")}"\n'
    toml.write_text(line + "allow_private = true\n", encoding="utf-8")  # default: 3 days
    data = tmp_path / "data"
    first = ingest(toml, data)
    assert first.fetched == 4 and first.new_articles == 4
    mark = len(site.hits)
    second = ingest(toml, data)
    # Articles published in 2024-2025 are past the re-check age: only the feed is asked for.
    assert [h.path for h in site.hits[mark:]] == ["/feed.xml"]
    assert second.error is None and second.not_modified == 4 and second.fetched == 0
    toml.write_text(line + "allow_private = true\nrecheck_days = 36500\n", encoding="utf-8")
    mark = len(site.hits)
    third = ingest(toml, data)
    assert sorted(h.path for h in site.hits[mark:]) == sorted(["/feed.xml", *ARTICLES])
    assert third.error is None and third.not_modified == 4


def test_recheck_days_must_be_a_number(tmp_path: Path) -> None:
    from extractors.exceptions import ConfigError

    toml = tmp_path / "sources.toml"
    toml.write_text(
        '[[sources]]\nname = "s"\nkind = "feed"\nurl = "http://127.0.0.1:9/f.xml"\n'
        'recheck_days = "often"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="recheck_days"):
        load_sources(toml)
