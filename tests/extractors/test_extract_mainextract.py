"""Our main extractor and its Python section finders give what trafilatura's give."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from lxml import etree
from lxml.html import HtmlElement
from trafilatura import main_extractor
from trafilatura.htmlprocessing import convert_tags, tree_cleaning
from trafilatura.settings import Extractor
from trafilatura.xpaths import (
    BODY_XPATH,
    DISCARD_IMAGE_ELEMENTS,
    OVERALL_DISCARD_XPATH,
    TEASER_DISCARD_XPATH,
)

from extractors import mainextract, sectionfind
from extractors.decode import decode_bytes
from extractors.htmlparse import parse_markup
from extractors.mainextract import extract_content
from extractors.sectionfind import BODY_FINDERS, find_captions, find_discarded, find_teasers

HERE = Path(__file__).parent
PAGES = sorted([*HERE.glob("golden/*.html"), *HERE.glob("forums/*.html")])
_TEXT = "The council adopted the plan after a long debate on the budget. " * 4
# One element per test of the expressions, with attributes in both written orders
# (string(@id|@class) is the attribute written first) and tokens at and off a start.
SECTIONS = f"""<html><body><div class="wrap">
<div class="cookie-box" id="intro"><p>{_TEXT}</p></div>
<div id="intro2" class="cookie-box"><p>{_TEXT}</p></div>
<div class="reply-box" id="r1"><p>{_TEXT}</p></div><div id="r2" class="reply-box"><p>{_TEXT}</p></div>
<p style="x: hidden" id="styled">{_TEXT}</p><p id="shown" style="x: hidden">{_TEXT}</p>
<span style="display:none">{_TEXT}</span><section style="display: none"><p>{_TEXT}</p></section>
<div id="role-box" role="Navigation"><p>{_TEXT}</p></div><div id="popular-box" data-component="MostPopularStoriesList"><p>{_TEXT}</p></div>
<div data-lp-replacement-content=""><p>{_TEXT}</p></div><div aria-hidden="true"><p>{_TEXT}</p></div>
<div class="x ad-slot"><p>{_TEXT}</p></div><div class="bad-slot"><p>{_TEXT}</p></div>
<div class="ad-top"><p>{_TEXT}</p></div><div id="top-ad-1"><p>{_TEXT}</p></div><div id="ad-1"><p>{_TEXT}</p></div>
<div class="breadcrumb-wrap"><p>{_TEXT}</p></div><div class="bread-crumb"><p>{_TEXT}</p></div>
<div class="dfpAd"><p>{_TEXT}</p></div><div class="share-row"><p>{_TEXT}</p></div>
<div class="sharing"><p>{_TEXT}</p></div><div class="resharing"><p>{_TEXT}</p></div>
<div class="post-nav x"><p>{_TEXT}</p></div><div class="x post-nav"><p>{_TEXT}</p></div>
<div class="comments-title"><p>{_TEXT}</p></div><div class="hide-me"><p>{_TEXT}</p></div>
<div class="x hidden"><p>{_TEXT}</p></div><div class="unhidden"><p>{_TEXT}</p></div>
<article class="Teaser-card"><p>{_TEXT}</p></article><div id="TeaserBox"><p>{_TEXT}</p></div>
<figure class="image-caption"><p>{_TEXT}</p></figure><div class="image-caption"><p>{_TEXT}</p></div>
<table class="nav"><tr><td>{_TEXT}</td></tr></table><div id="reader-comments-box">{_TEXT}</div>
</div>
<section class="story-body-wrap"><p>{_TEXT}</p></section><div class="FullText"><p>{_TEXT}</p></div>
<div class="article x"><p>{_TEXT}</p></div><div id="primary-col"><p>{_TEXT}</p></div>
<div class="Main-Content"><p>{_TEXT}</p></div><div class="content__body"><p>{_TEXT}</p></div>
<section role="main-area"><p>{_TEXT}</p></section><main><p>{_TEXT}</p></main>
<div class="post"><p>{_TEXT}</p></div><div class="post_text"><p>{_TEXT}</p></div>
<article><p>{_TEXT}</p></article>
</body></html>"""
OPTIONS = Extractor(output_format="txt", fast=False, comments=False, tables=True)


def _converted(markup: str) -> HtmlElement:
    """Return a page's tree cleaned and converted as the passes hand it to the main extractor."""
    tree = parse_markup(markup)
    assert tree is not None
    return convert_tags(tree_cleaning(tree, OPTIONS), OPTIONS)


def _markups() -> list[str]:
    return [SECTIONS, *(p.read_bytes().decode("utf-8", errors="replace") for p in PAGES)]


@pytest.mark.parametrize("markup", _markups(), ids=["sections", *(p.name for p in PAGES)])
def test_finders_select_what_the_expressions_select(markup: str) -> None:
    tree = _converted(markup)
    both = list(dict.fromkeys(el for xpath in OVERALL_DISCARD_XPATH for el in xpath(tree)))
    assert find_discarded(tree) == both
    assert find_captions(tree) == DISCARD_IMAGE_ELEMENTS[0](tree)
    assert find_teasers(tree) == TEASER_DISCARD_XPATH[0](tree)
    # BODY_XPATH: the first element selected, from the page and from every block in it
    for context in [tree, *tree.iter("div", "section", "article", "main")]:
        for xpath, find in zip(BODY_XPATH, BODY_FINDERS, strict=True):
            assert find(context) is next((s for s in xpath(context) if s is not None), None)


def _key(el: HtmlElement) -> str:
    return str(el.get("id") or el.get("class") or el.get("style") or el.get("role"))


def test_the_synthetic_page_reaches_every_test() -> None:
    tree = _converted(SECTIONS)
    found = {_key(el) for el in find_discarded(tree)}
    # string(@id|@class) is the attribute written first: a cookie box, a reply box and a
    # hidden style count only when written before the id
    assert {"intro", "r1", "styled"} <= found
    assert {"intro2", "r2", "shown"} & found == set()
    # anchored tokens: "ad-" opens the class or a word of it; "post-nav" opens the class
    assert {"x ad-slot", "ad-top", "ad-1", "post-nav x", "sharing", "x hidden"} <= found
    assert {"bad-slot", "top-ad-1", "x post-nav", "resharing", "unhidden"} & found == set()
    assert {"role-box", "popular-box", "reader-comments-box", "dfpAd"} <= found
    assert [_key(el) for el in find_teasers(tree)] == ["TeaserBox"]  # <article> is no section tag
    assert [_key(el) for el in find_captions(tree)] == ["image-caption"]  # nor is <figure>
    assert [_key(find(tree)) for find in BODY_FINDERS] == [
        "post",
        "Teaser-card",
        "story-body-wrap",
        "Main-Content",
        "main-area",
    ]


@pytest.mark.parametrize("markup", _markups(), ids=["sections", *(p.name for p in PAGES)])
@pytest.mark.parametrize("focus", ["balanced", "precision", "recall"])
@pytest.mark.parametrize("fast", [False, True])
def test_extract_content_equals_trafilaturas(markup: str, focus: str, fast: bool) -> None:
    options = Extractor(output_format="txt", fast=fast, comments=False, tables=True)
    options.focus = focus
    ours, theirs = _converted(markup), _converted(markup)
    body, text = extract_content(ours, options)
    their_body, their_text = main_extractor.extract_content(theirs, options)
    assert text == their_text
    assert etree.tostring(body) == etree.tostring(their_body)
    assert etree.tostring(ours) == etree.tostring(theirs)  # the input tree is left alike too


def test_the_mirror_runs_only_with_the_release_it_copies(monkeypatch: pytest.MonkeyPatch) -> None:
    assert mainextract.MIRRORS_INSTALLED  # the lock pins the mirrored release
    calls: list[int] = []

    def theirs(tree: HtmlElement, options: Extractor) -> tuple[etree._Element, str]:
        calls.append(1)
        return main_extractor.extract_content(tree, options)

    monkeypatch.setattr(mainextract, "MIRRORS_INSTALLED", False)
    monkeypatch.setattr(mainextract, "trafilatura_extract_content", theirs)
    options = Extractor(output_format="txt", fast=True, comments=False, tables=True)
    _, text = extract_content(_converted(_markups()[0]), options)
    assert calls == [1] and text


def test_short_bodies_reach_the_recovery_of_wild_text() -> None:
    # A body below min_extracted_size sends both extractors to recover_wild_text.
    markup = "<html><body><div class='post'><p>Short.</p></div><p>{t}</p></body></html>"
    ours, theirs = _converted(markup.format(t=_TEXT)), _converted(markup.format(t=_TEXT))
    body, text = extract_content(ours, OPTIONS)
    their_body, their_text = main_extractor.extract_content(theirs, OPTIONS)
    assert (text, etree.tostring(body)) == (their_text, etree.tostring(their_body))
    assert text.startswith("Short.") and "council adopted" in text


@pytest.mark.parametrize(
    ("pattern", "xpath", "attribute"),
    [
        (sectionfind.DISCARD_ID, OVERALL_DISCARD_XPATH[0], "@id"),
        (sectionfind.DISCARD_CLASS, OVERALL_DISCARD_XPATH[0], "@class"),
        (sectionfind.HIDDEN_ID, OVERALL_DISCARD_XPATH[1], "@id"),
        (sectionfind.HIDDEN_CLASS, OVERALL_DISCARD_XPATH[1], "@class"),
        (sectionfind.ARTICLE_ID, BODY_XPATH[0], "@id"),
        (sectionfind.ARTICLE_CLASS, BODY_XPATH[0], "@class"),
        (sectionfind.STORY_ID, BODY_XPATH[2], "@id"),
        (sectionfind.STORY_CLASS, BODY_XPATH[2], "@class"),
        (sectionfind.MAIN_ID, BODY_XPATH[3], "@id"),
        (sectionfind.MAIN_CLASS, BODY_XPATH[3], "@class"),
    ],
)
def test_patterns_are_trafilaturas(
    pattern: re.Pattern[str], xpath: etree.XPath, attribute: str
) -> None:
    # A trafilatura release that changes its tokens fails here, not silently in the output.
    assert f"re:test({attribute}, '{pattern.pattern}')" in xpath.path


def _corpus_pages(shared: Path) -> list[str]:
    """Return every fifth CWCE and AEB page, decoded as extraction decodes them."""
    cwce = sorted((shared / "corpus" / "cwce" / "original").glob("*.html"))[::5]
    aeb = sorted((shared / "corpus" / "aeb" / "html").glob("*.html.gz"))[::5]
    pages = [decode_bytes(p.read_bytes(), None)[0] for p in cwce]
    pages += [decode_bytes(gzip.decompress(p.read_bytes()), None)[0] for p in aeb]
    return pages


def test_extract_content_equals_trafilaturas_on_corpus_pages(shared: Path) -> None:
    # A wider check than the fixtures: 51 news pages of two corpora, both focus modes the
    # passes use.
    differing = 0
    pages = _corpus_pages(shared)
    for markup in pages:
        for focus in ("balanced", "recall"):
            options = Extractor(output_format="txt", fast=False, comments=False, tables=True)
            options.focus = focus
            ours, theirs = _converted(markup), _converted(markup)
            body, text = extract_content(ours, options)
            their_body, their_text = main_extractor.extract_content(theirs, options)
            differing += text != their_text or etree.tostring(body) != etree.tostring(their_body)
    assert len(pages) > 40
    assert differing == 0
