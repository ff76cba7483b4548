"""A site-first <title> whose topic the page prints on its own gives the topic as title."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import html as lxml_html

from extractors.article import extract_article
from extractors.rows import Page
from extractors.titleecho import echoed_title

_POST = (
    "The lighthouse keepers' cottage reopens to visitors next spring after two winters of "
    "repairs to its slate roof, its chimney stacks and the long wall facing the sea."
)


def _page(title: str, heading: str, logo: str = "Coastal Notes") -> str:
    return (
        f"<html><head><title>{title}</title></head><body>"
        f'<div><a href="/">{logo}</a></div>'
        f'<table><tr><td><a class="topic" href="viewtopic.php?t=4">{heading}</a></td></tr>'
        f"<tr><td><p>{_POST}</p><p>{_POST.replace('spring', 'summer')}</p></td></tr></table>"
        "</body></html>"
    )


def test_the_longest_closing_run_the_page_prints_is_the_topic() -> None:
    heading = "Cottage reopening - dates and tickets"
    tree = lxml_html.fromstring(_page(f"boards.example.org :: View topic - {heading}", heading))
    assert echoed_title(tree, f"boards.example.org :: View topic - {heading}", None) == heading


def test_a_title_that_opens_with_the_outlet_name_counts_as_site_first() -> None:
    title = "Coastal Notes :: View topic - Cottage reopening"
    tree = lxml_html.fromstring(_page(title, "Cottage reopening"))
    assert echoed_title(tree, title, "Coastal Notes") == "Cottage reopening"
    assert echoed_title(tree, title, None) is None


def test_a_headline_first_title_is_left_to_the_site_suffix_rules() -> None:
    # The logo prints the closing segment on its own: it is the site, not the topic.
    title = "Cottage reopening - Coastal Notes"
    tree = lxml_html.fromstring(_page(title, "Cottage reopening"))
    assert echoed_title(tree, title, None) is None


def test_the_article_title_of_a_site_first_board_page_is_its_topic() -> None:
    heading = "Cottage reopening - dates and tickets"
    markup = _page(f"boards.example.org :: View topic - {heading}", heading)
    page = Page("board", markup.encode(), datetime(2026, 1, 1, tzinfo=UTC), "t.html")
    assert extract_article(page).title == heading
