"""A date or link labelled inside the items of a digest is the item's, not the page's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractors.article import extract_article
from extractors.dates import get_zone
from extractors.itemdates import item_date_labels, repeated_labels
from extractors.rows import Article, Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
_EN = (
    "Three city councils published draft rules on how their offices may use chat assistants, "
    "and each asked residents to send written comments before the end of the month."
)
_ZH = "多个城市发布了政府部门使用对话助手的规则草案，并请市民在月底前提交书面意见，供有关部门参考。"


def _extract(text: str, name: str = "page-7f3a.md") -> Article:
    return extract_article(Page("notes", text.encode(), FETCHED, path=name, timezone="UTC"))


def _day(article: Article) -> str | None:
    return article.published_at.date().isoformat() if article.published_at else None


def test_zh_digest_with_its_own_stamp_is_not_dated_by_its_first_item() -> None:
    items = "".join(
        f"### {i}. 第{i}条消息\n**来源**: 某网站 | **时间**: 2025-07-{20 + i:02d} 10:00\n**摘要**: {_ZH}\n\n"
        for i in range(1, 4)
    )
    page = f"# 每日政策简报 - 2025-08-01\n\n## 今日概览\n- **更新时间**: 2025-08-01 08:00:00\n\n{items}"
    assert _extract(page).published_at == datetime(2025, 8, 1, 8, tzinfo=UTC)


def test_en_digest_item_links_are_not_the_page_address() -> None:
    items = "".join(
        f"### {i}. Headline {i}\n**Summary**: {_EN}\n"
        f"**Link**: [Read More](https://example.org/2025/07/{20 + i}/story-{i}/)\n\n"
        for i in range(1, 4)
    )
    page = f"# Daily Policy News - 2025-08-01\n\n- **Last Updated**: 2025-08-01 02:00:00\n\n{items}"
    article = _extract(page)
    assert article.published_at == datetime(2025, 8, 1, 2, tzinfo=UTC)
    assert article.url is None


@pytest.mark.parametrize(
    ("title", "item"),
    [
        ("Policy Roundup — 2025-08-01", "## Item {i}\n\nPublished: July {d}, 2025\n\n" + _EN),
        ("政策周报 | 2025-08-01", "## 条目 {i}\n\n发布时间：2025-07-{d}\n\n" + _ZH),
        ("政策周报 | 2025-08-01", "## 条目 {i}\n\n**发布时间**：2025-07-{d}\n\n" + _ZH),
    ],
)
def test_digest_whose_title_names_its_issue_day_is_dated_by_it(title: str, item: str) -> None:
    items = "\n\n".join(item.format(i=i, d=31 - 2 * i) for i in range(3))
    assert _day(_extract(f"# {title}\n\n{items}\n")) == "2025-08-01"


def test_html_digest_whose_title_names_its_issue_day_is_dated_by_it() -> None:
    items = "".join(
        f"<h2>Item {i}</h2><p>Published: July {31 - 2 * i}, 2025</p><p>{_EN} Note {i}.</p>"
        for i in range(3)
    )
    page = (
        "<html><head><title>Policy Roundup — 2025-08-01</title></head><body><article>"
        f"<h1>Policy Roundup — 2025-08-01</h1>{items}</article></body></html>"
    )
    assert _day(_extract(page, "page-7f3a.html")) == "2025-08-01"


def test_thread_without_a_day_of_its_own_keeps_its_first_post_date() -> None:
    posts = "\n\n".join(f"发布时间：2025-03-0{4 + i} 10:00\n\n{_ZH}第{i}帖。" for i in range(3))
    assert _day(_extract(f"# 市议会规则讨论\n\n{posts}\n")) == "2025-03-04"


def test_a_page_date_printed_twice_stays_the_page_date() -> None:
    body = "\n\n".join(f"{_ZH}第{i}段。" for i in range(3))
    page = (
        f"# 市议会通过规则\n\n发布时间：2025-03-04 10:00\n\n{body}\n\n发布时间：2025-03-04 10:00\n"
    )
    assert _extract(page).published_at == datetime(2025, 3, 4, 10, tzinfo=UTC)


def test_clipper_provenance_line_still_gives_the_address() -> None:
    page = f"# Council rules\n\nSource: https://example.org/2025/03/04/council-rules/\n\n{_EN}\n\n{_EN} More.\n"
    article = _extract(page)
    assert article.url == "https://example.org/2025/03/04/council-rules/"
    assert _day(article) == "2025-03-04"


def test_item_labels_need_two_different_values() -> None:
    assert repeated_labels([("Time", "a"), ("time", "b"), ("Date", "c"), ("Date", "c")]) == {"time"}
    zone = get_zone("UTC")
    lines = [
        "Published: July 31, 2025",
        "text",
        "Published: July 29, 2025",
        "Updated: August 1, 2025",
    ]
    assert item_date_labels(lines, zone) == {"published"}
    assert item_date_labels(["Published: July 31, 2025", "Published: July 31, 2025"], zone) == set()
