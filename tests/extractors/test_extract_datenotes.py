"""A date the file declares and the page cannot use is kept out, and the run is told why."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from extractors.article import extract_noted
from extractors.pipeline import process_page
from extractors.rows import Page

READ_AT = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
STORY = (
    "The ministry said on Monday it will fund research into safe artificial intelligence with "
    "new grants this year, and that the first calls open in the spring."
)


def markdown(date: str) -> Page:
    text = f"---\ntitle: Ministry funds AI research\ndate: {date}\n---\n\n{STORY}\n\n{STORY}\n"
    return Page(source="s", body=text.encode(), fetched_at=READ_AT, path="post.md")


@pytest.mark.parametrize(
    "date,why",
    [
        ("2026-11-31", "'2026-11-31' is no date"),
        ("next Tuesday", "'next Tuesday' is no date"),
        ("1985-03-01", "before 1990 or after the page was read"),
        ("2031-01-01", "before 1990 or after the page was read"),
    ],
)
def test_an_unusable_declared_date_is_noted(date: str, why: str) -> None:
    extracted = extract_noted(markdown(date))
    assert extracted.article.published_at is None
    (note,) = extracted.notes
    assert why in note


def test_a_usable_declared_date_gives_no_note() -> None:
    extracted = extract_noted(markdown("2026-12-01"))
    assert extracted.article.published_at == datetime(2026, 12, 1, tzinfo=UTC)
    assert extracted.notes == ()


def test_a_records_date_and_the_page_result_carry_the_note() -> None:
    record = {
        "title": "Ministry funds AI research",
        "datePublished": "2026-02-30",
        "articleBody": STORY,
    }
    page = Page(source="s", body=json.dumps(record).encode(), fetched_at=READ_AT, path="rec.json")
    result = process_page(page)
    assert result.article is not None
    assert result.warning == "rec.json: its declared date '2026-02-30' is no date"
    assert process_page(markdown("2026-12-01")).warning is None
