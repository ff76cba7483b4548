"""Non-news page types (tenth round): fast-pass probes, titles, fallback timestamps."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from lxml import html as lxml_html

import extractors.htmlbody as htmlbody
from extractors.article import extract_article
from extractors.clean import remove_chrome
from extractors.htmlbody import extract_body
from extractors.metadata import choose_title, read_html_meta, strip_site_suffix
from extractors.repair import strip_stray_markup
from extractors.rows import Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)

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
    got = extract_body(tree, None, _page).text
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


def test_a_fallback_date_keeps_the_hour_and_offset_of_a_time_element() -> None:
    # Only a <time datetime> with a -0800 offset dates the page: late that evening in
    # California is the next day in UTC, which only the full timestamp tells.
    prose = " ".join([INTRO, *STEPS])
    page = (
        "<html><head><title>A thread about boots</title></head><body><h1>A thread about boots</h1>"
        '<div class="meta"><time datetime="2018-12-11T20:40:29-0800"></time></div>'
        f"<article><p>{prose}</p><p>{prose}</p></article></body></html>"
    )
    art = extract_article(Page(source="t", body=page.encode(), fetched_at=FETCHED))
    assert art.published_at == datetime(2018, 12, 12, 4, 40, 29, tzinfo=UTC)


def test_a_section_about_terms_of_use_is_article_not_a_notice() -> None:
    # A guide's "Terms of use" section whose paragraph names them once, then one more section:
    # what follows the heading is more guide, so the tail is not cut there.
    about = (
        "The cache keeps only rendered output and never what users typed, so the terms of use "
        "of your application apply to cached widgets unchanged and need no extra notice at all."
    )
    limits = "A single entry may not exceed one megabyte; larger widgets are rendered every time."
    paras = [INTRO, *STEPS, "Terms of use", about, "Limits", limits]
    kept = remove_chrome(paras, paras)
    assert about in kept and limits in kept
    # A rights notice stays a notice however long: the tail starts at the heading.
    notice = "This copy is for your personal, non-commercial use only. " + about
    paras = [INTRO, *STEPS, "Terms of use", notice, "Limits", limits]
    assert limits not in remove_chrome(paras, paras)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cache.clear()", "cache.clear()"),
        ("items = []", "items = []"),
        ("call(a, ())", "call(a, ())"),
        ("see () here", "see  here"),
        ("据报道（）称", "据报道称"),
    ],
)
def test_empty_brackets_of_code_stay_and_leftover_notes_go(text: str, expected: str) -> None:
    assert strip_stray_markup(text) == expected


def test_markup_in_an_indented_code_block_stays_and_leftover_tags_go() -> None:
    code = 'Return one parent element:\n    <div class="card">\n      <h1>Hello</h1>\n    </div>'
    assert strip_stray_markup(code) == code
    assert (
        strip_stray_markup("A caption<img alt=x> under the photo.") == "A caption under the photo."
    )


def test_a_site_name_holding_a_separator_is_cut_whole() -> None:
    site = "Ann's Kitchen | Recipes, Videos and Tips"
    assert strip_site_suffix(f"Barley Soup with Leeks | {site}", site) == "Barley Soup with Leeks"


STORY = [
    "The council approved the new cycle lane on Tuesday after a long debate in the town hall.",
    "Work on the lane starts in spring and should take about four months, the council said.",
    "Shops along the route had asked for loading bays, and the final plan keeps three of them.",
]
NEXT_STORY = [
    "In other news, the regional orchestra announced its programme for the coming season, with"
    " four new works by living composers and a long tour of the smaller towns in the valley.",
    "The orchestra's director said that ticket prices would stay as they were for a third year"
    " running, thanks to a grant from the region and the support of several local firms.",
    "Rehearsals for the opening concert begin next month in the old theatre, which reopened in"
    " the autumn after two years of repairs to its roof, its seats and its heating system.",
]


def _two_stories(tag: str) -> lxml_html.HtmlElement:
    first, second = ("".join(f"<p>{p}</p>" for p in ps) for ps in (STORY, NEXT_STORY))
    return lxml_html.fromstring(
        f"<html><body><{tag}>{first}</{tag}><{tag}>{second}</{tag}></body></html>"
    )


@pytest.mark.parametrize(("tag", "retried"), [("article", False), ("div", True)])
def test_the_longest_paragraphs_of_another_article_do_not_make_a_story_thin(
    monkeypatch: pytest.MonkeyPatch, tag: str, retried: bool
) -> None:
    # The fast text is the first story (a third of the visible text) and holds none of the three
    # longest paragraphs, which are the next story's. In their own <article> they are another
    # story and the fast text stays; in plain divs nothing says so and the full pass runs.
    fast_text = "\n".join(STORY)
    full_text = "\n".join([*STORY, *NEXT_STORY])

    def fake_pass(tree: Any, url: Any, fast: bool, **_: Any) -> tuple[str, int, bool]:
        return (fast_text if fast else full_text), 0, False

    monkeypatch.setattr(htmlbody, "extract_pass_measured", fake_pass)
    got = extract_body(_two_stories(tag), None, lambda: _two_stories(tag)).text
    assert got == (full_text if retried else fast_text)
