"""Publication dates as site generators record them: nested records, permalinks, org-mode keywords."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime

import pytest

from extractors.article import extract_article
from extractors.formats import parse_document
from extractors.rows import Page

BODY = (
    "The city council approved a new open-data policy on Tuesday, asking every department to "
    "publish its datasets in machine-readable form within one year of the vote.\n\n"
    "Officials said the first datasets would cover transport and housing, with budgets to follow "
    "once the finance office has finished its review of the formats in use.\n"
)


def _date_of(text: str, path: str = "page-0001.md", zone: str = "UTC") -> dt.date | None:
    page = Page(
        source="fm24",
        body=text.encode(),
        fetched_at=datetime(2026, 12, 5, tzinfo=UTC),
        path=path,
        timezone=zone,
    )
    published = extract_article(page).published_at
    return published.date() if published is not None else None


def test_a_nested_created_date_is_the_publication_date() -> None:
    # MkDocs Material's blog plugin: `date:` holds `created:` and an optional `updated:`
    text = "---\ndate:\n  created: 2024-01-31\n  updated: 2024-03-02\ncategories:\n  - News\n---\n"
    doc = parse_document(text + "# Council opens its data\n\n" + BODY)
    assert doc.meta["date"] == dt.date(2024, 1, 31)


def test_the_update_day_is_never_taken_whatever_its_place_in_the_record() -> None:
    text = "---\ndate:\n  updated: 2024-03-02\n  created: 2024-01-31\n---\n# Council opens its data\n\n"
    assert _date_of(text + BODY) == dt.date(2024, 1, 31)


def test_a_record_with_only_an_update_day_names_no_publication_day() -> None:
    text = "---\ntitle: Council opens its data\ndate:\n  updated: 2024-03-02\n---\n"
    doc = parse_document(text + BODY)
    assert "date" not in doc.meta


def test_a_nested_record_under_another_key_is_left_alone() -> None:
    text = "---\ntitle: Council opens its data\nauthor:\n  name: A. Writer\n---\n"
    doc = parse_document(text + BODY)
    assert doc.meta["author"] == "A. Writer"  # an author record gives its name (round 52)
    assert "date" not in doc.meta


def test_a_nested_date_wins_over_a_different_day_in_the_file_name() -> None:
    text = "---\ndate:\n  created: 2024-09-03\n---\n# Council opens its data\n\n"
    assert _date_of(text + BODY, path="2024-09-01-council.md") == dt.date(2024, 9, 3)


@pytest.mark.parametrize(
    "field",
    [
        'path = "2023/05/29/council-opens-its-data"',  # Zola
        'url = "/2023/05/29/council-opens-its-data/"',  # Hugo
    ],
)
def test_a_toml_permalink_day_dates_a_post_without_a_date_field(field: str) -> None:
    text = f'+++\n{field}\ntitle = "Council opens its data"\n+++\n\n'
    assert _date_of(text + BODY) == dt.date(2023, 5, 29)


def test_a_yaml_permalink_day_dates_a_post_without_a_date_field() -> None:
    text = "---\ntitle: Council opens its data\npermalink: /news/2023/05/29/council/\n---\n"
    assert _date_of(text + BODY) == dt.date(2023, 5, 29)


def test_a_date_field_wins_over_the_permalink_day() -> None:
    text = "---\ntitle: Council opens its data\ndate: 2023-06-02\npermalink: /2023/05/29/council/\n---\n"
    assert parse_document(text + BODY).meta["date"] == dt.date(2023, 6, 2)


@pytest.mark.parametrize(
    "field",
    [
        "url: https://news.example.org/2023/05/29/council/",  # a clipping's source address
        "permalink: /news/2023/05/council/",  # a month, not a day
        "slug: council-2023-05-29",  # a day glued into a slug is not a permalink path
    ],
)
def test_no_day_is_read_from_a_full_address_or_a_partial_path(field: str) -> None:
    text = f"---\ntitle: Council opens its data\n{field}\n---\n"
    assert "date" not in parse_document(text + BODY).meta


@pytest.mark.parametrize(
    "key", ["lastmod", "updated", "modified", "last_modified_at", "modDatetime", "expiryDate"]
)
def test_update_and_expiry_keys_of_generators_are_not_the_publication_date(key: str) -> None:
    text = f"---\ntitle: Council opens its data\n{key}: 2024-03-02\n---\n"
    assert "date" not in parse_document(text + BODY).meta


@pytest.mark.parametrize("key", ["pubDatetime", "pubDate", "publishDate", "published", "date"])
def test_publication_keys_of_generators_are_read(key: str) -> None:
    text = f"---\ntitle: Council opens its data\n{key}: 2024-01-31\nlastmod: 2024-03-02\n---\n"
    assert parse_document(text + BODY).meta["date"] == dt.date(2024, 1, 31)


def test_org_mode_keywords_give_the_title_and_the_date() -> None:
    text = "#+title: Council opens its data\n#+date: [2021-04-23 Fri]\n#+filetags: news\n\n"
    doc = parse_document(text + BODY)
    assert doc.meta["title"] == "Council opens its data"
    assert doc.meta["date"] == "2021-04-23"
    assert not doc.body.lstrip().startswith("#+")


@pytest.mark.parametrize(
    ("stamp", "day"),
    [
        ("<2021-03-14 Sun>", dt.date(2021, 3, 14)),
        ("<2021-03-14 Sun 23:30>", dt.date(2021, 3, 14)),
        ("2021-03-14", dt.date(2021, 3, 14)),
    ],
)
def test_org_timestamps_date_the_page(stamp: str, day: dt.date) -> None:
    text = f"#+TITLE: Council opens its data\n#+DATE: {stamp}\n#+AUTHOR: A. Writer\n\n"
    assert _date_of(text + BODY) == day


def test_org_keywords_without_a_title_or_date_are_not_front_matter() -> None:
    doc = parse_document("#+OPTIONS: toc:nil\n#+STARTUP: overview\n\n" + BODY)
    assert "date" not in doc.meta and "title" not in doc.meta
