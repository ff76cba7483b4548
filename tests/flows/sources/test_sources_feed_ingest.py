"""The real ingest path for a feed source against the local server: rows, rejects, re-run."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from fetchkit import Reply, Site, example, rss

from flows.config import load_sources
from flows.ingest import run_ingest
from flows.sources import Window

PAGES = {
    "/en/eu-ai-act.html": ("en/bom-eu-ai-act-in-force.html", "text/html"),
    "/en/stargate.html": ("en/techledger-stargate-500bn.html", "text/html; charset=utf-8"),
    "/en/chips.html": ("en/policywire-bis-dec2024-chip-controls.html", "text/html"),
    "/zh/gbk-wrong-header.html": ("zh/portal-gbk-stargate-500bn.html", "text/html; charset=utf-8"),
    "/zh/utf8.html": ("zh/portal-utf8-1260h-tencent-catl.html", "text/html"),
    "/tw/big5.html": ("tw/big5-ai-basic-law-draft.html", "text/html; charset=big5"),
}


def files_of(root: Path) -> dict[str, int]:
    """Return every file under DATA except the lock, with its size."""
    return {
        str(p.relative_to(root)): p.stat().st_size
        for p in root.rglob("*")
        if p.is_file() and not p.name.startswith(".radar.lock")
    }


def read(root: Path, table: str) -> pl.DataFrame:
    """Read one table back with polars (empty frame when it has no files)."""
    files = sorted((root / table).rglob("*.parquet"))
    return (
        pl.concat([pl.read_parquet(f) for f in files], how="diagonal") if files else pl.DataFrame()
    )


# trafilatura deprecations raised inside the extractor are not this module's concern.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_feed_ingest_end_to_end_and_unchanged_rerun(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_FETCH_MIN_INTERVAL", "0.01")
    monkeypatch.setenv("RADAR_FETCH_BACKOFF_BASE", "0.05")
    site.add("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private/\n"))
    for path, (rel, ctype) in PAGES.items():
        site.page(path, example(rel), ctype)
    links = [*PAGES, "/private/memo.html", "/missing.html"]
    feed = rss([(site.url(p), "Mon, 03 Mar 2025 08:00:00 GMT") for p in links])
    site.add("/feed.xml", Reply(body=feed, headers={"Content-Type": "application/rss+xml"}))
    toml = tmp_path / "sources.toml"
    toml.write_text(
        f'[[sources]]\nname = "local-feed"\nkind = "feed"\nurl = "{site.url("/feed.xml")}"\n'
        "recheck_days = 36500\n"  # re-check every stored page: conditional GETs under test
        'allow_private = true\ntimezone = "Asia/Shanghai"\n',
        encoding="utf-8",
    )
    data = tmp_path / "data"
    (stats,) = run_ingest(load_sources(toml), str(data), Window())
    assert stats.error is None
    assert stats.discovered == 8 and stats.fetched == 6
    assert dict(stats.rejects) == {"robots": 1, "http_4xx": 1} | {
        k: v for k, v in stats.rejects.items() if k not in ("robots", "http_4xx")
    }
    assert site.count("/private/memo.html") == 0
    articles = read(data, "articles")
    assert articles.height + sum(stats.rejects.values()) - 2 == 6
    by_url = dict(zip(articles["url"], articles["text"], strict=True))
    assert "星际之门" in by_url[site.url("/zh/gbk-wrong-header.html")]
    assert "人工智慧" in by_url[site.url("/tw/big5.html")]
    rejects = read(data, "rejects")
    reasons = dict(zip(rejects["url"], rejects["reason"], strict=True))
    assert reasons[site.url("/private/memo.html")] == "robots"
    assert reasons[site.url("/missing.html")] == "http_4xx"

    before = files_of(data)
    first_hits = len(site.hits)
    (again,) = run_ingest(load_sources(toml), str(data), Window())
    assert again.fetched == 0 and again.extracted == 0
    assert again.not_modified == 6
    assert files_of(data) == before, "an unchanged re-run must write nothing"
    second = [h for h in site.hits[first_hits:] if h.path in PAGES]
    assert len(second) == 6
    assert all(h.headers.get("if-none-match") for h in second)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_unchanged_bytes_without_validators_write_nothing(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_FETCH_MIN_INTERVAL", "0.01")
    for path in ("/en/eu-ai-act.html", "/en/chips.html"):
        site.add(path, Reply(body=example(PAGES[path][0]), headers={"Content-Type": "text/html"}))
    toml = tmp_path / "sources.toml"
    urls = ", ".join(f'"{site.url(p)}"' for p in ("/en/eu-ai-act.html", "/en/chips.html"))
    toml.write_text(
        f'[[sources]]\nname = "plain"\nkind = "urls"\nurls = [{urls}]\nallow_private = true\n'
        "recheck_days = 36500\n",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    (first,) = run_ingest(load_sources(toml), str(data), Window())
    assert first.fetched == 2 and first.new_articles == 2
    before = files_of(data)
    (again,) = run_ingest(load_sources(toml), str(data), Window())
    assert again.fetched == 2 and again.extracted == 0 and again.not_modified == 2
    assert files_of(data) == before
