"""JSON article records: key families, HTML and list bodies, nesting, dates, and JSON that is no article."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from extractors.article import extract_article
from extractors.exceptions import ExtractionError
from extractors.jsonrecord import json_document, read_json_record
from extractors.rows import Article, Page
from flows.config import SourceConfig
from flows.sources.directory import discover_files

FETCHED = datetime(2025, 6, 1, tzinfo=UTC)
# Our own sentences about public facts, long enough to be an article body.
LEAD = "The European Union's AI Act entered into force on 1 August 2024, twenty days after publication."
MORE = "Its rules apply in stages: bans on some practices after six months, most duties after two years."
BODY = f"{LEAD}\n\n{MORE}"


def _extract(record: Any, name: str = "story.json", timezone: str = "UTC") -> Article:
    body = json.dumps(record, ensure_ascii=False).encode("utf-8")
    return extract_article(Page("t", body, FETCHED, path=name, timezone=timezone))


def _reject(text: str, name: str = "story.json") -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        extract_article(Page("t", text.encode("utf-8"), FETCHED, path=name))
    return caught.value


FAMILIES = {
    "newspaper": {
        "title": "AI Act enters into force",
        "text": BODY,
        "authors": ["Ann Lee", "Bo Chen"],
        "publish_date": "2024-08-01T10:00:00+00:00",
        "url": "https://news.example.org/ai-act",
    },
    "news-please": {
        "title": "AI Act enters into force",
        "maintext": BODY,
        "date_publish": "2024-08-01 10:00:00",
        "date_download": "2025-05-30 08:00:00",
        "source_domain": "news.example.org",
        "url": "https://news.example.org/ai-act",
        "authors": ["Ann Lee"],
    },
    "schema.org": {
        "@type": "NewsArticle",
        "headline": "AI Act enters into force",
        "articleBody": BODY,
        "datePublished": "2024-08-01T10:00:00Z",
        "dateModified": "2024-09-09T10:00:00Z",
        "author": {"@type": "Person", "name": "Ann Lee"},
        "publisher": {"@type": "Organization", "name": "Example News"},
        "url": "https://news.example.org/ai-act",
    },
    "json-feed": {
        "id": "42",
        "title": "AI Act enters into force",
        "content_html": f"<p>{LEAD}</p><p>{MORE}</p>",
        "date_published": "2024-08-01T10:00:00Z",
        "authors": [{"name": "Ann Lee"}],
        "url": "https://news.example.org/ai-act",
    },
    "newsapi": {
        "source": {"id": None, "name": "Example News"},
        "author": "Ann Lee",
        "title": "AI Act enters into force",
        "content": BODY,
        "publishedAt": "2024-08-01T10:00:00Z",
        "url": "https://news.example.org/ai-act",
    },
    "wordpress": {
        "id": 7,
        "date": "2024-08-01T10:00:00",
        "link": "https://news.example.org/ai-act",
        "title": {"rendered": "AI Act enters into force"},
        "content": {"rendered": f"<p>{LEAD}</p>\n<p>{MORE}</p>", "protected": False},
    },
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_key_families_give_title_date_url_and_body(family: str) -> None:
    art = _extract(FAMILIES[family])
    assert art.title == "AI Act enters into force"
    assert art.published_at == datetime(2024, 8, 1, 10, tzinfo=UTC)
    assert art.url == "https://news.example.org/ai-act"
    assert "twenty days after publication" in art.text and "after two years" in art.text
    assert '"' + "title" not in art.text and "{" not in art.text and "<p>" not in art.text


def test_author_and_outlet_from_names_lists_and_objects() -> None:
    assert _extract(FAMILIES["newspaper"]).author == "Ann Lee, Bo Chen"
    schema = _extract(FAMILIES["schema.org"])
    assert (schema.author, schema.outlet) == ("Ann Lee", "Example News")
    assert _extract(FAMILIES["newsapi"]).outlet == "Example News"


def test_chinese_scraper_keys() -> None:
    record = {
        "标题": "人工智能法草案公开征求意见",
        "正文": "草案共分七章，规定了人工智能研发和应用的基本原则。" * 4,
        "发布时间": "2025-03-05 09:30",
        "来源": "示例日报",
        "作者": "王明",
        "链接": "https://news.example.cn/a/1",
    }
    art = _extract(record, timezone="Asia/Shanghai")
    assert art.title == "人工智能法草案公开征求意见"
    assert art.published_at == datetime(2025, 3, 5, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai
    assert (art.author, art.outlet, art.url) == ("王明", "示例日报", "https://news.example.cn/a/1")


def test_paragraph_lists_plain_and_html() -> None:
    plain = _extract({"title": "AI Act enters into force", "body": [LEAD, MORE]})
    assert [p for p in plain.text.split("\n") if p][:2] == [LEAD, MORE]
    html = _extract(
        {"title": "AI Act enters into force", "contents": [f"<p>{LEAD}</p>", f"<p>{MORE}</p>"]}
    )
    assert LEAD in html.text and MORE in html.text and "<p>" not in html.text
    blocks = [
        {"type": "paragraph", "data": {"text": LEAD}},
        {"type": "paragraph", "data": {"text": MORE}},
    ]
    assert (
        MORE
        in _extract({"title": "AI Act enters into force", "blocks": blocks, "content": blocks}).text
    )


def test_nested_record_and_one_record_array() -> None:
    nested = {"status": "ok", "data": {"article": FAMILIES["newsapi"]}}
    assert _extract(nested).title == "AI Act enters into force"
    assert _extract([FAMILIES["newspaper"]]).title == "AI Act enters into force"


def test_dates_with_and_without_zone_and_epochs() -> None:
    base = {"title": "AI Act enters into force", "body": BODY}
    zoned = _extract({**base, "published": "2024-08-01T10:00:00+02:00"}, timezone="Asia/Shanghai")
    assert zoned.published_at == datetime(2024, 8, 1, 8, tzinfo=UTC)
    bare = _extract({**base, "pubDate": "2024-08-01 10:00"}, timezone="Europe/Berlin")
    assert bare.published_at == datetime(2024, 8, 1, 8, tzinfo=UTC)  # 10:00 in Berlin, summer time
    seconds = _extract({**base, "publish_time": 1722506400})
    millis = _extract({**base, "publish_time": 1722506400000})
    assert seconds.published_at == millis.published_at == datetime(2024, 8, 1, 10, tzinfo=UTC)
    stamp = _extract({**base, "timestamp": "2024-08-01T10:00:00+00:00"})
    assert stamp.published_at == datetime(2024, 8, 1, 10, tzinfo=UTC)
    crawled = _extract({**base, "crawled_at": "2025-05-30T00:00:00Z", "time": "2024-08-01 10:00"})
    assert crawled.published_at == datetime(2024, 8, 1, 10, tzinfo=UTC)  # the crawl time is no date


@pytest.mark.parametrize(
    ("record", "detail"),
    [
        (
            [FAMILIES["newsapi"], FAMILIES["newspaper"], FAMILIES["wordpress"]],
            "JSON list of 3 items (3 with a title)",
        ),
        (
            {"version": "1.1", "title": "Example feed", "items": [FAMILIES["json-feed"]] * 2},
            "listing 2 records",
        ),
        (
            {"name": "radar", "version": "1.0.0", "dependencies": {"httpx": "*"}},
            "without a title or an article body",
        ),
        (
            {"title": "AI Act enters into force", "summary": "A short teaser."},
            "without an article body",
        ),
        ({"body": BODY, "url": "https://news.example.org/x"}, "a body but no title"),
        ([1, 2, 3], "JSON list of 3 items (none with a title)"),
        ("just a string", "JSON str, not an article record"),
    ],
)
def test_json_that_is_no_article_is_rejected_with_its_reason(record: Any, detail: str) -> None:
    err = _reject(json.dumps(record))
    assert err.reason == "not_article" and detail in err.detail


def test_json_lines_and_malformed_json() -> None:
    lines = "\n".join(json.dumps(r) for r in (FAMILIES["newsapi"], FAMILIES["newspaper"]))
    assert _reject(lines).reason == "not_article" and "JSON Lines of 2" in _reject(lines).detail
    broken = _reject('{"title": "AI Act", "body": "cut off')
    assert (
        broken.reason == "parse_error"
        and "malformed JSON" in broken.detail
        and "line 1" in broken.detail
    )
    assert _reject("title: not json at all", "notes.json").reason == "parse_error"


def test_pages_that_are_not_json_are_untouched() -> None:
    assert (
        read_json_record("[Home](https://example.org) | [News](https://example.org/n)\n\nText.")
        is None
    )
    assert read_json_record("# A heading\n\nSome text.", "notes.md") is None
    doc = json_document("{{ template }} words", "page.html")
    assert doc is None


def test_directory_sources_list_json_files_by_default(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(FAMILIES["newsapi"]), encoding="utf-8")
    (tmp_path / "b.md").write_text("# Title\n\ntext", encoding="utf-8")
    found, _skipped = discover_files(SourceConfig(name="d", kind="directory", path=tmp_path))
    assert [f.rel for f in found] == ["a.json", "b.md"]
