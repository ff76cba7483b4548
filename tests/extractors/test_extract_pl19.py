"""Of two h1s the one the <title> agrees with; a wider date search held to the URL's month."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml import html as lxml_html
from titlekit import BODY, article_title

from extractors.article import extract_article
from extractors.metadata import read_html_meta
from extractors.rows import Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
HEADLINE = "Harbour ferry keeps its winter timetable until March"


def _page(first_h1: str, title: str) -> str:
    return (
        f"<html><head><title>{title}</title></head><body><header><h1>{first_h1}</h1></header>"
        f"<article><h1>{HEADLINE}</h1>{BODY}</article></body></html>"
    )


@pytest.mark.parametrize(
    "first_h1",
    [
        "MENU",  # a menu button's heading
        "Quay Office Online",  # the site's name, which the <title> also carries
        "Read the harbour news of the week at Quay Office",  # a slogan
    ],
)
def test_of_two_h1s_the_one_the_title_agrees_with_is_the_heading(first_h1: str) -> None:
    markup = _page(first_h1, f"{HEADLINE} - Quay Office Online")
    assert read_html_meta(lxml_html.fromstring(markup)).h1 == HEADLINE
    assert article_title(markup) == HEADLINE


def test_of_two_h1s_the_first_stays_when_the_title_agrees_with_neither() -> None:
    markup = _page("Winter ferry times", "Quay Office Online")
    assert read_html_meta(lxml_html.fromstring(markup)).h1 == "Winter ferry times"


PROSE = (
    "<p>The committee met on Tuesday to review the draft rules for the harbour, and members "
    "asked the office to publish its timetable assessments before the vote.</p>"
)


def _dated(url: str) -> datetime | None:
    # The only date is in an image's path: htmldate's wider search would read it; its quick one
    # and our own readers do not.
    body = (
        "<html><head><title>Harbour rules</title></head><body><article><h1>Harbour rules</h1>"
        f'{PROSE}{PROSE}<img src="/media/2015/08/03/quay.jpg">{PROSE}</article></body></html>'
    )
    page = Page(source="t", body=body.encode(), fetched_at=FETCHED, url=url)
    return extract_article(page).published_at


def test_no_wider_date_search_for_a_url_that_names_a_month() -> None:
    # Round 27 (wd27) dropped the wider search: it added no date on any dated dev set and gave
    # static-site pages their month's 1st. A URL naming the image's month changes nothing now.
    for url in (
        "https://news.example.org/port/2015/08/harbour-rules/",
        "https://news.example.org/port/2017/01/harbour-rules/",
        "https://news.example.org/port/harbour-rules/",
    ):
        assert _dated(url) is None
