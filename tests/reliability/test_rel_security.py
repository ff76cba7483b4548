"""Security: no links out of a source folder, no private addresses (redirects too), no XXE."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest
from relkit import Reply, Site, everything_stored, read_table

from flows.config import SourceConfig, load_sources
from flows.fetch import FetchSettings, is_public_address
from flows.ingest import run_ingest
from flows.sources import SourceStats, Window, discover_web

SECRET = "TOP-SECRET-9f3c1b"
BODY = (
    "<html><head><title>AI policy {n}</title></head><body><article>"
    + "<p>The commission said the AI act obligations apply in phases across member states.</p>" * 6
    + "</article></body></html>"
)
FAST = FetchSettings(
    min_interval=0.01, connect_timeout=1, read_timeout=1, page_timeout=2, max_attempts=1
)


# -- directory sources ----------------------------------------------------------------------


def test_directory_source_never_follows_links_out_of_its_root(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.html").write_text(BODY.format(n=SECRET))
    (outside / "folder").mkdir()
    (outside / "folder" / "inner.html").write_text(BODY.format(n=SECRET + "-dir"))
    root = tmp_path / "src" / "pages"
    (root / "sub").mkdir(parents=True)
    (root / "ok.html").write_text(BODY.format(n="ok"))
    (root / "sub" / "deep.html").write_text(BODY.format(n="deep"))
    (root / "abs-link.html").symlink_to(outside / "secret.html")
    (root / "sub" / "rel-link.html").symlink_to(Path("../../../outside/secret.html"))
    (root / "inside-link.html").symlink_to(root / "ok.html")
    (root / "chain.html").symlink_to(root / "abs-link.html")  # inside -> link -> outside
    (root / "dir-link").symlink_to(outside / "folder", target_is_directory=True)
    (root / "dangling.html").symlink_to(tmp_path / "nowhere.html")
    toml = tmp_path / "src" / "sources.toml"
    toml.write_text('[[sources]]\nname = "d"\nkind = "directory"\npath = "pages"\n')
    data = tmp_path / "data"
    (stats,) = run_ingest(load_sources(toml), str(data), Window())
    assert stats.error is None
    stored = everything_stored(data)
    assert SECRET not in stored
    arts, rejects = read_table(data, "articles"), read_table(data, "rejects")
    reasons = dict(zip(rejects["path"], rejects["reason"], strict=True))
    assert reasons["abs-link.html"] == "outside_root"
    assert reasons["sub/rel-link.html"] == "outside_root"
    assert reasons["chain.html"] == "outside_root"
    assert reasons["dangling.html"] == "outside_root"
    assert "dir-link/inner.html" not in reasons and "dir-link/inner.html" not in arts["path"]
    assert {"ok.html", "sub/deep.html", "inside-link.html"} <= set(arts["path"])
    # Every path in every row is relative to the source root, without "..".
    state = read_table(data, "pages")
    for where in [*arts["path"], *rejects["path"], *state["locator"]]:
        assert not where.startswith("/") and ".." not in Path(where).parts, where
        assert str(tmp_path) not in where


# -- remote sources: addresses --------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.5.4", "192.168.0.1", "169.254.169.254", "0.0.0.0",
     "100.100.100.200", "::1", "::ffff:127.0.0.1", "fe80::1%eth0", "fc00::1", "2002:7f00:1::",
     "224.0.0.1", "not-an-ip", "fd00:ec2::254", "::ffff:169.254.169.254", "2002:a9fe:a9fe::",
     "::127.0.0.1", "64:ff9b:1::a00:1", "255.255.255.255", "198.18.0.1", "::"],
)  # fmt: skip
def test_internal_addresses_are_not_public(address: str) -> None:
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111"])
def test_public_addresses_are_public(address: str) -> None:
    assert is_public_address(address)


def test_remote_sources_never_reach_private_addresses_unless_allowed(
    site: Site, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    site.add("/robots.txt", Reply(404))
    site.add(
        "/a.html", Reply(body=BODY.format(n="a").encode(), headers={"Content-Type": "text/html"})
    )
    site.add("/feed.xml", Reply(body=b"<rss version='2.0'><channel></channel></rss>"))
    toml = tmp_path / "sources.toml"
    toml.write_text(
        f'[[sources]]\nname = "blocked"\nkind = "urls"\nurls = ["{site.url("/a.html")}"]\n\n'
        f'[[sources]]\nname = "blocked-feed"\nkind = "feed"\nurl = "{site.url("/feed.xml")}"\n\n'
        f'[[sources]]\nname = "allowed"\nkind = "urls"\nurls = ["{site.url("/a.html")}?ok"]\n'
        "allow_private = true\n"
    )
    site.add(
        "/a.html?ok",
        Reply(body=BODY.format(n="ok").encode(), headers={"Content-Type": "text/html"}),
    )
    data = tmp_path / "data"
    stats = {s.source: s for s in run_ingest(load_sources(toml), str(data), Window())}
    rejects = read_table(data, "rejects")
    blocked = rejects.filter(pl.col("source") == "blocked")
    assert blocked["reason"].to_list() == ["blocked_address"]
    assert stats["blocked-feed"].error and "blocked_address" in stats["blocked-feed"].error
    assert site.count("/a.html") == 0 and site.count("/feed.xml") == 0
    assert site.count("/a.html?ok") == 1  # the source that allows it does reach it
    assert read_table(data, "articles")["source"].to_list() == ["allowed"]


@pytest.mark.parametrize("target", ["http://localhost:{port}/in", "http://[::1]:{port}/in",
                                    "http://169.254.169.254/latest/meta-data/",
                                    "http://10.0.0.7:{port}/in"])  # fmt: skip
def test_redirects_are_rechecked_against_the_same_rule(site: Site, target: str) -> None:
    port = site.base.rsplit(":", 1)[1]
    site.add("/robots.txt", Reply(404))
    site.add("/jump", Reply(302, headers={"Location": target.format(port=port)}))
    site.add("/in", Reply(body=b"<html>internal</html>"))

    async def public_only_for_the_test_host(host: str, port: int) -> list[str]:
        mapping = {"127.0.0.1": "93.184.216.34", "localhost": "127.0.0.1", "::1": "::1"}
        return [mapping.get(host.strip("[]"), host)]

    source = SourceConfig(name="r", kind="urls", urls=(site.url("/jump"),))
    stats = SourceStats("r", "urls")
    found = {
        c.locator: c
        for c in discover_web(
            source, {}, Window(), stats, settings=FAST, resolver=public_only_for_the_test_host
        )
    }
    assert found[site.url("/jump")].reason == "blocked_address"
    assert site.count("/in") == 0 and site.count("/jump") == 1


@pytest.mark.parametrize("rebinds", [True, False], ids=["rebinding", "control"])
def test_a_name_that_rebinds_to_a_private_address_is_refused_at_connect(
    site: Site, rebinds: bool
) -> None:
    port = site.base.rsplit(":", 1)[1]
    site.add("/robots.txt", Reply(404))
    site.add("/page", Reply(body=BODY.format(n="rebind").encode()))

    async def rebinding_dns(host: str, port: int) -> list[str]:
        # The check before the first request is told a public address; the connection
        # itself goes where the system resolver sends 127.0.0.1. The control also
        # calls the connected address public, so the same fetch must then succeed.
        if host == "127.0.0.1" and not rebinds:
            return ["93.184.216.34"]
        return ["93.184.216.34"] if host == "localhost" else [host]

    url = f"http://localhost:{port}/page"
    source = SourceConfig(name="r", kind="urls", urls=(url,))
    stats = SourceStats("r", "urls")
    found = {
        c.locator: c
        for c in discover_web(source, {}, Window(), stats, settings=FAST, resolver=rebinding_dns)
    }
    if rebinds:
        assert found[url].reason == "blocked_address"
        assert "connected to 127.0.0.1" in found[url].detail
        assert site.hits == []  # refused before a byte of any request was sent
    else:
        assert found[url].body and site.count("/page") == 1


# -- XML listings -----------------------------------------------------------------------------


def test_xxe_in_feeds_and_sitemaps_leaks_nothing(site: Site, tmp_path: Path) -> None:
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text(SECRET)
    dtd = site.url("/evil.dtd")
    site.add("/robots.txt", Reply(404))
    site.add("/evil.dtd", Reply(body=f'<!ENTITY leak SYSTEM "file://{secret_file}">'.encode()))
    doctype = (
        f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret_file}"><!ENTITY % ext SYSTEM "{dtd}">'
        '%ext;<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
    )
    feed = (
        f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>&xxe;&d;</title>'
        f"<item><title>&xxe;</title><link>{site.url('/p')}?&xxe;</link></item></channel></rss>"
    )
    sitemap = (
        f'<?xml version="1.0"?>{doctype}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{site.url('/q')}?&xxe;&leak;</loc></url></urlset>"
    )
    site.add(
        "/feed.xml", Reply(body=feed.encode(), headers={"Content-Type": "application/rss+xml"})
    )
    site.add("/map.xml", Reply(body=sitemap.encode(), headers={"Content-Type": "application/xml"}))
    seen: list[str] = []
    for kind, path in (("feed", "/feed.xml"), ("sitemap", "/map.xml")):
        source = SourceConfig(name=kind, kind=kind, url=site.url(path), allow_private=True)  # type: ignore[arg-type]
        stats = SourceStats(kind, kind)
        for cand in discover_web(source, {}, Window(), stats, settings=FAST):
            seen.append(f"{cand.locator} {cand.detail}")
        seen.append(str(stats.error))
    assert SECRET not in "\n".join(seen)
    assert site.count("/evil.dtd") == 0, "an external DTD was fetched"
    assert [p for p, _ in site.hits if p.startswith(("/p", "/q"))], "listings still parsed"


def test_a_file_swapped_for_a_link_out_after_listing_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.sources.directory as directory

    outside = tmp_path / "outside.html"
    outside.write_text(BODY.format(n=SECRET))
    root = tmp_path / "src" / "pages"
    root.mkdir(parents=True)
    (root / "a.html").write_text(BODY.format(n="a"))
    (root / "b.html").write_text(BODY.format(n="b"))
    listed = directory.discover_files

    def swap_after_listing(source: SourceConfig) -> Any:
        found = listed(source)
        (root / "a.html").unlink()
        (root / "a.html").symlink_to(outside)  # the race: checked as a file, read as a link
        return found

    monkeypatch.setattr(directory, "discover_files", swap_after_listing)
    toml = tmp_path / "src" / "sources.toml"
    toml.write_text('[[sources]]\nname = "d"\nkind = "directory"\npath = "pages"\n')
    data = tmp_path / "data"
    (stats,) = run_ingest(load_sources(toml), str(data), Window())
    assert stats.error is None and SECRET not in everything_stored(data)
    rejects = read_table(data, "rejects")
    assert dict(zip(rejects["path"], rejects["reason"], strict=True)) == {"a.html": "changed"}
    assert read_table(data, "articles")["path"].to_list() == ["b.html"]
