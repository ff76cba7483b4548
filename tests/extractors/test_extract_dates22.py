"""Publication dates glued to their neighbours by dumps that join text nodes without a break."""

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


def _extract(text: str, zone: str, name: str) -> Article:
    page = Page("notes", text.encode(), FETCHED, path=name, timezone=zone)
    return extract_article(page)


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
    body = "\n\n".join(f"{_EN} Part {i}." for i in range(4))
    text = f"# Regulator opens consultation\n\n**Published:** consultationMar 4, 2024\n\n{body}\n"
    article = _extract(text, "America/New_York", "post.md")
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
    body = "\n\n".join(f"{_EN} Part {i}." for i in range(4))
    text = f"# Consultation digest\n\n{body}\n"
    dated = _extract(text, "Asia/Taipei", "digests/2025/11/2025-11-07-digest.md")
    assert dated.published_at == datetime(2025, 11, 6, 16, tzinfo=UTC)


@pytest.mark.parametrize(
    "name",
    ["digests/2025-11-01-2025-11-30-month.md", "notes/digest-2025-02-30.md", "notes/digest.md"],
)
def test_a_path_naming_no_single_day_dates_nothing(name: str) -> None:
    """Two days (a month's range), an impossible day or no day in the path: no date."""
    body = "\n\n".join(f"{_EN} Part {i}." for i in range(4))
    text = f"# Consultation digest\n\n{body}\n"
    assert _extract(text, "UTC", name).published_at is None


def test_a_printed_date_beats_the_path() -> None:
    """The path is the last resort: a date the page prints wins."""
    body = "\n\n".join(f"{_EN} Part {i}." for i in range(4))
    text = f"# Consultation digest\n\nPublished: March 4, 2024\n\n{body}\n"
    article = _extract(text, "UTC", "digests/2025-11-07-digest.md")
    assert article.published_at == datetime(2024, 3, 4, tzinfo=UTC)
