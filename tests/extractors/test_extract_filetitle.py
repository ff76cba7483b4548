"""A saved page without a title of its own takes the title its file name gives."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractors.article import extract_article
from extractors.filetitle import title_from_file_name
from extractors.rows import Page

BODY = (
    "The council agreed on Tuesday to set up a fund for public data centres, after a debate "
    "that ran late into the evening. The fund will open for applications in the spring. "
) * 4


def _title(path: str, text: str = BODY) -> str | None:
    page = Page("saved", text.encode(), datetime(2025, 3, 20, tzinfo=UTC), path)
    return extract_article(page).title


@pytest.mark.parametrize(
    ("name", "title"),
    [
        (
            "clips/Council backs a data-centre fund - Example News.md",
            "Council backs a data-centre fund",
        ),
        ("2025-03-04 Council backs a data-centre fund.md", "Council backs a data-centre fund"),
        ("市议会设立公共数据中心基金_示例新闻_示例网.html", "市议会设立公共数据中心基金"),
        ("Council backs a data-centre fund (2).md", "Council backs a data-centre fund"),
    ],
)
def test_a_written_file_name_is_the_title(name: str, title: str) -> None:
    assert title_from_file_name(name) == title


@pytest.mark.parametrize(
    "name", ["council-backs-fund.md", "index.html", "3f9a2b7c1d.html", "2025-03-04-fund.md", None]
)
def test_slugs_ids_and_generic_names_give_no_title(name: str | None) -> None:
    assert title_from_file_name(name) is None


def test_a_page_without_a_title_takes_its_file_name() -> None:
    assert _title("clips/Council backs a data-centre fund - Example News.md") == (
        "Council backs a data-centre fund"
    )


def test_the_pages_own_title_wins_over_its_file_name() -> None:
    text = "---\ntitle: The fund opens in spring\n---\n\n" + BODY
    assert _title("clips/Council backs a data-centre fund.md", text) == "The fund opens in spring"
