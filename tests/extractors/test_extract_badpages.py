"""Bad pages become ExtractionError with a reject reason, never an article or a crash."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.article import MAX_BYTES, extract_article
from extractors.exceptions import ExtractionError
from extractors.rows import REJECT_REASONS, Article, Page

NOW = datetime(2026, 1, 1, tzinfo=UTC)
BODY = "<p>" + "人工智能政策正在快速变化，各国监管机构陆续出台新规。" * 6 + "</p>"


def _page(body: bytes, content_type: str | None = None) -> Page:
    return Page(
        source="bad",
        body=body,
        fetched_at=NOW,
        path="x.html",
        content_type=content_type,
        timezone="Asia/Shanghai",
    )


def _reason(body: bytes, content_type: str | None = None) -> str:
    with pytest.raises(ExtractionError) as info:
        extract_article(_page(body, content_type))
    assert info.value.reason in REJECT_REASONS
    return info.value.reason


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t  ", "empty"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 40, "binary"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 500, "binary"),
        (gzip.compress(b"<html>" + b"x" * 1000 + b"</html>", mtime=0), "binary"),
        (b"\x00\x01\x02\x03" * 2000, "binary"),
    ],
)
def test_rejects_empty_and_binary(body: bytes, reason: str) -> None:
    assert _reason(body) == reason


def test_rejects_navigation_only_page() -> None:
    links = "".join(f'<li><a href="/c{i}">频道{i}</a></li>' for i in range(40))
    html = f"<html><body><nav><ul>{links}</ul></nav><footer>版权所有 © 2025</footer></body></html>"
    assert _reason(html.encode()) == "no_body"


def test_rejects_too_large() -> None:
    assert _reason(b"<p>" + b"a" * (MAX_BYTES + 1)) == "too_large"


def test_deep_nesting_is_rejected_not_crashed() -> None:
    html = "<html><body>" + "<div>" * 20_000 + "深" + "</div>" * 20_000 + "</body></html>"
    assert _reason(html.encode()) == "parse_error"


def test_nul_bytes_inside_text_are_removed() -> None:
    html = f"<html><body><article>{BODY}</article></body></html>".encode()
    dirty = html.replace("人工".encode(), b"\x00\xe4\xba\xba\xe5\xb7\xa5", 3)
    art = extract_article(_page(dirty))
    assert "\x00" not in art.text and "人工智能" in art.text


def test_truncated_html_gives_best_effort_article() -> None:
    html = f"<html><head><title>截断</title></head><body><article>{BODY}{BODY}"
    art = extract_article(_page(html.encode()[:-7]))
    assert "监管机构" in art.text


def test_invalid_front_matter_is_parse_error() -> None:
    assert (
        _reason("---\ntitle: [unclosed\nno key on this line\n---\n正文内容很多。".encode())
        == "parse_error"
    )
    assert _reason("---\n- a\n- b\n---\n正文内容很多。".encode()) == "parse_error"


def test_undecodable_bytes_do_not_crash() -> None:
    body = b"<html><body><p>" + bytes([0x81, 0x30, 0xFF, 0xFE, 0xA1]) * 50 + b"</p></body></html>"
    try:
        extract_article(_page(body, "text/html; charset=utf-8"))
    except ExtractionError as exc:
        assert exc.reason in REJECT_REASONS


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_random_bytes_never_crash(body: bytes) -> None:
    try:
        assert isinstance(extract_article(_page(body)), Article)
    except ExtractionError as exc:
        assert exc.reason in REJECT_REASONS


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("<>/divpa =\"'\n人工智能。AI-#*|:：")), max_size=2000))
def test_random_markup_never_crashes(text: str) -> None:
    try:
        assert isinstance(extract_article(_page(text.encode())), Article)
    except ExtractionError as exc:
        assert exc.reason in REJECT_REASONS


def test_remote_page_uses_fetched_url_and_language_hint() -> None:
    from extractors.rows import make_article_id

    url = "https://news.example.com/2025/03/01/story.html"
    html = f"<html><body><article>{BODY}</article></body></html>".encode()
    page = Page(source="web", body=html, fetched_at=NOW, url=url, timezone="Nowhere/Invalid")
    art = extract_article(page)
    assert art.url == url and art.path is None
    assert art.article_id == make_article_id("web", None, url)
    assert art.published_at is not None and art.published_at.date().isoformat() == "2025-03-01"
