"""A periodical's issue day printed at one end of its own title dates a page that prints no other."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractors.article import extract_article
from extractors.dates import get_zone
from extractors.headerdates import find_issue_date
from extractors.rows import Article, Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
_EN = (
    "Three city councils published draft rules on how their offices may use chat assistants, "
    "and each asked residents to send written comments before the end of the month."
)
_ZH = "多个城市发布了政府部门使用对话助手的规则草案，并请市民在月底前提交书面意见，供有关部门参考。"


def _extract(text: str, zone: str = "UTC", name: str = "page-7f3a.md") -> Article:
    return extract_article(Page("notes", text.encode(), FETCHED, path=name, timezone=zone))


def _page(title: str, header: str = "", body: str = _EN) -> str:
    paras = "\n\n".join(f"{body} Item {i}." for i in range(4))
    return f"# {title}\n\n{header}\n\n{paras}\n" if header else f"# {title}\n\n{paras}\n"


@pytest.mark.parametrize(
    ("title", "day"),
    [
        ("Morning Policy Briefing — 2025-03-04", "2025-03-04"),
        ("Civic Tech Digest 2025-03-04", "2025-03-04"),
        ("Rules Weekly #41 | 2025.03.04", "2025-03-04"),
        ("政策简报（2025年3月4日）", "2025-03-04"),
        ("2025-03-04 政策日报", "2025-03-04"),
        ("2025/03/04", "2025-03-04"),
        ("🗞 2025年3月4日 政策快讯", "2025-03-04"),
    ],
)
def test_an_issue_day_at_either_end_of_a_title(title: str, day: str) -> None:
    found = find_issue_date(title, get_zone("UTC"))
    assert found is not None and found.date().isoformat() == day


@pytest.mark.parametrize(
    "title",
    [
        "Council votes on 2025-03-04",  # the sentence runs into its date
        "Hearing set for March 4, 2025",  # a month name: an event in a headline
        "市议会定于2025年3月4日召开听证会",  # the date sits inside the sentence
        "Digest 2025-03-01 ~ 2025-03-07",  # a range names no one day
        "Release 2025-03-04 10:00",  # a time stamp, not an issue's day
        "Build v2025.03.04",  # glued to a word
        "Council opens consultation on chat assistants",
        "",
    ],
)
def test_what_names_no_issue_day(title: str) -> None:
    assert find_issue_date(title, get_zone("UTC")) is None


def test_a_digest_that_prints_its_day_only_in_its_title_is_dated() -> None:
    article = _extract(_page("Morning Policy Briefing — 2025-03-04"), "America/New_York")
    assert article.published_at == datetime(2025, 3, 4, 5, tzinfo=UTC)


def test_a_chinese_digest_dated_by_its_title() -> None:
    article = _extract(_page("政策日报 | 2025-03-04", body=_ZH), "Asia/Shanghai")
    assert article.published_at == datetime(2025, 3, 3, 16, tzinfo=UTC)


def test_a_printed_date_line_beats_the_title() -> None:
    article = _extract(_page("Morning Policy Briefing — 2025-03-04", "Published: 2025-03-05"))
    assert article.published_at == datetime(2025, 3, 5, tzinfo=UTC)


def test_the_title_beats_the_archive_path() -> None:
    name = "archive/2025/03/2025-03-05-briefing.md"
    article = _extract(_page("Morning Policy Briefing — 2025-03-04"), name=name)
    assert article.published_at == datetime(2025, 3, 4, tzinfo=UTC)


def test_an_event_headline_dates_nothing() -> None:
    assert _extract(_page("Council votes on 2025-03-04")).published_at is None
