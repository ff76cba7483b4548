"""trafilatura's fast and full extraction passes, mirrored on our parsed tree without copies."""

from __future__ import annotations

import re
from copy import copy

from lxml import etree
from lxml import html as lxml_html
from lxml.etree import strip_tags
from trafilatura.baseline import baseline, html2txt
from trafilatura.core import (
    ESCALATION_ACCEPT_RATIO,
    ESCALATION_JUSTEXT_RATIO,
    ESCALATION_MAX_LENGTH,
    ESCALATION_PAGE_SHARE,
    _forum_thread_page,
    _prepare_tree,
    determine_returnstring,
)
from trafilatura.external import compare_extraction, justext_rescue
from trafilatura.htmlprocessing import convert_tags, prune_unwanted_nodes, tree_cleaning
from trafilatura.metadata import Document
from trafilatura.settings import _COOKIE_CONSENT_RE, Extractor
from trafilatura.xml import delete_element
from trafilatura.xpaths import _COMMENTS_CLASS, _COMMENTS_ID, REMOVE_COMMENTS_XPATH

from extractors.mainextract import extract_content

# trafilatura's BASIC_CLEAN_XPATH (what html2txt deletes) split in two: sections by tag or
# footer class, and cookie banners by class/id (the same expression, tested in Python).
_CLEAN_SECTIONS = etree.XPath(
    ".//aside|.//div[contains(@class|@id, 'footer')]|.//fencedframe|.//footer|.//script"
    "|.//style|.//svg|.//template"
)
_COOKIE = re.compile(_COOKIE_CONSENT_RE, re.IGNORECASE)
# trafilatura's RAW_TREE_PRUNE_XPATH and REMOVE_COMMENTS_AND_LISTS_XPATH, tested in Python:
# lxml runs their EXSLT re:test() by calling back into Python for every candidate node
# (~1.3 ms a CWCE page for the two); the same elements, in document order (a test compares).
_COMMENT_ID = re.compile(f"^(?:{_COMMENTS_ID}|disqus_thread|dsq-comments)")
_COMMENT_LIST_ID = re.compile(f"^(?:{_COMMENTS_ID})")
_COMMENT_CLASS = re.compile(_COMMENTS_CLASS)
_SCROLL = re.compile("mvp-post-add-(?:box|wrap)|infinite-?scroll")
_ADDED_BOX = re.compile("mvp-post-add-(?:box|wrap)")
# The main extractor's (body, text) on a cleaned, converted copy of a tree, by focus.
Stages = dict[str, tuple[etree._Element, str]]


def covers_little(tree: lxml_html.HtmlElement, chars: int) -> bool:
    """Return True when chars < ESCALATION_PAGE_SHARE x len(html2txt(tree)), without a copy."""
    # html2txt copies the tree, deletes BASIC_CLEAN_XPATH and respaces every block (~1.3 ms
    # a CWCE page, most of it the regular-expression test of every class and id). Here the
    # deleted sections' text is subtracted instead, the cookie-banner test only when the
    # answer depends on it. Words running together across blocks make the measure a few
    # percent short: it only gates a retry.
    body = tree.find(".//body")
    root = tree if body is None else body
    found = _CLEAN_SECTIONS(root)
    page = _outer_text(root, found)
    if chars >= ESCALATION_PAGE_SHARE * page:
        return False
    cookies = [
        el
        for el in root.iter(etree.Element)
        if _COOKIE.search(el.get("class") or "") or _COOKIE.search(el.get("id") or "")
    ]
    if cookies:
        page = _outer_text(root, [*found, *cookies])
    return chars < ESCALATION_PAGE_SHARE * page


def _outer_text(root: lxml_html.HtmlElement, removed: list[lxml_html.HtmlElement]) -> int:
    """Return the characters of root's text outside the removed elements (spaces collapsed)."""
    chars = len(" ".join(root.text_content().split()))
    inside = set(removed)
    for el in removed:
        if not any(a in inside for a in el.iterancestors()):
            chars -= len(" ".join(el.text_content().split()))
    return max(chars, 0)


def find_raw_prunes(tree: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """Return what RAW_TREE_PRUNE_XPATH selects: infinite-scroll boxes, share-button bars."""
    scroll: list[lxml_html.HtmlElement] = []
    share: list[lxml_html.HtmlElement] = []
    for el in tree.iterdescendants("div", "section", "aside"):
        ident, cls = el.get("id") or "", el.get("class") or ""
        if (_SCROLL.search(ident) or _SCROLL.search(cls)) and (
            el.find(".//h1") is None or _ADDED_BOX.search(ident) or _ADDED_BOX.search(cls)
        ):
            scroll.append(el)
        if "elementor-share-buttons" in cls:
            share.append(el)
    return scroll + share


def find_comment_sections(tree: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """Return what REMOVE_COMMENTS_AND_LISTS_XPATH selects: comment sections and lists."""
    found: list[lxml_html.HtmlElement] = []
    for el in tree.iterdescendants("div", "list", "section", "details", "ol", "ul"):
        ident, cls = el.get("id") or "", el.get("class") or ""
        by_class = _COMMENT_CLASS.search(cls) is not None
        if not (by_class or _COMMENT_ID.search(ident)):
            continue
        if el.tag in ("ol", "ul") and not (by_class or _COMMENT_LIST_ID.search(ident)):
            continue
        found.append(el)
    return found


def run_fast_sequence(
    tree: lxml_html.HtmlElement,
    options: Extractor,
    keep_comments: bool = False,
    stages: Stages | None = None,
) -> tuple[etree._Element, str, int, bool]:
    """Return body, text, pruned comment characters and crude of the fast trafilatura_sequence."""
    # Mirrors trafilatura 2.3 trafilatura_sequence(fast=True, comments=False), teaser blocks
    # pruned as with fast=False (_teasers_pruned), minus the
    # backup copy only the external comparison reads and with html2txt's page measure taken
    # without a copy (covers_little), the recall retry on the pruned tree itself (nothing
    # reads it afterwards): ~1.8 ms a page on CWCE, the same choices. keep_comments: comment
    # sections are content (as trafilatura treats them on DiscussionForumPosting pages).
    # stages: receives the main extractor's (body, text) on the cleaned tree, by focus
    # (balanced, and recall when the retry runs): the full pass's own first stage and recall
    # retry's first stage on this tree. Only `fast` differs between the two passes' options;
    # trafilatura reads it only where the extractor prunes teaser blocks, which it does as
    # the full pass here (_teasers_pruned) and never in recall focus. See run_full_sequence.
    url = options.url
    is_forum = keep_comments or _forum_thread_page(tree)
    held = 0
    for el in find_raw_prunes(tree):
        delete_element(el)
    if options.focus == "precision" or not is_forum:
        found = find_comment_sections(tree)
        held = measure_sections(found)
        for el in found:
            delete_element(el)
    cleaned = convert_tags(tree_cleaning(copy(tree), options), options, url)
    body, text = extract_content(cleaned, _teasers_pruned(options))
    if stages is not None:
        stages["balanced"] = body, text
    crude = False
    if len(text) < options.min_extracted_size:
        b_body, b_text, b_len = baseline(tree)
        if b_len > len(text):
            body, text, crude = b_body, b_text, True
    if 0 < len(text) < ESCALATION_MAX_LENGTH and covers_little(tree, len(text)):
        r_options = copy(options)
        r_options.focus = "recall"
        # _recall_retry(tree, ...) with one copy of its two: the pruned tree stays as it is,
        # for the full pass that often follows a thin fast pass (extract_body).
        recall = convert_tags(tree_cleaning(copy(tree), r_options), r_options, url)
        r_body, r_text = extract_content(recall, r_options)
        if stages is not None:
            stages["recall"] = r_body, r_text
        if len(r_text) >= options.min_extracted_size and len(
            r_text
        ) > ESCALATION_ACCEPT_RATIO * len(text):
            body, text, crude = r_body, r_text, False
    return body, text, held, crude


def _teasers_pruned(options: Extractor) -> Extractor:
    """Return options whose wild-text recovery prunes teaser-class blocks, as bare trafilatura's."""
    # With fast=True trafilatura's recovery keeps teaser-class blocks (it has no external
    # comparison to fall back on); bare trafilatura (fast=False) prunes them, and so does ours:
    # our fallback is the full pass when this one is thin. Kept, they were the teaser cards
    # (kicker, headline, summary) under news articles (docs/quality.md, "News pages, ninth
    # round, second set"). fast is read nowhere else on this path.
    pruned = copy(options)
    pruned.fast = False
    return pruned


def run_full_sequence(
    tree: lxml_html.HtmlElement,
    options: Extractor,
    keep_comments: bool = False,
    pruned: bool = False,
    stages: Stages | None = None,
) -> tuple[etree._Element, str, bool]:
    """Return body, text and crude of trafilatura_sequence (fallbacks on, comments off)."""
    # Mirrors trafilatura 2.3 trafilatura_sequence(fast=False, comments=False) with its two
    # raw-tree prunes found in Python (find_raw_prunes, find_comment_sections: the same
    # elements, without lxml calling back into Python for every node's EXSLT re:test);
    # every stage and decision is trafilatura's own, html2txt's page measure included.
    # pruned: the tree is one the fast pass (same keep_comments) already pruned: its prunes
    # and forum test were those made here, so they are not made again.
    # stages: with pruned, the fast pass's main-extractor results on this same tree (their
    # cleaning, tag conversion and extraction are not repeated; the cleaned, unconverted copy
    # the external comparison reads is made anew): balanced for the first stage, recall for
    # the recall retry's first stage.
    stages = stages if pruned and stages is not None else {}
    url = options.url
    is_forum = not pruned and (keep_comments or _forum_thread_page(tree))
    if not pruned:
        for el in find_raw_prunes(tree):
            delete_element(el)
        if options.focus == "precision" or not is_forum:
            for el in find_comment_sections(tree):
                delete_element(el)
    if options.focus in stages:
        body, text = _compare(tree, options, stages[options.focus])
    else:
        cleaned, backup = _prepare_tree(tree, options, url)
        if options.focus == "precision" and not is_forum:
            cleaned = prune_unwanted_nodes(cleaned, REMOVE_COMMENTS_XPATH)
        body, text = _extract_and_compare(cleaned, backup, tree, options)
    crude = False
    if len(text) < options.min_extracted_size and options.focus != "precision":
        b_body, b_text, b_len = baseline(tree)
        if b_len > len(text):
            body, text, crude = b_body, b_text, True
    if (
        options.focus == "balanced"
        and 0 < len(text) < ESCALATION_MAX_LENGTH
        and len(text) < ESCALATION_PAGE_SHARE * len(html2txt(tree))
    ):
        r_options = copy(options)
        r_options.focus = "recall"
        r_text = j_text = ""
        try:
            if "recall" in stages:
                r_body, r_text = _compare(tree, r_options, stages["recall"])
            else:
                r_body, r_text = _recall_retry(tree, r_options, url)
        except Exception:  # as trafilatura: a failed retry is no candidate
            r_text = ""
        try:
            j_body, j_text = justext_rescue(copy(tree), options)
        except Exception:  # as trafilatura: a failed justext pass is no candidate
            j_text = ""
        if len(j_text) > len(r_text) and len(j_text) > ESCALATION_JUSTEXT_RATIO * len(text):
            body, text, crude = j_body, j_text, False
        elif len(r_text) >= options.min_extracted_size and len(
            r_text
        ) > ESCALATION_ACCEPT_RATIO * len(text):
            body, text, crude = r_body, r_text, False
    return body, text, crude


def _extract_and_compare(
    cleaned: lxml_html.HtmlElement,
    backup: lxml_html.HtmlElement,
    tree: lxml_html.HtmlElement,
    options: Extractor,
) -> tuple[etree._Element, str]:
    """Mirror trafilatura 2.3.1 core._extract_and_compare with our extract_content."""
    body, text = extract_content(cleaned, options)
    if not options.fast:
        body, text = compare_extraction(backup, copy(tree), body, text, options)
    return body, text


def _recall_retry(
    tree: lxml_html.HtmlElement, r_options: Extractor, url: str | None
) -> tuple[etree._Element, str]:
    """Mirror trafilatura 2.3.1 core._recall_retry with our extract_content."""
    return _extract_and_compare(*_prepare_tree(tree, r_options, url), tree, r_options)


def _compare(
    tree: lxml_html.HtmlElement, options: Extractor, stage: tuple[etree._Element, str]
) -> tuple[etree._Element, str]:
    """Return _extract_and_compare's result given its main-extractor stage on the tree."""
    return compare_extraction(tree_cleaning(copy(tree), options), copy(tree), *stage, options)


def _options(fast: bool, url: str | None) -> Extractor:
    """Return Extractor(output_format="txt", fast=fast, comments=False, tables=True, url=url)."""
    # A copy of one template per mode: Extractor() reads its ten settings through
    # configparser every time (~0.1 ms); only url and source depend on the page.
    options = copy(_TEMPLATES[fast])
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    return options


_TEMPLATES = {
    fast: Extractor(output_format="txt", fast=fast, comments=False, tables=True)
    for fast in (False, True)
}


def extract_pass_measured(
    tree: lxml_html.HtmlElement,
    url: str | None,
    fast: bool,
    keep_comments: bool = False,
    pruned: bool = False,
    stages: Stages | None = None,
) -> tuple[str, int, bool]:
    """Return trafilatura.extract's text for our options, pruned comment characters and crude."""
    # Consumes the tree (no copy). crude: no content block was found and the text is
    # trafilatura's baseline (the page's text nodes, one a line).
    # Mirrors trafilatura 2.3 extract() -> bare_extraction() for txt output without metadata,
    # minus its defensive deep copy of a caller's tree (~0.5 ms a page). The fast pass only
    # prunes the tree; the full pass may then take it as it is (pruned, see run_full_sequence).
    # stages: the fast pass records its main-extractor results; the full pass on the same tree
    # (pruned) reuses them.
    options = _options(fast, url)
    held, crude = 0, False
    try:
        if fast:
            body, text, held, crude = run_fast_sequence(tree, options, keep_comments, stages)
            comments, comments_text = etree.Element("body"), ""
        else:
            body, text, crude = run_full_sequence(tree, options, keep_comments, pruned, stages)
            comments, comments_text = etree.Element("body"), ""
        if options.max_tree_size and len(body) > options.max_tree_size:
            if stages:
                stages.clear()  # the body may be a recorded stage's, changed here: not reused
            strip_tags(body, "hi")
            if len(body) > options.max_tree_size:
                return "", held, crude
        if (
            len(text) < options.min_output_size
            and len(comments_text) < options.min_output_comm_size
        ):
            return "", held, crude
    except (TypeError, ValueError):
        return "", held, crude
    document = Document()
    document.raw_text, document.commentsbody, document.body = text, comments, body
    return determine_returnstring(document, options) or "", held, crude


def measure_sections(found: list[lxml_html.HtmlElement]) -> int:
    """Return the characters of text in the outermost of the found elements."""
    inside = set(found)
    return sum(
        len(" ".join(el.text_content().split()))
        for el in found
        if not any(a in inside for a in el.iterancestors())
    )
