"""Publication dates of Markdown/text pages without front matter: header lines, glued labels, paths."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractors.article import extract_article
from extractors.dates import find_labelled_date, get_zone, unglue
from extractors.headerdates import read_date_line
from extractors.rows import Article, Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
_EN = (
    "The regulator asked developers of large models to describe how they test their systems "
    "before release, and it set out the questions a written answer should cover."
)
_ZH = (
    "监管部门要求大模型开发者说明上线前的测试方法，并列出了书面答复需要回答的问题清单，供企业参考。"
)


def _extract(text: str, zone: str = "UTC", name: str = "post.md") -> Article:
    page = Page("notes", text.encode(), FETCHED, path=name, timezone=zone)
    return extract_article(page)


def _en_page(header: str, title: str = "# Regulator opens consultation on model testing") -> str:
    body = "\n\n".join(f"{_EN} Part {i}." for i in range(4))
    return f"{title}\n\n{header}\n\n{body}\n"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("March 4, 2025", datetime(2025, 3, 4, 5, tzinfo=UTC)),
        ("Published: 2025-01-15", datetime(2025, 1, 15, 5, tzinfo=UTC)),
        ("Date: 15 January 2025", datetime(2025, 1, 15, 5, tzinfo=UTC)),
        ("**Posted on** Jan 15, 2025 by Ana Ruiz", datetime(2025, 1, 15, 5, tzinfo=UTC)),
        ("Wednesday, January 15, 2025", datetime(2025, 1, 15, 5, tzinfo=UTC)),
        ("Published 2025-01-15 10:30 | Policy desk", datetime(2025, 1, 15, 15, 30, tzinfo=UTC)),
    ],
)
def test_english_header_date_lines(header: str, expected: datetime) -> None:
    article = _extract(_en_page(header), "America/New_York")
    assert article.published_at == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("发布时间：2025年1月15日 10:30", datetime(2025, 1, 15, 2, 30, tzinfo=UTC)),
        ("2025-01-15 10:30 来源：江城日报", datetime(2025, 1, 15, 2, 30, tzinfo=UTC)),
        ("發佈時間：2025年1月15日", datetime(2025, 1, 14, 16, tzinfo=UTC)),
        ("发表于 2025-01-15", datetime(2025, 1, 14, 16, tzinfo=UTC)),
    ],
)
def test_chinese_header_date_lines(header: str, expected: datetime) -> None:
    body = "\n\n".join(_ZH for _ in range(4))
    article = _extract(f"# 监管部门就模型测试征求意见\n\n{header}\n\n{body}\n", "Asia/Shanghai")
    assert article.published_at == expected


def test_date_line_stays_in_the_text() -> None:
    article = _extract(_en_page("March 4, 2025"))
    assert "March 4, 2025" in article.text


def test_original_date_wins_over_the_reposts_stamp() -> None:
    header = (
        "**Published:** June 2, 2025 08:00 UTC\n**Source:** Example Register\n"
        "**Original publication date:** March 3, 2024"
    )
    assert _extract(_en_page(header)).published_at == datetime(2024, 3, 3, tzinfo=UTC)


def test_original_date_wins_in_chinese_and_over_front_matter() -> None:
    body = "\n\n".join(_ZH for _ in range(4))
    page = f"# 标题\n\n发布时间：2025-06-02\n\n原文发布时间：2024-03-03\n\n{body}\n"
    assert _extract(page).published_at == datetime(2024, 3, 3, tzinfo=UTC)
    front = "---\ntitle: Repost\ndate: 2025-06-02\n---\n"
    page = front + _en_page("Originally published: March 3, 2024")
    assert _extract(page).published_at == datetime(2024, 3, 3, tzinfo=UTC)


def test_updated_only_when_nothing_else_dates_the_page() -> None:
    both = _en_page("Last updated: April 2, 2025\n\nPublished: March 1, 2025")
    assert _extract(both).published_at == datetime(2025, 3, 1, tzinfo=UTC)
    only = _en_page("Last updated: April 2, 2025")
    assert _extract(only).published_at == datetime(2025, 4, 2, tzinfo=UTC)


def test_date_right_under_the_title_wins_over_an_earlier_line() -> None:
    page = "Archive entry 2024-12-30\n\n" + _en_page("March 4, 2025")
    assert _extract(page).published_at == datetime(2025, 3, 4, tzinfo=UTC)


@pytest.mark.parametrize(
    "page",
    [
        # a date inside a body sentence
        _en_page(f"On March 4, 2025, the regulator said it would publish the answers. {_EN}"),
        # an event date in the title line
        _en_page("", title="# February 10, 2025: summit opens"),
        _en_page("", title="# Summit on 10 February 2025: what to expect"),
        # a date in a list item far down, after the body has started
        _en_page("") + "\n".join(f"- item {i}" for i in range(15)) + "\n- 2024-05-01\n",
        # a date beyond the fetch time
        _en_page("Published: 2027-05-01"),
    ],
)
def test_no_publication_date_from_body_title_or_future(page: str) -> None:
    assert _extract(page).published_at is None


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("February 13, 2025", "bare"),
        ("Posted on Jan 15, 2025 by Ana Ruiz", "published"),
        ("Original Published: January 13, 2020 00:00 UTC", "original"),
        ("原文发布时间：2020年1月13日", "original"),
        ("First published: 3 March 2024", "original"),
        ("Published on 2024-12-24 · 5 min read", "published"),
        ("2024-12-24 星期二", "bare"),
        ("更新时间：2025-01-15", "updated"),
        ("Updated: 2025-01-15", "updated"),
    ],
)
def test_read_date_line_kinds(line: str, kind: str) -> None:
    read = read_date_line(line, get_zone("UTC"))
    assert read is not None and read[0] == kind


@pytest.mark.parametrize(
    "line",
    [
        "On February 13, 2025, the leaders met in Washington.",
        "2025年1月15日，国务院常务会议研究部署人工智能相关工作。",
        "February 13, 2025 The President hosted the Prime Minister",
        "See the notice of 2025-01-15 for details",
    ],
)
def test_read_date_line_rejects_sentences(line: str) -> None:
    assert read_date_line(line, get_zone("UTC")) is None


def test_front_matter_original_date_wins_over_its_own_date() -> None:
    front = (
        "---\ntitle: Repost\ndate: 2025-06-02\noriginal_published: 2024-03-03 00:00:00 +0000\n---\n"
    )
    assert _extract(front + _en_page("")).published_at == datetime(2024, 3, 3, tzinfo=UTC)


def test_a_chinese_label_glued_to_the_headline_dates_a_one_line_dump() -> None:
    """A notice dumped as one line: headline, label, date and document number run together."""
    line = (
        "某省工业和信息化厅关于征集人工智能应用案例的通知发布日期:2019-05-20某工信函〔2019〕12号"
        + _ZH * 6
    )
    article = _extract(line + "\n" + _ZH * 4 + "\n", "Asia/Shanghai", "notice.txt")
    assert article.published_at == datetime(2019, 5, 19, 16, tzinfo=UTC)


def test_a_month_glued_to_the_word_before_it_is_read_after_a_label() -> None:
    """A Markdown header whose date was glued to the headline's last word by the scraper."""
    text = _en_page("**Published:** consultationMar 4, 2024")
    article = _extract(text, "America/New_York")
    assert article.published_at == datetime(2024, 3, 4, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("**Published:** APIJan 23, 2025", datetime(2025, 1, 23, tzinfo=UTC)),
        ("Posted: reportOct 2, 2023 by Ana Ruiz", datetime(2023, 10, 2, tzinfo=UTC)),
        ("**Published:** July 16, 2024", datetime(2024, 7, 16, tzinfo=UTC)),
    ],
)
def test_header_lines_with_glued_months(line: str, expected: datetime) -> None:
    """The header reader skips one glued word only when a capitalised month follows it."""
    assert read_date_line(line, UTC) == ("published", expected)


def test_what_is_not_a_glued_date() -> None:
    """No colon after a glued label, a lower-case month, a month without a day: nothing skipped."""
    zone = get_zone("Asia/Shanghai")
    assert find_labelled_date("会议确定了发布时间并将于2020-01-02前完成", zone) is None
    assert find_labelled_date("通知发布日期:2020-01-02", zone) is not None
    assert read_date_line("Published: dismay 5, 2024", UTC) is None
    assert unglue("Posted: **May 5, 2024", len("Posted:")) == len("Posted: **")
    assert unglue("Published: soonMay", len("Published:")) == len("Published: ")


def test_an_archive_file_named_for_its_day_dates_a_page_that_prints_none() -> None:
    """A saved digest with no printed date takes the one day its path names."""
    dated = _extract(
        _en_page("", "# Consultation digest"), "Asia/Taipei", "digests/2025/11/2025-11-07-digest.md"
    )
    assert dated.published_at == datetime(2025, 11, 6, 16, tzinfo=UTC)


@pytest.mark.parametrize(
    "name",
    ["digests/2025-11-01-2025-11-30-month.md", "notes/digest-2025-02-30.md", "notes/digest.md"],
)
def test_a_path_naming_no_single_day_dates_nothing(name: str) -> None:
    """Two days (a month's range), an impossible day or no day in the path: no date."""
    assert _extract(_en_page("", "# Consultation digest"), "UTC", name).published_at is None


def test_a_printed_date_beats_the_path() -> None:
    """The path is the last resort: a date the page prints wins."""
    article = _extract(
        _en_page("Published: March 4, 2024", "# Consultation digest"),
        "UTC",
        "digests/2025-11-07-digest.md",
    )
    assert article.published_at == datetime(2024, 3, 4, tzinfo=UTC)
