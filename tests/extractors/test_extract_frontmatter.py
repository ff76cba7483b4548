"""Front matter that scrapers write without YAML quoting, and their names for the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.exceptions import FrontMatterError
from extractors.formats import parse_document, parse_front_matter

SCRAPED = """---
title: Budget talks: the council agrees on a data-centre fund
url: https://news.example.org/2025/03/council-fund
published_date: 2025-03-04T09:30:00
collected_date: 2025-03-20T01:02:03
source: Example News
description: "The council agreed a fund for public data centres
 after a long debate: the vote was close"
tags:
  - budget
  - data centres
---
The council agreed on Tuesday to set up a fund for public data centres.
"""


def test_unquoted_colons_in_values_are_read_as_text() -> None:
    split = parse_front_matter(SCRAPED)
    assert split is not None
    data, body = split
    assert data["title"] == "Budget talks: the council agrees on a data-centre fund"
    assert data["published_date"] == dt.datetime(2025, 3, 4, 9, 30)
    assert data["description"].endswith("after a long debate: the vote was close")
    assert data["tags"] == ["budget", "data centres"]
    assert body.startswith("The council agreed")


def test_a_scraped_page_keeps_its_title_and_publication_date_not_the_collection_date() -> None:
    doc = parse_document(SCRAPED)
    assert doc.meta["title"] == "Budget talks: the council agrees on a data-centre fund"
    assert doc.meta["date"] == dt.datetime(2025, 3, 4, 9, 30)
    assert doc.meta["outlet"] == "Example News"


@pytest.mark.parametrize("key", ["publish_date", "date_published", "posted_at", "pub_date"])
def test_other_names_of_the_publication_date_are_read(key: str) -> None:
    doc = parse_document(f"---\ntitle: T\n{key}: 2024-11-02\n---\nSome body text.\n")
    assert doc.meta["date"] == dt.date(2024, 11, 2)


@pytest.mark.parametrize("key", ["collected_date", "last_updated", "archived_at", "crawl_time"])
def test_the_archives_own_times_are_not_the_publication_date(key: str) -> None:
    doc = parse_document(f"---\ntitle: T\n{key}: 2024-11-02\n---\nSome body text.\n")
    assert "date" not in doc.meta


@pytest.mark.parametrize("key", ["created_at", "create_time", "creationTime", "created_utc"])
def test_a_posts_own_creation_time_is_its_publication_date(key: str) -> None:
    doc = parse_document(f"---\ntitle: T\n{key}: 2024-11-02\n---\nSome body text.\n")
    assert doc.meta["date"] == dt.date(2024, 11, 2)


def test_a_clips_bare_created_day_is_not_the_publication_date() -> None:
    doc = parse_document("---\ntitle: T\ncreated: 2024-11-02\n---\nSome body text.\n")
    assert "date" not in doc.meta


def test_a_published_key_wins_over_a_creation_time() -> None:
    front = "---\ncreated_at: 2024-03-03\npublish_time: 2024-01-01\n---\nBody.\n"
    assert parse_document(front).meta["date"] == dt.date(2024, 1, 1)


def test_the_named_date_key_wins_over_other_date_keys() -> None:
    doc = parse_document("---\npublish_time: 2024-01-01\ndate: 2024-02-02\n---\nBody.\n")
    assert doc.meta["date"] == dt.date(2024, 2, 2)


@pytest.mark.parametrize(
    "front",
    [
        "---\ntitle: [unclosed\nplain line without a key\n---\nbody",
        "---\n: no key\n---\nbody",
    ],
)
def test_front_matter_that_is_neither_yaml_nor_key_lines_is_still_an_error(front: str) -> None:
    with pytest.raises(FrontMatterError, match="invalid YAML front matter"):
        parse_front_matter(front)


def test_a_bracketed_tag_opening_a_title_is_text_not_a_broken_list() -> None:
    doc = parse_document("---\ntitle: [Update] Export rules tightened\n---\nSome body text.\n")
    assert doc.meta["title"] == "[Update] Export rules tightened"


HUGO = """+++
title = "Council backs a data-centre fund"
date = 2025-03-04T09:30:00+08:00
tags = ["budget"]

[params]
cover = "cover.png"
+++

The council agreed on Tuesday to set up a fund for public data centres.
"""


def test_hugo_toml_front_matter_is_metadata_not_body() -> None:
    doc = parse_document(HUGO)
    assert doc.meta["title"] == "Council backs a data-centre fund"
    assert doc.meta["date"] == dt.datetime(
        2025, 3, 4, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))
    )
    assert "+++" not in doc.body and "title =" not in doc.body
    assert "fund for public data centres" in doc.body


def test_unquoted_toml_values_are_read_as_text() -> None:
    doc = parse_document(
        "+++\ntitle = Budget talks: a fund\ndate = 2025-03-04\n+++\n\nBody text.\n"
    )
    assert doc.meta["title"] == "Budget talks: a fund"
    assert doc.meta["date"] == dt.date(2025, 3, 4)


def test_toml_front_matter_that_is_not_key_lines_is_an_error() -> None:
    with pytest.raises(FrontMatterError, match="invalid TOML front matter"):
        parse_front_matter('+++\ntitle = "open\nnot a key line\n+++\nbody')


def test_a_multimarkdown_header_is_metadata_not_body() -> None:
    page = "Title: Budget talks: a fund\nDate: 2025-03-04 09:30\nAuthor: Jane Roe\n\nBody text.\n"
    doc = parse_document(page)
    assert doc.meta["title"] == "Budget talks: a fund"
    assert doc.meta["author"] == "Jane Roe"
    assert doc.meta["date"] == "2025-03-04 09:30"
    assert doc.body.strip() == "Body text."


@pytest.mark.parametrize(
    "page",
    [
        "Note: read this first\nAnother: line\n\nBody text.\n",  # neither title nor date
        "Title: A page\nURL Source: https://example.org/a\n\nMarkdown Content:\nBody text.\n",
        "Title: A page\nthe body starts here without a blank line\n\nMore.\n",
    ],
)
def test_other_openings_are_no_multimarkdown_header(page: str) -> None:
    assert parse_front_matter(page) is None


def test_a_line_break_typed_into_a_front_matter_title_is_a_space() -> None:
    doc = parse_document('---\ntitle: "Council Notes <BR> March 3, 2026"\n---\n\nBody text.\n')
    assert doc.meta["title"] == "Council Notes March 3, 2026"
    doc = parse_document('---\ntitle: "Using the <dialog> element"\n---\n\nBody text.\n')
    assert doc.meta["title"] == "Using the <dialog> element"


def test_loose_lines_keep_a_list_at_the_margin_and_a_quote_that_spans_a_colon() -> None:
    split = parse_front_matter(
        '---\ntitle: Talks: day two\ntags:\n- ai\n- law\nnote: "one\nnext: two"\n---\nbody'
    )
    assert split is not None
    assert split[0] == {"title": "Talks: day two", "tags": ["ai", "law"], "note": "one next: two"}
