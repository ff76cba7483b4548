"""Control characters in short fields, and UTF-16 pages that declare themselves only in the header."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractors.article import extract_article
from extractors.decode import decode_bytes
from extractors.exceptions import ExtractionError
from extractors.rows import Page

STORY = (
    "The city council voted on Tuesday to publish every algorithm its agencies use to score "
    "benefit claims, with a register online by the end of the year.\n\n"
    "Council members said the register follows two years of complaints from residents."
)
HTML = (
    "<html><head><title>Council opens its algorithm register</title></head><body><article>"
    "<h1>Council opens its algorithm register</h1><p>The city council voted on Tuesday to "
    "publish every algorithm its agencies use to score benefit claims, with a register online "
    "by the end of the year.</p><p>Council members said the register follows two years of "
    "complaints from residents who could not learn why a claim was refused.</p>"
    "</article></body></html>"
)


def _page(body: bytes, path: str | None = None, content_type: str | None = None) -> Page:
    url = None if path else "https://council.example/news/register"
    return Page(
        source="s",
        body=body,
        fetched_at=datetime(2025, 5, 2, tzinfo=UTC),
        path=path,
        url=url,
        content_type=content_type,
    )


def test_escaped_control_characters_leave_title_author_and_outlet() -> None:
    front = (
        '---\ntitle: "Council\\a opens its\\x1b register"\nauthor: "Ana\\x08 Ruiz"\n'
        'site_name: "City\\x01 Ledger"\n---\n\n'
    )
    row = extract_article(_page((front + STORY).encode(), path="post.md"))
    assert row.title == "Council opens its register"
    assert row.author == "Ana Ruiz"
    assert row.outlet == "City Ledger"


@pytest.mark.parametrize(
    ("codec", "label"),
    [("utf-16-le", "utf-16le"), ("utf-16-be", "UTF-16BE"), ("utf-16-le", "utf-16")],
)
def test_a_utf16_page_without_a_byte_order_mark_is_read_by_its_header(
    codec: str, label: str
) -> None:
    page = _page(HTML.encode(codec), content_type=f"text/html; charset={label}")
    row = extract_article(page)
    assert row.title == "Council opens its algorithm register"
    assert "algorithm its agencies use" in row.text


@pytest.mark.parametrize(
    "body",
    [
        b"%PDF-1.7\n" + bytes(range(256)) * 40,  # a PDF served with a UTF-16 label
        b"\x00\x00" * 3000,  # NUL pairs decode to NUL characters
        bytes([1, 0, 2, 0, 3, 0]) * 2000,  # control characters, not text
    ],
)
def test_binary_bytes_stay_binary_whatever_the_header_declares(body: bytes) -> None:
    with pytest.raises(ExtractionError, match="binary"):
        decode_bytes(body, "text/html; charset=utf-16le")


def test_the_same_utf16_bytes_without_a_declaration_stay_binary() -> None:
    with pytest.raises(ExtractionError, match="binary"):
        decode_bytes(HTML.encode("utf-16-le"), "text/html")


@pytest.mark.parametrize("pad", ["", " "])  # even and odd byte counts
@pytest.mark.parametrize("where", ["meta", "header"])
def test_a_utf8_page_that_declares_utf16_is_read_as_utf8(pad: str, where: str) -> None:
    markup = HTML.replace("<head>", "<head><meta charset='utf-16'>") if where == "meta" else HTML
    markup = markup.replace("residents", "居民 residents") + pad
    header = "text/html; charset=utf-16" if where == "header" else "text/html"
    row = extract_article(_page(markup.encode("utf-8"), content_type=header))
    assert row.title == "Council opens its algorithm register"
    assert "居民 residents" in row.text
