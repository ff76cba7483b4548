"""Listings in posts and headings of generated docs pages (fifteenth round)."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html

from extractors.article import extract_article
from extractors.postrender import render_paragraphs
from extractors.rows import Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
PROSE = [
    "This chapter walks through installing the toolkit on a fresh machine and checking it.",
    "Each step lists the command to run and the output you should expect to see afterwards.",
]


def test_line_breaks_inside_a_listing_end_its_lines() -> None:
    # Board engines write a code box as <pre><code> with <br> between the lines.
    post = lxml.html.fromstring(
        "<div><p>Try this:</p><pre><code>@echo off<br>set <b>name</b>=demo<br>"
        "echo %name%</code></pre><p>It prints the name.</p></div>"
    )
    assert render_paragraphs(post) == [
        "Try this:",
        "@echo off",
        "set name=demo",
        "echo %name%",
        "It prints the name.",
    ]


def _docs_page(script: str) -> Page:
    body = "".join(f"<p>{p}</p>" for p in PROSE)
    html = (
        f"<html><head><title>Installing the toolkit</title></head><body>"
        f"<main><h1>Installing the toolkit</h1>{body}</main>"
        f"{script}</body></html>"
    )
    return Page(source="t", body=html.encode(), fetched_at=FETCHED, path="docs/install.html")


def test_a_file_time_in_a_script_does_not_make_a_docs_page_news() -> None:
    # A docs generator's page state names the source file's modification time; only the
    # fallback search of the whole markup finds it, and the page keeps its heading.
    state = (
        '<script>page.changed({"file":{"path":"install.md",'
        '"mtime":"2023-06-20T08:58:49.105Z","type":"markdown"}});</script>'
    )
    art = extract_article(_docs_page(state))
    assert art.title == "Installing the toolkit"
    assert art.text.startswith("Installing the toolkit\n\n")
