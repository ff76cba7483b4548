"""ut44: a title left open is closed after its text, so the rest of the saved page is a page."""

from __future__ import annotations

import re

import pytest
from storykit import html_page

from extractors.article import extract_article
from extractors.htmlparse import parse_markup
from extractors.opentitle import close_open_title
from extractors.rows import Page

# Our own text: a short report on a town's new cycle lanes (invented).
PARAS = [
    "The town council opened the first of its new cycle lanes on Monday, a two-kilometre stretch "
    "that runs from the railway station to the market square along the river.",
    "Council officers said the lanes are separated from traffic by a low kerb and will be cleared "
    "of leaves and snow before the roads are, which riders had asked for at the public meetings.",
    "Two more stretches, to the hospital and to the secondary school, are planned for next year "
    "once the council has agreed how to pay for them with the regional transport fund.",
]
STORY = "".join(f"<p>{p}</p>\n" for p in PARAS)
BODY = f"<body><div class='story'><h1>New cycle lanes open</h1>\n{STORY}</div></body></html>"

# How spliced or cut saves leave the title: a script's fragment after its text, an end tag cut
# and run into the next element, no end tag at all.
SPLICED = "<title>New cycle lanes open'?' + ad_query + '\"><\\/SCRIPT>');\nvar shown = 1;\n"
RUN_INTO = '<title>New cycle lanes open</titavaScript" src="/site.js"></script>\n'
UNENDED = "<title>New cycle lanes open(The Town Paper)\n"


def _page(head: str) -> Page:
    return html_page(f"<html>\n<head>\n<meta charset='utf-8'>\n{head}</head>\n{BODY}")


@pytest.mark.parametrize(
    "head", [SPLICED, RUN_INTO, UNENDED], ids=["spliced", "run-into", "unended"]
)
def test_a_page_behind_a_title_left_open_is_read(head: str) -> None:
    text = extract_article(_page(head)).text
    assert all(p in text for p in PARAS)


@pytest.mark.parametrize(
    "head", [SPLICED, RUN_INTO, UNENDED], ids=["spliced", "run-into", "unended"]
)
def test_the_title_closes_where_its_text_ends(head: str) -> None:
    tree = parse_markup(close_open_title(_page(head).body.decode()))
    assert tree is not None
    title = tree.find(".//title")
    assert title is not None
    assert (title.text or "").startswith("New cycle lanes open")
    assert "\n" not in (title.text or "")
    assert re.search(r"<[A-Za-z/!]", title.text or "") is None
    assert tree.find(".//body") is not None


@pytest.mark.parametrize(
    "markup",
    [
        "<html><head><title>New cycle lanes open</title></head>" + BODY,
        # markup inside a title that closes before the document goes on: raw text, kept so
        "<html><head><title>Cycle lanes <b>open</b> today</title></head>" + BODY,
        # a title closed on a later line is one title
        "<html><head><title>\n  New cycle lanes open\n</title></head>" + BODY,
        # no title at all, and a title inside an SVG picture only
        "<html><head></head>" + BODY,
        "<html><head></head><body><svg><title>Map</title></svg>" + STORY + "</body></html>",
    ],
    ids=["closed", "markup-inside", "multi-line", "none", "svg"],
)
def test_other_markup_is_unchanged(markup: str) -> None:
    assert close_open_title(markup) is markup
