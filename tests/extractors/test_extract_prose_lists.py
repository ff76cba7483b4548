"""A list among the body's paragraphs that the fast pass lost sends the page to the full pass."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import html as lxml_html

from extractors.article import extract_article
from extractors.htmlbody import loses_lists, prose_lists
from extractors.rows import Page

# Our own words: a tool library's borrowing rules and its list of printed guides.
OPENING = "The tool library lends drills, saws and ladders to its members from the old school hall."
HOURS = (
    "Opening hours are Tuesday and Thursday evenings, and Saturday mornings from nine until noon."
)
CARD = "Please bring your membership card each time you borrow, and return tools clean and dry."
TERMS = [
    "Members may borrow up to three tools at once and keep each of them for seven days.",
    "A deposit of twenty pounds is taken for the larger machines and returned on their return.",
    "Broken or lost tools are repaired or replaced at cost, and the keeper decides what that is.",
]
GUIDES = [
    f"Printed guide number {i}: sharpening, oiling and storing the {tool} before winter"
    for i, tool in enumerate(["chisels", "planes", "saws", "axes", "spades", "shears"] * 4)
]


def _article(page: str) -> str:
    return extract_article(
        Page(source="t", body=page.encode(), fetched_at=datetime(2026, 1, 1, tzinfo=UTC))
    ).text


def _columns() -> str:
    """Return a page whose body column no body finder names: the fast pass keeps its <p> only."""
    nav = (
        "<div class='navbar'><ul class='nav'><li><a href='/'>Home</a></li>"
        "<li><a href='/tools/'>Tools</a></li><li><a href='/join/'>Join</a></li></ul></div>"
    )
    items = "".join(f"<li>{t}</li>" for t in TERMS)
    body = (
        f"<div class='col-lg-8'><h1>Borrowing rules</h1><p>{OPENING}</p><ul>{items}</ul>"
        f"<p>{HOURS}</p><p>{CARD}</p></div>"
    )
    side = (
        "<div class='col-lg-4'><h4>Recent news</h4><ul class='popular-posts'>"
        "<li><p><a href='/n1'>New bench saw arrives</a></p></li>"
        "<li><p><a href='/n2'>Ladder safety evening in March</a></p></li></ul></div>"
    )
    return (
        "<html><head><title>Borrowing rules</title></head><body>"
        f"{nav}<div class='container'><div class='row'>{body}{side}</div></div>"
        "<div id='footerwrap'><p>The Tool Library, Old School Hall, Mill Lane.</p></div>"
        "</body></html>"
    )


def _links() -> str:
    """Return a page whose body holds a long list of links between its paragraphs."""
    items = "".join(f"<li><a href='/guides/{i}.pdf'>{g}</a></li>" for i, g in enumerate(GUIDES))
    return (
        "<html><head><title>Guides</title></head><body><header><nav><a href='/'>Home</a>"
        "</nav></header><main><div class='page-container'><h1>Guides</h1>"
        f"<p>{OPENING}</p><p>{HOURS}</p><h2>Printed guides</h2><ul>{items}</ul>"
        f"<p>{CARD}</p></div></main><footer><p>The Tool Library</p></footer></body></html>"
    )


def test_a_list_the_fast_pass_dropped_from_its_column_is_kept() -> None:
    text = _article(_columns())
    assert all(term in text for term in TERMS)
    assert OPENING in text and CARD in text


def test_a_list_of_links_among_the_paragraphs_is_kept() -> None:
    text = _article(_links())
    assert all(guide in text for guide in GUIDES)
    assert OPENING in text and HOURS in text


def test_only_lists_beside_two_prose_paragraphs_outside_the_furniture_count() -> None:
    tree = lxml_html.fromstring(_links())
    found = prose_lists(tree)
    assert len(found) == 1 and len(found[0][1]) == 3  # the guides; the nav holds no <ul>
    aside = lxml_html.fromstring(
        f"<html><body><aside><p>{OPENING}</p><p>{HOURS}</p><ul><li>{TERMS[0]}</li></ul></aside>"
        f"<div><p>{CARD}</p><ul><li>{TERMS[1]}</li></ul></div></body></html>"
    )
    assert prose_lists(aside) == []  # one list in an aside, one beside a single paragraph


def test_the_list_counts_as_lost_only_beside_a_kept_paragraph() -> None:
    lists = prose_lists(lxml_html.fromstring(_columns()))
    kept = "\n".join([OPENING, *TERMS, HOURS, CARD])
    assert not loses_lists(kept, lists)
    assert loses_lists("\n".join([OPENING, HOURS, CARD]), lists)
    assert not loses_lists("\n".join(TERMS[:1]), lists)  # another block: not this column
