"""Bad input, local and remote: every bad page is one rejects row with a reason; the run completes."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import polars as pl
import pytest
from relkit import EXAMPLES, Reply, Site, read_keys, read_table

from flows.config import load_sources
from flows.ingest import run_ingest
from flows.runner import Window

ARTICLE = (
    "<html><head><title>欧盟人工智能法案生效</title></head><body><article><h1>欧盟人工智能法案生效</h1>"
    + "".join(
        f"<p>第{i}段：欧盟委员会表示，《人工智能法》的义务将分阶段适用，成员国监管机构须在规定期限内"
        "完成指定工作，违规企业最高可被处以全球营业额百分之七的罚款。</p>"
        for i in range(8)
    )
    + "</article></body></html>"
)
NAV = "".join(f'<li><a href="/c{i}">频道{i}</a></li>' for i in range(40))
MB = 1024 * 1024

# file name -> (bytes, the reject reasons accepted; None: an article is the right outcome)
LOCAL: dict[str, tuple[bytes, set[str] | None]] = {
    "binary.html": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64, {"binary"}),
    "pdf.html": (b"%PDF-1.7\n" + bytes(range(256)) * 64, {"binary"}),
    "empty.html": (b"", {"empty"}),
    "blank.html": (b" \n\t\r\n ", {"empty"}),
    "nul-only.html": (b"\x00" * 4096, {"binary", "empty"}),
    "nul-sprinkled.html": (ARTICLE.replace("，", "，\x00", 3).encode(), None),
    "truncated.html": (ARTICLE.encode()[: len(ARTICLE.encode()) * 2 // 3], None),
    "truncated-head.html": (b"<html><head><title>AI", {"no_body", "empty", "parse_error"}),
    "deep.html": (
        ("<html><body>" + "<div>" * 20_000 + "深" + "</div>" * 20_000 + "</body></html>").encode(),
        {"parse_error"},
    ),
    "huge.html": (b"<html><body><p>" + b"a" * (50 * MB) + b"</p></body></html>", {"too_large"}),
    "nav.html": (
        f"<html><body><nav><ul>{NAV}</ul></nav><footer>版权所有 © 2025</footer></body></html>".encode(),
        {"no_body"},
    ),
    "undecodable.html": (
        b"<html><body><p>" + bytes(range(0x80, 0x100)) * 200 + b"</p></body></html>",
        {"decode_error", "binary", "no_body", "parse_error"},
    ),
    "wrong-charset.html": (
        ARTICLE.replace("<head>", '<head><meta charset="utf-8">').encode("gb18030"),
        None,
    ),
    "bad-front.md": (
        "---\ntitle: [unclosed\ndate: : :\n---\n\n正文：欧盟人工智能法案生效。\n".encode(),
        {"parse_error"},
    ),
    "front-not-mapping.md": ("---\n- a\n- b\n---\n\n正文。\n".encode(), {"parse_error"}),
}


def outcomes(data: Path) -> dict[str, tuple[str, str]]:
    """Return, per page locator, ("article", title) or ("reject", reason)."""
    out: dict[str, tuple[str, str]] = {}
    arts, rejects = read_table(data, "articles"), read_table(data, "rejects")
    for row in arts.iter_rows(named=True):
        out[row["path"] or row["url"]] = ("article", row["title"] or "")
    for row in rejects.iter_rows(named=True):
        where = row["path"] or row["url"]
        assert where not in out, f"{where} is both an article and a reject"
        assert row["reason"] and row["detail"] is not None
        out[where] = ("reject", row["reason"])
    return out


@pytest.mark.slow
def test_bad_local_files_each_become_one_reject_and_the_run_completes(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for name, (body, _) in LOCAL.items():
        (pages / name).write_bytes(body)
    (pages / "good.html").write_bytes(
        (EXAMPLES / "en" / "bom-eu-ai-act-in-force.html").read_bytes()
    )
    toml = tmp_path / "sources.toml"
    toml.write_text('[[sources]]\nname = "bad"\nkind = "directory"\npath = "pages"\n')
    data = tmp_path / "data"
    (stats,) = run_ingest(load_sources(toml), str(data), Window())
    assert stats.error is None
    got = outcomes(data)
    assert set(got) == {*LOCAL, "good.html"}
    assert got["good.html"][0] == "article"
    for name, (_, reasons) in LOCAL.items():
        kind, what = got[name]
        if reasons is None:
            assert kind == "article", (name, what)
        else:
            assert kind == "reject" and what in reasons, (name, kind, what)
    text = read_table(data, "articles").filter(pl.col("path") == "wrong-charset.html")["text"][0]
    assert "欧盟委员会表示" in text  # the wrong declared charset did not garble the text
    assert "\x00" not in "".join(read_table(data, "articles")["text"].to_list())
    # A second run changes nothing and still completes.
    before = read_keys(data)
    (again,) = run_ingest(load_sources(toml), str(data), Window())
    assert again.error is None and again.extracted == 0 and read_keys(data) == before


def drip(n: int) -> list[bytes]:
    """Return a body to send one byte at a time."""
    return [b"<" if i == 0 else b"p" for i in range(n)]


def bomb(size: int) -> bytes:
    """Return a gzip stream that unpacks to ``size`` bytes of HTML-ish zeros."""
    return gzip.compress(b"<html><body><p>" + b"0" * size, compresslevel=9)


@pytest.mark.usefixtures("fast_fetch")
def test_bad_remote_input_each_becomes_a_reject_or_source_error(site: Site, tmp_path: Path) -> None:
    html = {"Content-Type": "text/html; charset=utf-8"}
    site.add("/robots.txt", Reply(404))
    site.add("/ok.html", Reply(body=ARTICLE.encode(), headers=html))
    site.add("/bomb.html", Reply(body=bomb(200 * MB), headers={**html, "Content-Encoding": "gzip"}))
    site.add("/loop-a", Reply(302, headers={"Location": "/loop-b"}))
    site.add("/loop-b", Reply(302, headers={"Location": "/loop-a"}))
    site.add("/self", Reply(302, headers={"Location": "/self"}))
    site.add("/drip.html", Reply(headers=html, chunks=drip(600), gap=1.0))
    site.add("/binary.html", Reply(body=b"\x89PNG\r\n\x1a\n" + bytes(256) * 8, headers=html))
    site.add("/empty.html", Reply(body=b"", headers=html))
    site.add("/pdf", Reply(body=b"%PDF-1.7", headers={"Content-Type": "application/pdf"}))
    site.add(
        "/feed-not-xml",
        Reply(body=b"\x00\x01 not a feed {]", headers={"Content-Type": "application/rss+xml"}),
    )
    site.add("/feed-html", Reply(body=ARTICLE.encode(), headers=html))
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.url('/index.xml')}</loc></sitemap>"
        f"<sitemap><loc>{site.url('/index.xml?again')}</loc></sitemap></sitemapindex>"
    ).encode()
    site.add("/index.xml", Reply(body=index, headers={"Content-Type": "application/xml"}))
    site.add("/index.xml?again", Reply(body=index, headers={"Content-Type": "application/xml"}))
    site.add("/sitemap-bomb.xml", Reply(body=gzip.compress(b"<urlset>" + b" " * (60 * MB))))
    pages = ["/ok.html", "/bomb.html", "/loop-a", "/self", "/drip.html", "/binary.html",
             "/empty.html", "/pdf"]  # fmt: skip
    urls = ", ".join(f'"{site.url(p)}"' for p in pages)
    toml = tmp_path / "sources.toml"
    toml.write_text(
        f'[[sources]]\nname = "pages"\nkind = "urls"\nurls = [{urls}]\nallow_private = true\n\n'
        f'[[sources]]\nname = "not-xml"\nkind = "feed"\nurl = "{site.url("/feed-not-xml")}"\n'
        "allow_private = true\n\n"
        f'[[sources]]\nname = "html-feed"\nkind = "feed"\nurl = "{site.url("/feed-html")}"\n'
        "allow_private = true\n\n"
        f'[[sources]]\nname = "self-index"\nkind = "sitemap"\nurl = "{site.url("/index.xml")}"\n'
        "allow_private = true\n\n"
        f'[[sources]]\nname = "zip-bomb-map"\nkind = "sitemap"\n'
        f'url = "{site.url("/sitemap-bomb.xml")}"\nallow_private = true\n'
    )
    data = tmp_path / "data"
    started = time.monotonic()
    stats = {s.source: s for s in run_ingest(load_sources(toml), str(data), Window())}
    assert time.monotonic() - started < 60, "a slow server held the run"
    got = outcomes(data)
    reasons = {p: got[site.url(p)] for p in pages}
    assert reasons["/ok.html"][0] == "article"
    assert reasons["/bomb.html"] == ("reject", "too_large")
    assert reasons["/loop-a"] == ("reject", "redirect_loop")
    assert reasons["/self"] == ("reject", "redirect_loop")
    assert reasons["/drip.html"] == ("reject", "timeout")
    assert reasons["/binary.html"] == ("reject", "binary")
    assert reasons["/empty.html"] == ("reject", "empty")
    assert reasons["/pdf"] == ("reject", "not_html")
    assert stats["pages"].error is None
    # Listings that cannot be read end the source with an error, never the run.
    assert stats["not-xml"].error and "parse_error" in stats["not-xml"].error
    assert stats["html-feed"].error and "parse_error" in stats["html-feed"].error
    assert stats["zip-bomb-map"].error and "too_large" in stats["zip-bomb-map"].error
    # The self-referencing index is read once per distinct URL and yields nothing.
    assert site.count("/index.xml") == 1 and stats["self-index"].discovered == 0
