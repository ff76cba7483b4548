"""Fifteenth-round docs pages: a section heading right under the page's h1 opens the body."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import html as lxml_html

from extractors.article import extract_article
from extractors.clean import remove_chrome
from extractors.headingtext import section_headings
from extractors.rows import Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
INTRO = (
    "The sorter reads every parcel label once, looks up the route in a local table and sends "
    "the parcel down one of twelve chutes without asking the central server for anything."
)
MORE = (
    "Each chute ends in a cage that the night crew swaps when it is full; the sorter pauses "
    "that chute until a fresh cage reports itself ready through the floor sensor."
)


def _page(first: str) -> bytes:
    return (
        "<html><head><title>Parcel Sorter - Warehouse Handbook</title></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/guide/'>Guide</a></li></ul></nav>"
        "<main><article><h1>Parcel Sorter</h1>"
        f"<h2>{first}</h2><p>{INTRO}</p><h2>Cages</h2><p>{MORE}</p>"
        "</article></main></body></html>"
    ).encode()


def test_a_short_section_heading_under_the_title_is_kept() -> None:
    page = Page(source="docs", body=_page("Overview"), fetched_at=FETCHED)
    text = extract_article(page).text
    assert "Overview" in text.split("\n\n")
    assert INTRO in text


def test_head_crumbs_above_the_title_still_go() -> None:
    paras = ["Home", "Guide", "Parcel Sorter", "Overview", INTRO]
    kept = remove_chrome(
        paras, paras, "Parcel Sorter", keep_title=True, sections=frozenset({"Overview"})
    )
    assert kept == ["Parcel Sorter", "Overview", INTRO]


def test_a_short_line_that_is_no_section_heading_is_still_skipped() -> None:
    paras = ["Parcel Sorter", "Overview", INTRO]
    kept = remove_chrome(paras, paras, "Parcel Sorter", keep_title=True)
    assert "Overview" not in kept


def test_a_table_of_contents_heading_is_no_section_heading() -> None:
    tree = lxml_html.fromstring(
        "<html><body><h1>Parcel Sorter</h1>"
        "<div id='side-toc'><h2>Contents</h2><ul><li>Cages</li></ul></div>"
        "<nav><h3>Guide</h3></nav><h2>  Cages </h2><p>Text.</p></body></html>"
    )
    assert section_headings(tree) == frozenset({"Cages"})
