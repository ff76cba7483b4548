"""Titles beside a site's logo heading or a site-first <title>; Czech and Polish month names."""

from __future__ import annotations

from datetime import UTC, date

import pytest
from lxml import html as lxml_html
from titlekit import BODY, article_title

from extractors.dates import parse_date
from extractors.metadata import choose_title, is_banner, read_html_meta


def test_a_logo_heading_the_title_does_not_name_is_not_the_page_title() -> None:
    # The h1 is the site's logo (a link home) and spells the site otherwise than the <title>.
    markup = (
        "<html><head><title>Harbour news | Winter ferry times announced|Quay Office Online"
        '</title></head><body><h1><a href="../index-2.html"> Harbour Authority </a></h1>'
        '<div class="title">Harbour news | Winter ferry times announced</div>'
        f"{BODY}</body></html>"
    )
    meta = read_html_meta(lxml_html.fromstring(markup))
    assert meta.h1_home and is_banner(meta)
    assert choose_title(meta) == "Harbour news | Winter ferry times announced"
    assert article_title(markup) == "Harbour news | Winter ferry times announced"


def test_a_linked_h1_that_the_title_opens_with_stays_the_heading() -> None:
    # A post heading may link anywhere, the site root too: the <title> names it, so it stays.
    markup = (
        "<html><head><title>Winter ferry times - by the harbour desk</title></head><body>"
        f'<h1><a href="/">Winter ferry times</a></h1>{BODY}</body></html>'
    )
    meta = read_html_meta(lxml_html.fromstring(markup))
    assert meta.h1_home and not is_banner(meta)
    assert article_title(markup) == "Winter ferry times"


def test_a_site_first_title_ending_with_the_h1_keeps_the_h1() -> None:
    # "Site – Topic" with <h1>Topic</h1>: the link home says the site's name, so the h1 is
    # the page's heading, not a banner that the <title> appends.
    markup = (
        "<html><head><title>Ferry Planner Docs – Timetable Settings</title></head><body>"
        '<div class="breadcrumbs"><a href="index.html">Ferry Planner Docs</a> » Timetable '
        f"Settings</div><h1>Timetable Settings</h1>{BODY}</body></html>"
    )
    meta = read_html_meta(lxml_html.fromstring(markup))
    assert not is_banner(meta)
    assert article_title(markup) == "Timetable Settings"


def test_a_banner_h1_that_ends_the_title_is_still_cut() -> None:
    markup = (
        "<html><head><title>Winter ferry times - Harbour Riders</title></head><body>"
        f"<h1>Harbour Riders</h1><h2>Winter ferry times</h2>{BODY}</body></html>"
    )
    assert article_title(markup) == "Winter ferry times"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Vložil/a jana, 3 Březen, 2015 - 10:00", date(2015, 3, 3)),
        ("dne 14 listopadu 2012", date(2012, 11, 14)),
        ("opublikowano 12 listopada 2019", date(2019, 11, 12)),
        ("5. októbra 2021", date(2021, 10, 5)),
    ],
)
def test_czech_polish_and_slovak_month_names(text: str, day: date) -> None:
    found = parse_date(text, UTC)
    assert found is not None and found.date() == day


def test_a_heading_with_an_empty_anchor_still_echoes_the_topic() -> None:
    # Generated project sites: no h1, "Site - Topic", the topic in an h2 behind a named anchor.
    markup = (
        "<html><head><title>Ferry Planner - Timetable Settings</title></head><body>"
        '<h2><a name="Timetable_Settings"></a>Timetable Settings</h2>'
        f"{BODY}</body></html>"
    )
    assert article_title(markup) == "Timetable Settings"
