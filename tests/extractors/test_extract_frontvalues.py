"""One bad value in a page's metadata is that value lost, never the page."""

from __future__ import annotations

import contextlib
from datetime import UTC
from pathlib import Path

import pytest
from archivekit import EN, extract_saved

from extractors.dates import parse_date
from extractors.exceptions import FrontMatterError
from extractors.frontmatter import parse_front_matter, person_names, title_text
from extractors.surrogates import mend_parsed, mend_surrogates


@pytest.mark.parametrize(
    "date",
    [
        "2024-13-45",
        "0000-00-00",
        "2024-02-30",
        "2024-01-01T10:00:00+25:00",
        "9999-12-31T23:59:59-14:00",  # a real stamp, past the calendar's end once in UTC
        "0001-01-01T00:00:00+14:00",  # and before its start
    ],
)
def test_a_date_no_calendar_has_leaves_the_page_undated_not_rejected(date: str) -> None:
    article = extract_saved(f"---\ntitle: Library budget\ndate: {date}\n---\n\n{EN}\n\n{EN}\n")
    assert article.title == "Library budget" and article.published_at is None
    assert article.text.startswith("The council approved")


def test_the_second_reading_of_front_matter_is_as_safe_as_the_first(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    tag = f'!!python/object/apply:os.system ["touch {marker}"]'
    text = f"---\ntitle: T\ndate: 2024-13-45\nx: {tag}\n---\n\n{EN}\n"
    with contextlib.suppress(FrontMatterError):
        parse_front_matter(text)
    assert not marker.exists()


def test_a_good_date_beside_an_impossible_one_is_still_read() -> None:
    article = extract_saved(f"---\ntitle: T\ndate: 2024-03-05\nupdated: 2024-13-45\n---\n\n{EN}\n")
    assert (
        article.published_at is not None and article.published_at.date().isoformat() == "2024-03-05"
    )


@pytest.mark.parametrize(
    "page",
    [
        '<html><head><title>T</title><meta property="article:published_time" '
        f'content="2024-01-01T10:00:00+25:00"></head><body><article><p>{EN}</p><p>{EN}</p>'
        "</article></body></html>",
        f"# T\n\nPosted 2024-01-01T10:00:00+25:00\n\n{EN}\n\n{EN}\n",
    ],
)
def test_a_stamp_with_an_offset_no_clock_has_is_no_date_and_no_reject(page: str) -> None:
    assert "The council approved" in extract_saved(page).text


def test_an_impossible_offset_is_no_date() -> None:
    assert parse_date("2024-01-01T10:00:00+25:00", UTC) is None
    assert parse_date("2024-01-01T10:00:00+23:30", UTC) is not None


def test_author_records_give_their_names() -> None:
    front = "author:\n  - name: Ann Lee\n    url: https://example.org/ann\n  - Bo Chen\n"
    article = extract_saved(f"---\ntitle: T\n{front}---\n\n{EN}\n")
    assert article.author == "Ann Lee, Bo Chen"
    assert person_names({"name": "Ann Lee", "twitter": "@ann"}) == "Ann Lee"
    assert person_names({"twitter": "@ann"}) is None and person_names(7) is None


def test_a_title_that_is_a_list_or_a_record_is_no_title() -> None:
    article = extract_saved(f"---\ntitle: [budget, library]\n---\n\n# Library budget\n\n{EN}\n")
    assert article.title == "Library budget"
    assert title_text({"en": "x"}) is None and title_text(True) is None
    assert title_text(2024) == "2024" and title_text("Budget") == "Budget"


def test_lone_surrogates_are_mended_and_pairs_joined() -> None:
    assert mend_surrogates("a\ud83d") == "a\ufffd"
    assert mend_surrogates("\ud83d\ude00") == "😀"
    assert mend_surrogates("plain") == "plain"
    parsed = {"k\udc00": ["x\ud800", 3, {"y": "\ud83d"}]}
    assert mend_parsed('{"k\\udc00": ["x\\ud800", 3, {"y": "\\ud83d"}]}', parsed) == {
        "k\ufffd": ["x\ufffd", 3, {"y": "\ufffd"}]
    }
    assert mend_parsed("no escapes here", parsed) is parsed  # nothing to mend: not walked


def test_half_an_emoji_in_a_pages_json_ld_is_mended() -> None:
    ld = '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Ann Lee \\ud83d"}}'
    page = (
        f'<html><head><title>T</title><script type="application/ld+json">{ld}</script></head>'
        f"<body><article><p>{EN}</p><p>{EN} Again.</p></article></body></html>"
    )
    article = extract_saved(page)
    assert article.author is not None and article.author.encode()  # a UTF-8 string, no surrogate
