"""Bad input, local and remote: every bad page is one rejects row with a reason; the run completes."""

from __future__ import annotations

import gzip
import os
import time
from pathlib import Path

import pytest
from relkit import EXAMPLES, Reply, Site, read_keys, read_table

from flows.config import load_sources
from flows.ingest import run_ingest
from flows.sources import Window

ARTICLE = (
    "<html><head><title>欧盟人工智能法案生效</title></head><body><article><h1>欧盟人工智能法案生效</h1>"
    + "".join(
        f"<p>第{i}段：欧盟委员会表示，《人工智能法》的义务将分阶段适用，成员国监管机构须在规定期限内"
        "完成指定工作，违规企业最高可被处以全球营业额百分之七的罚款。</p>"
        for i in range(8)
    )
    + "</article></body></html>"
)
TITLE = "欧盟人工智能法案生效"
NAV = "".join(f'<li><a href="/c{i}">频道{i}</a></li>' for i in range(40))
MB = 1024 * 1024

# file name -> (bytes, the reject reason; None: an article with clean text is the right outcome)
LOCAL: dict[str, tuple[bytes, str | None]] = {
    "binary.html": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64, "binary"),
    "pdf.html": (b"%PDF-1.7\n" + bytes(range(256)) * 64, "binary"),
    "empty.html": (b"", "empty"),
    "blank.html": (b" \n\t\r\n ", "empty"),
    "nul-only.html": (b"\x00" * 4096, "binary"),
    "nul-sprinkled.html": (ARTICLE.replace("，", "，\x00", 3).encode(), None),
    "truncated.html": (ARTICLE.encode()[: len(ARTICLE.encode()) * 2 // 3], None),
    "truncated-head.html": (b"<html><head><title>AI", "no_body"),
    "deep.html": (
        ("<html><body>" + "<div>" * 20_000 + "深" + "</div>" * 20_000 + "</body></html>").encode(),
        "parse_error",
    ),
    "huge.html": (b"<html><body><p>" + b"a" * (50 * MB) + b"</p></body></html>", "too_large"),
    "nav.html": (
        f"<html><body><nav><ul>{NAV}</ul></nav><footer>版权所有 © 2025</footer></body></html>".encode(),
        "no_body",
    ),
    "undecodable.html": (
        b"<html><body><p>" + bytes(range(0x80, 0x100)) * 200 + b"</p></body></html>",
        "decode_error",
    ),
    "wrong-charset.html": (
        ARTICLE.replace("<head>", '<head><meta charset="utf-8">').encode("gb18030"),
        None,
    ),
    "bad-front.md": (
        "---\ntitle: [unclosed\n}} not a key line\n---\n\n正文：欧盟人工智能法案生效。\n".encode(),
        "parse_error",
    ),
    "front-not-mapping.md": ("---\n- a\n- b\n---\n\n正文。\n".encode(), "parse_error"),
}


def folder_source(tmp_path: Path, name: str) -> Path:
    """Write a sources file naming tmp_path/pages as one directory source; return its path."""
    toml = tmp_path / "sources.toml"
    toml.write_text(f'[[sources]]\nname = "{name}"\nkind = "directory"\npath = "pages"\n')
    return toml


def outcomes(data: Path) -> dict[str, tuple[str, str]]:
    """Return, per page locator, ("article", title) or ("reject", reason)."""
    out: dict[str, tuple[str, str]] = {}
    arts, rejects = read_table(data, "articles"), read_table(data, "rejects")
    for row in arts.iter_rows(named=True):
        out[row["path"] or row["url"]] = ("article", row["title"] or "")
    for row in rejects.iter_rows(named=True):
        where = row["path"] or row["url"]
        assert where not in out, f"{where} is both an article and a reject"
        assert row["reason"] and row["detail"].strip(), f"{where}: a reject without its reason"
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
    toml = folder_source(tmp_path, "bad")
    data = tmp_path / "data"
    (stats,) = run_ingest(load_sources(toml), str(data), Window())
    assert stats.error is None
    got = outcomes(data)
    assert set(got) == {*LOCAL, "good.html"}
    assert got["good.html"][0] == "article"
    for name, (_, reason) in LOCAL.items():
        assert got[name] == (("article", TITLE) if reason is None else ("reject", reason)), name
    texts = dict(read_table(data, "articles").select("path", "text").iter_rows())
    paragraph = "欧盟委员会表示，《人工智能法》的义务将分阶段适用"
    assert texts["wrong-charset.html"].count(paragraph) == 8  # no mojibake from the false label
    assert texts["nul-sprinkled.html"].count(paragraph) == 8 and "\x00" not in "".join(
        texts.values()
    )
    cut = texts["truncated.html"]  # what was there, at most the cut character replaced
    assert cut.count(paragraph) >= 5 and "\ufffd" not in cut[:-1] and "<" not in cut
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
    site.add("/bad-jump", Reply(302, headers={"Location": "http://127.0.0.1:99999/x"}))
    site.add("/drip.html", Reply(headers=html, chunks=drip(600), gap=1.0))
    site.add("/binary.html", Reply(body=b"\x89PNG\r\n\x1a\n" + bytes(256) * 8, headers=html))
    site.add("/empty.html", Reply(body=b"", headers=html))
    site.add("/pdf", Reply(body=b"%PDF-1.7", headers={"Content-Type": "application/pdf"}))
    site.add("/huge.html", Reply(body=b"<html><body><p>" + b"a" * (50 * MB), headers=html))
    latin = {"Content-Type": "text/html; charset=iso-8859-1"}  # a false label on UTF-8 bytes
    site.add("/mislabelled.html", Reply(body=ARTICLE.encode(), headers=latin))
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
             "/empty.html", "/pdf", "/huge.html", "/mislabelled.html", "/bad-jump"]  # fmt: skip
    urls = ", ".join(f'"{site.url(p)}"' for p in pages)
    listings = {"not-xml": ("feed", "/feed-not-xml"), "html-feed": ("feed", "/feed-html"),
                "self-index": ("sitemap", "/index.xml"),
                "zip-bomb-map": ("sitemap", "/sitemap-bomb.xml")}  # fmt: skip
    toml = tmp_path / "sources.toml"
    toml.write_text(
        f'[[sources]]\nname = "pages"\nkind = "urls"\nurls = [{urls}]\nallow_private = true\n\n'
        + "".join(
            f'[[sources]]\nname = "{name}"\nkind = "{kind}"\nurl = "{site.url(path)}"\n'
            "allow_private = true\n\n"
            for name, (kind, path) in listings.items()
        )
    )
    data = tmp_path / "data"
    started = time.monotonic()
    stats = {s.source: s for s in run_ingest(load_sources(toml), str(data), Window())}
    assert time.monotonic() - started < 60, "a slow server held the run"
    assert set(stats) == {"pages", *listings}  # the run went through every source
    got = outcomes(data)
    assert {p: got[site.url(p)] for p in pages} == {
        "/ok.html": ("article", TITLE),
        "/bomb.html": ("reject", "too_large"),
        "/loop-a": ("reject", "redirect_loop"),
        "/self": ("reject", "redirect_loop"),
        "/drip.html": ("reject", "timeout"),
        "/binary.html": ("reject", "binary"),
        "/empty.html": ("reject", "empty"),
        "/pdf": ("reject", "not_html"),
        "/huge.html": ("reject", "too_large"),
        "/mislabelled.html": ("article", TITLE),
        "/bad-jump": ("reject", "parse_error"),  # a port no address has: the page's row
    }
    assert stats["pages"].error is None
    # Listings that cannot be read: a rejects row each; the source ends with that error.
    assert got[site.url("/feed-not-xml")] == ("reject", "parse_error")
    assert got[site.url("/feed-html")] == ("reject", "parse_error")
    assert got[site.url("/sitemap-bomb.xml")] == ("reject", "too_large")
    for name in ("not-xml", "html-feed", "zip-bomb-map"):
        reason, error = got[site.url(listings[name][1])][1], stats[name].error
        assert error is not None and reason in error, name
    # The self-referencing index: each index read once, each loop one rejects row, no error.
    assert got[site.url("/index.xml")] == ("reject", "sitemap_loop")
    assert got[site.url("/index.xml?again")] == ("reject", "sitemap_loop")
    assert site.count("/index.xml") == 1 and site.count("/index.xml?again") == 1
    assert stats["self-index"].error is None and stats["self-index"].discovered == 0
    # A second run: the same rejects, nothing new, and it completes again.
    before = read_keys(data)
    again = {s.source: s for s in run_ingest(load_sources(toml), str(data), Window())}
    assert read_keys(data) == before and again["self-index"].rejects["sitemap_loop"] == 2


def test_names_in_another_encoding_and_link_loops_do_not_end_the_run(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    article = ARTICLE.encode()
    # What unzip writes for names made on other systems: Latin-1 and GBK bytes, no UTF-8.
    for raw in (b"caf\xe9.html", "新闻".encode("gbk") + b".html"):
        with open(os.path.join(os.fsencode(pages), raw), "wb") as fh:
            fh.write(article)
    (pages / "loop-a.html").symlink_to(pages / "loop-b.html")
    (pages / "loop-b.html").symlink_to(pages / "loop-a.html")
    toml = folder_source(tmp_path, "names")
    data = tmp_path / "data"
    (stats,) = run_ingest(load_sources(toml), str(data), Window())
    assert stats.error is None
    got = outcomes(data)
    assert got["caf\\xe9.html"] == ("article", TITLE)
    assert got["\\xd0\\xc2\\xce\\xc5.html"] == ("article", TITLE)
    assert got["loop-a.html"] == got["loop-b.html"] == ("reject", "unreadable")
    (again,) = run_ingest(load_sources(toml), str(data), Window())  # the same names next time
    assert again.error is None and again.extracted == 0


def test_half_an_emoji_in_json_or_yaml_escapes_is_stored_mended(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    body = "欧盟委员会表示，《人工智能法》的义务将分阶段适用，成员国监管机构须在规定期限内完成指定工作。"
    # A scraper that cuts "\ud83d\ude00" after its first half leaves a lone surrogate escape.
    (pages / "cut.json").write_text(
        '{"title": "法案生效 \\ud83d", "content": "' + body * 3 + '", "author": "王\\ud83d\\ude00"}'
    )
    (pages / "cut.md").write_text(f'---\ntitle: "法案生效 \\udc00"\n---\n\n{body}\n\n{body}\n')
    toml = folder_source(tmp_path, "esc")
    data = tmp_path / "data"
    (stats,) = run_ingest(load_sources(toml), str(data), Window())
    assert stats.error is None
    arts = read_table(data, "articles")
    rows = {r["path"]: r for r in arts.iter_rows(named=True)}
    assert rows["cut.json"]["title"] == "法案生效 \ufffd" and rows["cut.json"]["author"] == "王😀"
    assert rows["cut.md"]["title"] == "法案生效 \ufffd"
