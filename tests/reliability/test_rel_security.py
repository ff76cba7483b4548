"""Security: no links out of a source folder, no private addresses, no leaked secrets, no execution."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import polars as pl
import pytest
from relkit import REPO, TABLES, Reply, Site, read_table

from extractors.exceptions import ConfigError
from flows.config import SourceConfig, load_sources
from flows.fetch import discover_remote
from flows.fetch_net import is_public_address
from flows.fetch_settings import FetchSettings
from flows.ingest import run_ingest
from flows.runner import SourceStats, Window
from storage.store import Store

SECRET = "TOP-SECRET-9f3c1b"
BODY = (
    "<html><head><title>AI policy {n}</title></head><body><article>"
    + "<p>The commission said the AI act obligations apply in phases across member states.</p>" * 6
    + "</article></body></html>"
)
FAST = FetchSettings(
    min_interval=0.01, connect_timeout=1, read_timeout=1, page_timeout=2, max_attempts=1
)


def everything_stored(data: Path) -> str:
    """Return every table as text plus every raw page, for leak searches."""
    parts = []
    for table in (*TABLES, "digest_items"):
        frame = read_table(data, table)
        if frame.height:
            parts.append(frame.select(pl.all().cast(pl.String, strict=False)).write_csv())
    store = Store(data)
    for row in store.read_rows("pages"):
        if row.raw_hash:
            parts.append(store.raw.get(row.raw_hash).decode("utf-8", "replace"))
    for path in data.rglob("*"):
        if path.is_file() and path.suffix not in (".parquet", ".zst", ".gz"):
            parts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)


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
     "224.0.0.1", "not-an-ip"],
)  # fmt: skip
def test_internal_addresses_are_not_public(address: str) -> None:
    assert not is_public_address(address)


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
        for c in discover_remote(
            source, {}, Window(), stats, settings=FAST, resolver=public_only_for_the_test_host
        )
    }
    assert found[site.url("/jump")].reason == "blocked_address"
    assert site.count("/in") == 0 and site.count("/jump") == 1


# -- secrets --------------------------------------------------------------------------------


def secrets_run(site: Site, tmp_path: Path, urls: list[str], headers: dict[str, str]) -> str:
    """Ingest a urls source with headers; return the logs, the summary and everything stored."""
    lines = [f'{k} = "{v}"' for k, v in headers.items()]
    toml = tmp_path / "sources.toml"
    toml.write_text(
        '[[sources]]\nname = "s"\nkind = "urls"\nallow_private = true\n'
        f"urls = [{', '.join(f'{chr(34)}{u}{chr(34)}' for u in urls)}]\n"
        "[sources.headers]\n" + "\n".join(lines) + "\n"
    )
    handler = logging.Handler()
    seen: list[str] = []
    handler.emit = lambda record: seen.append(logging.Formatter().format(record))  # type: ignore[method-assign]
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        (stats,) = run_ingest(load_sources(toml), str(tmp_path / "data"), Window())
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    return "\n".join([*seen, str(stats.as_row()), everything_stored(tmp_path / "data")])


def test_no_header_secrets_in_logs_rows_or_artifacts(site: Site, tmp_path: Path) -> None:
    port = site.base.rsplit(":", 1)[1]
    html = {"Content-Type": "text/html"}
    site.add("/robots.txt", Reply(404))
    site.add("/page.html", Reply(body=BODY.format(n="p").encode(), headers=html))
    site.add("/gone.html", Reply(500, b"boom"))
    site.add("/denied.html", Reply(401, b"who?"))
    site.add("/away", Reply(302, headers={"Location": f"http://localhost:{port}/landing"}))
    site.add("/landing", Reply(body=BODY.format(n="l").encode(), headers=html))
    token, cookie = f"Bearer {SECRET}-auth", f"sid={SECRET}-cookie"
    paths = ["/page.html", "/gone.html", "/denied.html", "/away"]
    everything = secrets_run(
        site,
        tmp_path,
        [site.url(p) for p in paths],
        {"Authorization": token, "Cookie": cookie, "X-Api-Key": f"{SECRET}-key"},
    )
    sent = [h for p, h in site.hits if p == "/page.html"]
    assert sent and sent[0].get("authorization") == token and sent[0].get("cookie") == cookie
    landing = [h for p, h in site.hits if p == "/landing"]
    assert landing and all("authorization" not in h and "cookie" not in h for h in landing)
    assert SECRET not in everything


def test_url_credentials_are_refused_before_anything_runs(site: Site, tmp_path: Path) -> None:
    port = site.base.rsplit(":", 1)[1]
    url = f"http://reader:{SECRET}-pw@127.0.0.1:{port}/c.html"
    with pytest.raises(ConfigError) as info:
        secrets_run(site, tmp_path, [url], {"X-Team": "radar"})
    assert SECRET not in str(info.value)
    assert "[sources.headers]" in str(info.value)
    assert not (tmp_path / "data").exists()


# -- parsing never executes content ---------------------------------------------------------


def test_parsing_never_executes_or_fetches_what_a_page_references(
    site: Site, tmp_path: Path
) -> None:
    marker = tmp_path / "pwned"
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text(SECRET)
    beacon = site.url("/beacon")
    script = (
        f"<script>require('fs').writeFileSync('{marker}', 'x');fetch('{beacon}?js')</script>"
        f"<script src='{beacon}?src'></script><img src='{beacon}?img' onerror=\"alert(1)\">"
        f"<link rel=stylesheet href='{beacon}?css'><iframe src='file://{secret_file}'></iframe>"
        f"<object data='file://{secret_file}'></object>"
    )
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "script.html").write_text(
        BODY.format(n="script").replace("<article>", "<article>" + script)
    )
    (pages / "xxe.html").write_text(
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret_file}">'
        f'<!ENTITY % remote SYSTEM "{beacon}?dtd"> %remote;]>'
        '<html xmlns:xi="http://www.w3.org/2001/XInclude"><head><title>x</title></head><body>'
        + "<p>The AI act applies in phases across the member states of the union. &xxe;</p>" * 5
        + f'<xi:include href="file://{secret_file}" parse="text"/></body></html>'
    )
    (pages / "yaml.md").write_text(
        f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\n\nBody text.\n"
    )
    (pages / "pickle.html").write_bytes(
        b"\x80\x04\x95cposix\nsystem\n(Vtouch " + str(marker).encode() + b"\ntR."
    )
    toml = tmp_path / "sources.toml"
    toml.write_text('[[sources]]\nname = "x"\nkind = "directory"\npath = "pages"\n')
    data = tmp_path / "data"
    (stats,) = run_ingest(load_sources(toml), str(data), Window())
    assert stats.error is None
    assert not marker.exists(), "content was executed"
    assert site.hits == [], "parsing fetched a resource the page references"
    arts = read_table(data, "articles")
    assert SECRET not in "\n".join(arts["text"].to_list())
    text = arts.filter(pl.col("path") == "script.html")["text"][0]
    assert "writeFileSync" not in text and "onerror" not in text
    rejects = dict(zip(*read_table(data, "rejects")[["path", "reason"]], strict=True))
    assert rejects.get("yaml.md") == "parse_error"


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
        for cand in discover_remote(source, {}, Window(), stats, settings=FAST):
            seen.append(f"{cand.locator} {cand.detail}")
        seen.append(str(stats.error))
    assert SECRET not in "\n".join(seen)
    assert site.count("/evil.dtd") == 0, "an external DTD was fetched"
    assert [p for p, _ in site.hits if p.startswith(("/p", "/q"))], "listings still parsed"


UNSAFE = re.compile(
    r"\bpickle\.loads?\b|\bmarshal\.|(?<![\w.])eval\(|(?<![\w.])exec\(|\byaml\.load\(|"
    r"\bunsafe_load\b|\byaml\.Loader\b|\bshelve\b|shell=True|resolve_entities=True|"
    r"no_network=False|huge_tree=True|\bjs2py\b|\bplaywright\b|\bselenium\b"
)


def test_source_tree_has_no_way_to_execute_fetched_content() -> None:
    found = []
    for package in ("flows", "storage", "extractors"):
        for path in sorted((REPO / package).rglob("*.py")):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                code = line.split("#", 1)[0]
                if UNSAFE.search(code):
                    found.append(f"{path.relative_to(REPO)}:{n}: {line.strip()}")
    assert found == []
