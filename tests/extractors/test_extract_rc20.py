"""rc20: a tail cut by a run of short lines needs the lines to have stood among links."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.chromeline import measure
from extractors.chrometail import find_chrome_blocks
from extractors.htmlparse import parse_markup
from extractors.linkzone import LinkZone
from extractors.rows import Page

# Our own text: a public lecture series announced by a city library (invented, plain facts).
STORY = [
    "The city library will hold a series of public lectures on the history of the harbour "
    "this autumn, the first of them in the reading room of the main branch on the river side.",
    "Each lecture lasts about an hour and is followed by questions from the audience, and "
    "the library says that no booking is needed for any of the evenings in the series.",
    "The speakers are local historians and two retired pilots who worked on the harbour for "
    "more than thirty years, and the talks will be recorded for the library's sound archive.",
    "The library asks visitors to arrive a little early, because the reading room holds about "
    "eighty chairs and the first lecture of last year's series was full well before it began.",
]
PROGRAMME = [
    "Programme of the series:",
    "Week one: the old quays",
    "Speaker: Anna Berg",
    "Week two: ferries and tides",
    "Speaker: Jon Vik",
    "Week three: the pilots",
    "Speaker: Lars Dahl",
    "Venue: reading room",
]
TEASERS = [
    "More from the library",
    "Opening hours",
    "Children's corner",
    "Study rooms",
    "Donate books",
    "Join the library",
]


def _page(tail: str) -> str:
    story = "".join(f"<p>{p}</p>" for p in STORY)
    return (
        "<html><head><title>Harbour lectures at the library</title></head><body>"
        f"<article><h1>Harbour lectures at the library</h1>{story}{tail}</article>"
        "</body></html>"
    )


def _plain_programme() -> str:
    return "".join(f"<p>{line}</p>" for line in PROGRAMME)


def _linked_box() -> str:
    items = "".join(f"<li><a href='/x{i}'>{t}</a></li>" for i, t in enumerate(TEASERS[1:]))
    return f"<div class='more'><p>{TEASERS[0]}</p><ul>{items}</ul></div>"


def _text(markup: str) -> str:
    page = Page("t", markup.encode(), datetime(2026, 1, 1, tzinfo=UTC), "p.html")
    return extract_article(page).text


def test_a_plain_text_list_after_the_story_is_kept() -> None:
    text = _text(_page(_plain_programme()))
    assert STORY[-1] in text
    for line in PROGRAMME[1:]:
        assert line in text


def test_lines_that_stood_among_links_are_still_cut() -> None:
    # The same run rule on the same shape of lines, each of them a link in a box: furniture.
    paras = [*STORY, *TEASERS]
    zone = LinkZone(lambda: parse_markup(_page(_plain_programme() + _linked_box())))
    feats = [measure(p, p) for p in paras]
    end, _ = find_chrome_blocks(paras, feats, linked=zone.linked)
    assert paras[end:] == TEASERS


def test_the_link_zone_tells_plain_lines_from_linked_ones() -> None:
    zone = LinkZone(lambda: parse_markup(_page(_plain_programme() + _linked_box())))
    assert not zone.linked(PROGRAMME[1:])
    assert zone.linked(TEASERS)
    # Lines the page does not hold give no evidence: the cut is made as before.
    assert zone.linked(["Nothing like this stands on the page"])


def test_without_link_evidence_the_run_rule_cuts_as_before() -> None:
    paras = [*STORY, *PROGRAMME]
    feats = [measure(p, p) for p in paras]
    end, _ = find_chrome_blocks(paras, feats)
    assert end < len(paras)
    kept, _ = find_chrome_blocks(paras, feats, linked=lambda lines, start: False)
    assert kept == len(paras)
