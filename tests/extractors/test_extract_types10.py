"""Non-news page types (tenth round): the fast-pass check by probes, and what goes with it."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import html as lxml_html

import extractors.htmlbody as htmlbody
from extractors.htmlbody import extract_body_text
from extractors.metadata import choose_title, read_html_meta

INTRO = "An opening paragraph about the dish, where it comes from, and who first cooked it at home."
STEPS = [
    "Soften the onions in a wide pan over a low flame, stirring now and then, for about ten"
    " minutes, until they turn soft and sweet but have not yet taken any colour at all.",
    "Meanwhile bring a large pot of salted water to the boil and cook the pasta until it is"
    " nearly tender, keeping back a cup of the starchy water before draining it well.",
    "Finally toss everything together off the heat with the grated cheese, loosening the"
    " sauce with a little of the saved water until it coats each strand, and serve at once.",
]


def _page() -> lxml_html.HtmlElement:
    paras = "".join(f"<p>{p}</p>" for p in [INTRO, *STEPS])
    return lxml_html.fromstring(f"<html><body><div>{paras}</div></body></html>")


@pytest.mark.parametrize(
    ("fast_text", "retried"), [(INTRO + "\n" + STEPS[0], True), ("\n".join(STEPS[:2]), False)]
)
def test_a_fast_pass_holding_one_long_paragraph_of_three_is_retried(
    monkeypatch: pytest.MonkeyPatch, fast_text: str, retried: bool
) -> None:
    # Under half of the page's visible paragraph text and one of its three longest paragraphs:
    # the full pass runs (and wins, being longer). Two of the three: the fast text stays.
    full_text = "\n".join([INTRO, *STEPS])

    def fake_pass(tree: Any, url: Any, fast: bool, **_: Any) -> tuple[str, int, bool]:
        return (fast_text if fast else full_text), 0, False

    monkeypatch.setattr(htmlbody, "extract_pass_measured", fake_pass)
    tree = _page()
    got = extract_body_text(tree, None, _page)
    assert got == (full_text if retried else fast_text)


def _title(markup: str) -> str | None:
    return choose_title(read_html_meta(lxml_html.fromstring(markup)))


def test_a_title_after_an_angle_separator_loses_its_site_name() -> None:
    page = (
        "<html><head><title>Are wide hats back? &gt; The Style Desk</title>"
        '<meta property="og:title" content="Are wide hats back? &gt; The Style Desk"></head>'
        "<body><h1>Are wide hats back?</h1><p>Text.</p></body></html>"
    )
    assert _title(page) == "Are wide hats back?"


def test_section_h1s_do_not_name_a_one_page_site() -> None:
    sections = "".join(f"<h1>{name}</h1><p>Text.</p>" for name in ("Contact", "Projects", "About"))
    page = f"<html><head><title>Work of Jan Smit</title></head><body>{sections}</body></html>"
    assert _title(page) == "Work of Jan Smit"
    # one of them is the page's title: that one
    agreeing = sections.replace("<h1>Projects</h1>", "<h1>Jan Smit: work</h1>")
    page = f"<html><head><title>Work of Jan Smit</title></head><body>{agreeing}</body></html>"
    assert _title(page) == "Jan Smit: work"
