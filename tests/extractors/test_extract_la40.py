"""la40: a labelled web address among the story's paragraphs is a citation when it leaves the site."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.htmlparse import parse_markup
from extractors.linkzone import LinkZone
from extractors.rows import Page

# Our own text: a club's note about a tree-planting day (invented, plain facts).
STORY = [
    "Forty volunteers planted two hundred young oaks and birches along the river path on "
    "Saturday morning, in rows three metres apart so that mowers can pass between them.",
    "The council lent us spades and a trailer of mulch, and the school next to the path sent "
    "two classes who watered every tree before lunch and wrote their names on the tags.",
    "We will come back in May to replace the trees that did not take and to check the stakes, "
    "which the wind loosens in the first spring after planting.",
]
SITE = "https://club.example.net"
CITED = "https://trees.example.org/guides/planting-along-paths"
OWN = f"{SITE}/2026/03/planting-day/trackback"


def _page(line: str) -> str:
    menu = "".join(
        f"<li><a href='{SITE}/{part}/'>{part.title()}</a></li>"
        for part in ("news", "events", "members", "about")
    )
    story = "".join(f"<p>{p}</p>" for p in STORY[:2])
    return (
        "<html><head><title>Planting day on the river path</title></head><body>"
        f"<nav><ul>{menu}</ul></nav><article><h1>Planting day on the river path</h1>"
        f"<div class='entry-content'>{story}<p>{line}</p><p>{STORY[2]}</p></div>"
        "</article></body></html>"
    )


def _linked(label: str, address: str) -> str:
    return f"{label}: <a href='{address}'>{address}</a>"


def _text(markup: str) -> str:
    page = Page("t", markup.encode(), datetime(2026, 3, 9, tzinfo=UTC), "p.html")
    return extract_article(page).text


def test_a_labelled_citation_off_the_site_is_kept() -> None:
    text = _text(_page(_linked("Source", CITED)))
    assert f"Source: {CITED}" in text
    assert STORY[2] in text


def test_a_labelled_address_of_the_site_itself_is_cut() -> None:
    # The page's own site is where most of its links go: a trackback points there.
    text = _text(_page(_linked("Trackback", OWN)))
    assert OWN not in text
    assert STORY[2] in text


def test_the_page_address_names_its_own_site() -> None:
    # With no menu, one link to a host is no evidence of a site; the page's own address is.
    markup = _page(_linked("Trackback", OWN)).replace("<nav>", "<nav hidden>")
    alone = markup.split("<nav hidden>")[0] + markup.split("</nav>")[1]
    assert LinkZone(lambda: parse_markup(alone)).in_flow(f"Trackback: {OWN}")
    zone = LinkZone(lambda: parse_markup(alone), url=f"{SITE}/2026/03/planting-day/")
    assert not zone.in_flow(f"Trackback: {OWN}")


def test_an_unlinked_labelled_address_is_cut() -> None:
    text = _text(_page(f"Source: {CITED}"))
    assert CITED not in text
    assert STORY[2] in text
