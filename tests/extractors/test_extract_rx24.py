"""rx24: a bare web address the story sets among its paragraphs is text."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.chromeline import chrome_by_bare_url, measure
from extractors.htmlparse import parse_markup
from extractors.linkzone import LinkZone
from extractors.rows import Page

# Our own text: a hobbyist's post about setting up a weather station (invented, plain facts).
STORY = [
    "I finally put the weather station on the garden shed this weekend, about three metres "
    "above the lawn and well away from the brick wall that warms up in the afternoon sun.",
    "The station sends its readings every minute to a small computer in the kitchen, which "
    "stores them in a database and draws a chart of the temperature for the last two days.",
    "The rain gauge needed a spirit level and two extra screws before it sat straight, and the "
    "wind vane had to be turned until its arrow pointed to the north of the garden.",
]
ADDRESS = "https://weather.example.org/station/setup-guide"
CITE = "The maker's setup guide explains the wiring of every sensor in detail:"


def _page(middle: str, tail: str = "") -> str:
    story = "".join(f"<p>{p}</p>" for p in STORY[:2])
    return (
        "<html><head><title>A weather station on the shed</title></head><body>"
        "<article><h1>A weather station on the shed</h1>"
        f"<div class='entry-content'>{story}{middle}<p>{STORY[2]}</p>{tail}</div>"
        "</article></body></html>"
    )


def _cited(link: bool = True) -> str:
    shown = f"<a href='{ADDRESS}'>{ADDRESS}</a>" if link else ADDRESS
    return f"<p>{CITE}</p><p>{shown}</p>"


def _text(markup: str) -> str:
    page = Page("t", markup.encode(), datetime(2026, 1, 1, tzinfo=UTC), "p.html")
    return extract_article(page).text


def test_a_cited_address_in_the_story_flow_is_kept() -> None:
    for link in (True, False):
        text = _text(_page(_cited(link)))
        assert CITE in text
        assert ADDRESS in text
        assert STORY[2] in text


def test_an_address_in_a_box_of_links_is_still_cut() -> None:
    box = (
        f"<div class='share'><p><a href='{ADDRESS}'>{ADDRESS}</a></p>"
        "<p><a href='/feed'>Subscribe</a></p></div>"
    )
    markup = (
        "<html><head><title>A weather station on the shed</title></head><body><article>"
        "<h1>A weather station on the shed</h1><div class='entry-content'>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + f"</div>{box}</article></body></html>"
    )
    zone = LinkZone(lambda: parse_markup(markup))
    assert not zone.in_flow(ADDRESS)
    assert ADDRESS not in _text(markup)


def test_a_link_that_hides_its_address_is_not_a_citation() -> None:
    # The same paragraph whose link text is not its own address points away from the story.
    hidden = f"<p><a href='{ADDRESS}'>the setup guide</a></p>"
    zone = LinkZone(lambda: parse_markup(_page(hidden)))
    assert not zone.in_flow("the setup guide")
    shown = LinkZone(lambda: parse_markup(_page(_cited())))
    assert shown.in_flow(ADDRESS)


def test_the_rule_is_for_addresses_alone_or_labelled() -> None:
    # A labelled address ("Trackback: …") is then judged by its link (test_extract_la40.py).
    for line in [ADDRESS, f"Trackback: {ADDRESS}"]:
        assert chrome_by_bare_url(line, measure(line, line))
    for line in [STORY[0], "Follow us at https://social.example.org/station"]:
        assert not chrome_by_bare_url(line, measure(line, line))
