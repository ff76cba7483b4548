"""lw42: loose prose beside a container's paragraphs is a paragraph of its own."""

from __future__ import annotations

from lxml import html as lxml_html
from storykit import LIBRARY_PARAS, library_page

from extractors.article import extract_article
from extractors.htmlparse import parse_markup
from extractors.layouttables import LOOSE_RUN, wrap_loose_paragraphs

LEAD = (
    "MILLBROOK - The town library will open on Sunday afternoons from next month, the council "
    "said on Tuesday, after a year in which its reading rooms were full on every weekday."
)


def _tree(body: str) -> lxml_html.HtmlElement:
    tree = parse_markup(f"<html><body>{body}</body></html>")
    assert tree is not None
    return tree


def _story(lead_markup: str) -> str:
    paras = "".join(f"<p>{p}</p>\n" for p in LIBRARY_PARAS)
    return f'<div id="story"><h1>Library opens on Sundays</h1>{lead_markup}{paras}</div>'


def test_a_lead_after_an_empty_paragraph_is_kept() -> None:
    # A wire story's lead after the byline block and an empty <p/> (bare trafilatura drops it).
    byline = "<div class='hdr'><p><span>By A WRITER</span> <em>1 hour ago</em></p></div>"
    text = extract_article(
        library_page(_story(f"{byline}\n<p/>\n{LEAD}\n<div class='ad'></div>"))
    ).text
    assert LEAD in text
    assert text.index(LEAD) < text.index(LIBRARY_PARAS[0])


def test_a_lead_written_before_the_first_paragraph_is_kept() -> None:
    # HTML 2's paragraphs: text<p>text, the first paragraph the container's own text.
    story = f"<div class='Story'>\n{LEAD}<p>\n" + "<p>\n".join(LIBRARY_PARAS) + "</div>"
    text = extract_article(library_page(story)).text
    assert LEAD in text
    assert text.index(LEAD) < text.index(LIBRARY_PARAS[0])


def test_the_run_becomes_a_marked_paragraph_in_place() -> None:
    tree = _tree(_story(f"<p/>{LEAD}"))
    wrap_loose_paragraphs(tree)
    made = tree.xpath(f"//p[@{LOOSE_RUN}]")
    assert [" ".join(p.text_content().split()) for p in made] == [LEAD]
    # It stands where the text stood: after the empty paragraph, before the first one.
    assert made[0].getprevious().tag == "p" and made[0].getnext().text == LIBRARY_PARAS[0]


def test_a_blurb_beside_empty_paragraphs_is_not_wrapped() -> None:
    # A teaser box: a picture, a blurb and HTML 2's empty <p> separators, no paragraph of prose.
    box = f"<div class='inner'><a href='/x'>Sundays</a><br/>{LEAD}<p></p><hr/></div>"
    tree = _tree(_story("") + box)
    wrap_loose_paragraphs(tree)
    assert tree.xpath(f"//p[@{LOOSE_RUN}]") == []


def test_short_runs_and_thin_pages_are_left_as_they_are() -> None:
    # A label beside paragraphs is furniture as often as text; a page whose <p> hold little
    # text has its divs read by trafilatura anyway.
    tree = _tree(_story("<p/>Updated Tuesday"))
    wrap_loose_paragraphs(tree)
    assert tree.xpath(f"//p[@{LOOSE_RUN}]") == []
    thin = f"<div><p/>{LEAD}<p>{LIBRARY_PARAS[0]}</p></div>"
    tree = _tree(thin)
    wrap_loose_paragraphs(tree)
    assert tree.xpath(f"//p[@{LOOSE_RUN}]") == []
