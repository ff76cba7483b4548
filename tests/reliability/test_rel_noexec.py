"""Parsing never executes content: hostile pages, feeds and sitemaps run under a Python audit hook.

A control run swaps in a deliberately unsafe extractor over the same content: the payloads then
do run (a marker file appears) and the probe reports them, so the real run's empty report means
something.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from relkit import REPO, Reply, Site, child_env, everything_stored

SECRET = "TOP-SECRET-3c9e77"
TOKEN = "RADAR-HOSTILE-5d1f0a"
BEACON = "beacon.radar-test.invalid"
CHILD = Path(__file__).with_name("auditchild.py")
ARTICLE = "<p>The commission said the AI act obligations apply in phases across member states.</p>"


class Reducer:
    """Pickles to a call of os.system (dumps only builds the bytes; nothing runs here)."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (self.command,))


def hostile(marker: Path, secret: Path, site: Site) -> dict[str, tuple[bytes, str]]:
    """Return hostile bodies by path, with their content type."""
    local_feed = secret.with_name("local-feed.xml")  # a feed body naming it must not open it
    local_feed.write_text(
        f'<rss version="2.0"><channel><item><link>{site.url("/from-a-local-file")}</link>'
        "</item></channel></rss>"
    )
    cmd = f"touch {marker}"
    ext = f"http://{BEACON}"
    head = (
        f"<title>AI act</title><meta http-equiv='refresh' content='0;url={ext}/refresh'>"
        f"<link rel=stylesheet href='{ext}/css'><script src='{site.url('/beacon.js')}'></script>"
    )
    body = (
        f"<script>__import__('os').system('{cmd}') # {TOKEN}</script>"
        f"<img src='{ext}/img' onerror=\"{TOKEN}\"><iframe src='file://{secret}'></iframe>"
        f"<object data='file://{secret}'></object>" + ARTICLE * 6
    )
    doctype = (
        f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">'
        f'<!ENTITY % remote SYSTEM "{site.url("/evil.dtd")}"> %remote;]>'
    )
    html = "text/html; charset=utf-8"
    return {
        "/script.html": (f"<html><head>{head}</head><body><article>{body}</article></body></html>".encode(), html),
        "/xxe.html": (
            f'<?xml version="1.0"?>{doctype}<html xmlns:xi="http://www.w3.org/2001/XInclude">'
            f"<body><article>{ARTICLE * 5}<p>&xxe;</p>"
            f'<xi:include href="file://{secret}" parse="text"/></article></body></html>'.encode(),
            html,
        ),
        "/yaml.md": (
            f"---\ntitle: !!python/object/apply:os.system ['{cmd}']\nnote: {TOKEN}\n---\n\nBody.\n".encode(),
            "text/markdown; charset=utf-8",
        ),
        "/pickle0.html": (b"cposix\nsystem\n(V" + cmd.encode() + b"\ntR.", html),
        "/pickle4.html": (pickle.dumps(Reducer(cmd), protocol=4), html),
        "/feed.xml": (
            f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>&xxe;</title>'
            f"<item><title>t</title><link>{site.url('/script.html')}</link><description>"
            f"<![CDATA[{body}]]></description></item></channel></rss>".encode(),
            "application/rss+xml",
        ),
        "/path-feed.xml": (str(local_feed).encode(), "application/rss+xml"),
        "/map.xml": (
            f'<?xml version="1.0"?>{doctype}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<url><loc>{site.url('/xxe.html')}</loc></url></urlset>".encode(),
            "application/xml",
        ),
    }  # fmt: skip


def audited_run(site: Site, tmp_path: Path, unsafe: bool) -> tuple[dict[str, Any], Path, Path]:
    """Ingest the hostile content (files and 127.0.0.1) in an audited child; return its report."""
    marker, secret = tmp_path / "executed", tmp_path / "secret.txt"
    secret.write_text(SECRET)
    pages = tmp_path / "pages"
    pages.mkdir()
    site.add("/robots.txt", Reply(404))
    for path, (body, ctype) in hostile(marker, secret, site).items():
        site.add(path, Reply(body=body, headers={"Content-Type": ctype}))
        if path.endswith((".html", ".md")):
            (pages / path.lstrip("/")).write_bytes(body)
    urls = ", ".join(f'"{site.url(p)}"' for p in ("/script.html", "/pickle0.html", "/pickle4.html"))
    toml = tmp_path / "sources.toml"
    toml.write_text(
        '[[sources]]\nname = "files"\nkind = "directory"\npath = "pages"\n\n'
        f'[[sources]]\nname = "web"\nkind = "urls"\nurls = [{urls}]\nallow_private = true\n\n'
        f'[[sources]]\nname = "feed"\nkind = "feed"\nurl = "{site.url("/feed.xml")}"\n'
        "allow_private = true\n\n"
        f'[[sources]]\nname = "path-feed"\nkind = "feed"\nurl = "{site.url("/path-feed.xml")}"\n'
        "allow_private = true\n\n"
        f'[[sources]]\nname = "map"\nkind = "sitemap"\nurl = "{site.url("/map.xml")}"\n'
        "allow_private = true\n"
    )
    data, report = tmp_path / "data", tmp_path / "report.json"
    env = child_env(
        RADAR_WORKERS="1",
        RADAR_AUDIT_TOKEN=TOKEN,
        RADAR_AUDIT_WATCH=os.pathsep.join([str(secret), str(secret.with_name("local-feed.xml"))]),
        RADAR_AUDIT_BEACON_HOST=BEACON,
        RADAR_AUDIT_UNSAFE="1" if unsafe else "0",
        RADAR_FETCH_MIN_INTERVAL="0.01",
    )
    done = subprocess.run(
        [sys.executable, str(CHILD), str(toml), str(data), str(report)],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(report.read_text()), marker, data


@pytest.mark.slow
def test_parsing_never_executes_reads_or_fetches_what_content_names(
    site: Site, tmp_path: Path
) -> None:
    report, marker, data = audited_run(site, tmp_path, unsafe=False)
    assert report["seen"] == [], report["seen"]  # no process, unpickling, eval, look-up, open
    assert not marker.exists(), "content was executed"
    port = site.base.rsplit(":", 1)[1]
    assert set(report["connects"]) == {f"('127.0.0.1', {port})"}, report["connects"]
    fetched = {p for p, _ in site.hits}
    assert fetched <= {"/robots.txt", "/script.html", "/pickle0.html", "/pickle4.html",
                       "/feed.xml", "/path-feed.xml", "/map.xml", "/xxe.html"}, fetched  # fmt: skip
    assert "/script.html" in fetched and "/xxe.html" in fetched  # the listings were read
    assert report["errors"]["files"] is None and report["errors"]["web"] is None
    assert "parse_error" in report["errors"]["path-feed"]  # its body is a path, not a feed
    stored = everything_stored(data)
    assert SECRET not in stored
    assert TOKEN in stored  # the hostile text was stored as data, and searched


@pytest.mark.slow
def test_control_an_unsafe_parser_is_caught_by_the_same_probe(site: Site, tmp_path: Path) -> None:
    report, marker, _ = audited_run(site, tmp_path, unsafe=True)
    assert marker.exists(), "the payloads are not live"
    seen = "\n".join(report["seen"])
    assert "unpickled posix.system" in seen
    assert "compile of page content" in seen
    assert "os.system" in seen


UNSAFE = re.compile(
    r"\bpickle\.loads?\b|\bmarshal\.|(?<![\w.])eval\(|(?<![\w.])exec\(|\byaml\.load\(|"
    r"\bunsafe_load\b|\byaml\.Loader\b|\bshelve\b|shell=True|resolve_entities=True|"
    r"no_network=False|huge_tree=True|\bjs2py\b|\bplaywright\b|\bselenium\b"
)


def test_static_guard_no_unsafe_loader_in_the_code() -> None:
    """A second line of defence for paths the content above does not reach."""
    assert UNSAFE.search("x = pickle.loads(body)") and UNSAFE.search("yaml.load(text)")
    assert UNSAFE.search("etree.XMLParser(resolve_entities=True)") and UNSAFE.search("eval(s)")
    found = []
    for package in ("flows", "storage", "extractors"):
        for path in sorted((REPO / package).rglob("*.py")):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if UNSAFE.search(line.split("#", 1)[0]):
                    found.append(f"{path.relative_to(REPO)}:{n}: {line.strip()}")
    assert found == []
