"""Day-first European dates and press-release datelines (issue 15, ninth round)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from extractors.article import extract_article
from extractors.dates import find_dateline, iterate_dates
from extractors.rows import Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
_PROSE = (
    "The county council voted on the new budget after a long evening of questions from "
    "residents, who asked about road repairs, library hours and the cost of the bus service. "
)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Technik / 13.04.2011 / 22:55", date(2011, 4, 13)),
        ("am 3.9.2019 um 8:10 Uhr", date(2019, 9, 3)),
        ("13. April 2011", date(2011, 4, 13)),
        ("27 octobre 2012 à 18:27", date(2012, 10, 27)),
        ("1er janvier 2020", date(2020, 1, 1)),
        ("12 de mayo de 2012", date(2012, 5, 12)),
        ("Domenica 16 marzo 2014 11:40", date(2014, 3, 16)),
        ("8. Dezember 2015", date(2015, 12, 8)),
        ("2013.10.24", date(2013, 10, 24)),
    ],
)
def test_day_first_dates_are_read(text: str, day: date) -> None:
    found = next(iter(iterate_dates(text, UTC)))
    assert found.value.date() == day


@pytest.mark.parametrize(
    "text",
    [
        "the Mars 2020 rover",  # a month name of another language with no day before it
        "router at 192.168.10.2011",
        "build 5.0.1.2011 is out",
        "31.02.2011",  # no such day
    ],
)
def test_no_date_in_numbers_or_names_that_only_look_like_one(text: str) -> None:
    assert list(iterate_dates(text, UTC)) == []


@pytest.mark.parametrize(
    ("lead", "day"),
    [
        ("PORTLAND, Ore., May 4, 2021 /Wire Service/ -- Acme Corp. today said", date(2021, 5, 4)),
        ("OSLO—March 9, 2015—Northwind today announced", date(2015, 3, 9)),
        ("CORK, June 2, 2014 — The company signed", date(2014, 6, 2)),
        ("LIMA, Aug 3, 2012 (Wire) - Copper prices rose", date(2012, 8, 3)),
        ("Turin, 14 March 2024 - Acme Corp. today said", date(2024, 3, 14)),  # title case
        ("Turin, Italy – April 2, 2024 – Acme Corp. opened", date(2024, 4, 2)),
        ("McAllen, Texas, May 6, 2024 /Wire Service/ -- Acme", date(2024, 5, 6)),
        ("DENVER, CO - JUNE 3, 2024 -", date(2024, 6, 3)),  # the body starts on the next line
        ("Sun Valley, Idaho, July 8, 2024 – The conference opened", date(2024, 7, 8)),
    ],
)
def test_press_release_dateline(lead: str, day: date) -> None:
    found = find_dateline(lead, UTC)
    assert found is not None and found.date() == day


@pytest.mark.parametrize(
    "lead",
    [
        "Yesterday, March 9, 2015 — we met",  # a sentence, not a place
        "Friday, March 9, 2015 — we met",  # a weekday is no place
        "Since March 9, 2015 — the start — sales rose",
        "The board, March 9, 2015 — minutes",  # lower-case words: a phrase, not a place
        "WASHINGTON (Wire) — The senate voted",  # no date
        "PARIS, on March 9, 2015 the mayor said",  # the date is inside the sentence
    ],
)
def test_no_dateline_in_ordinary_sentences(lead: str) -> None:
    assert find_dateline(lead, UTC) is None


def _page(lead: str, header: str = "") -> bytes:
    body = "".join(f"<p>{_PROSE}</p>" for _ in range(4))
    return (
        "<html><head><title>Council budget</title></head><body><article>"
        f"<h1>Council passes the budget</h1>{header}<p>{lead} {_PROSE}</p>{body}"
        "</article></body></html>"
    ).encode()


def test_page_date_from_the_lead_dateline() -> None:
    page = Page(source="pr", body=_page("HALIFAX, May 4, 2021 -- The council"), fetched_at=FETCHED)
    published = extract_article(page).published_at
    assert published is not None and published.date() == date(2021, 5, 4)


def test_page_date_from_a_dotted_header_date() -> None:
    header = "<div>Politik / 13.04.2011 / 22:55</div>"
    page = Page(source="de", body=_page("Der Rat", header), fetched_at=FETCHED)
    published = extract_article(page).published_at
    assert published is not None and published.date() == date(2011, 4, 13)


def test_page_date_from_a_name_and_date_line_opening_the_body() -> None:
    # A photo page: the poster's name and the day open the body, short comment lines follow
    # (no prose paragraph, so the zone between title and body start is empty).
    notes = "".join(
        f"<p>walker{i} about {i + 2} minutes ago</p><p>Lovely light on the pier number {i}</p>"
        for i in range(12)
    )
    body = (
        "<html><head><title>@harbourcat on PhotoShare</title></head><body><h1>@harbourcat</h1>"
        f"<div><p>Mira Holm April 12, 2011</p>{notes}</div></body></html>"
    ).encode()
    article = extract_article(Page(source="photo", body=body, fetched_at=FETCHED))
    assert article.published_at is not None and article.published_at.date() == date(2011, 4, 12)
