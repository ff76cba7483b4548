"""HTML body text: unwrap layout tables, run trafilatura, split table rows into cells."""

from __future__ import annotations

import re
from collections.abc import Callable
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
    _extract_and_compare,
    _forum_thread_page,
    _prepare_tree,
    _recall_retry,
    determine_returnstring,
)
from trafilatura.external import justext_rescue
from trafilatura.htmlprocessing import convert_tags, prune_unwanted_nodes, tree_cleaning
from trafilatura.main_extractor import extract_content
from trafilatura.metadata import Document
from trafilatura.settings import _COOKIE_CONSENT_RE, Extractor
from trafilatura.xml import delete_element
from trafilatura.xpaths import _COMMENTS_CLASS, _COMMENTS_ID, REMOVE_COMMENTS_XPATH

from extractors.splitbody import join_split_bodies

_CELL_TEXT = 120
_WRAPPER = "radar-wrapper-cell"  # a temporary tag name, stripped at once
_ROW = re.compile(r"^\|.*\|$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_RULE_ROW = re.compile(r"^[|\s:-]+$")
# Below this many characters of body the fast pass is retried with trafilatura's fallbacks
# (a prose-line test was tried too: 11% slower on CWCE, no F1 gain).
MIN_FAST_CHARS = 200
# The fast pass is also retried when it kept less than this share of the page's visible
# paragraph text (<p> of >= _PARA_CHARS outside nav/header/footer/aside/form, not hidden) on
# a page with at least _MIN_PARAS such paragraphs. Measured on 425 pages (mozilla/readability
# and goose3 test pages, AEB, CWCE; docs/quality.md): 0.3 fires on 2% of pages and takes
# every gain that 0.4-0.6 take, at half the extra passes.
MIN_FAST_SHARE = 0.3
_PARA_CHARS = 30
_MIN_PARAS = 3
# A fast pass that kept none of the page's _PROBES longest visible paragraphs took the wrong
# block (a menu, a teaser box) however long it is: it is retried with the fallbacks too. A
# piece of each paragraph is looked up (_PROBE_CHARS from the _PROBE_SKIP-th character, past a
# drop cap or a dateline that trafilatura may reshape).
# The test only counts when the fast text is a list of short lines (a menu: under _MENU_PROSE
# of its characters in prose lines); on prose the longest <p> are often comments or a sidebar.
# Measured on 447 pages (readability, goose3, newspaper, fundus dev): without this condition
# the test fired on 15 (12 of them prose, no F1 gain, goose3 time 0.73 -> 1.03); with it on 1.
_PROBES = 3
_MENU_PROSE = 0.25
_PROSE_LINE = 80
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_PROBE_SKIP = 10
_PROBE_CHARS = 30
_OUTSIDE = {"nav", "header", "footer", "aside", "form", "script", "style", "noscript"}
_WRAPPABLE = {"aside", "header", "form"}  # sectioning tags that sometimes wrap the whole page
_WRAPPER_SHARE = 0.5
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
_TEXT_LENGTH = etree.XPath("string-length(normalize-space(.))")
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


def unwrap_layout_tables(tree: lxml_html.HtmlElement) -> None:
    """Turn tables used for page layout (nested tables, long cells) into divs, in place."""
    # Rows and row groups are stripped (their cells become sibling divs), tables and cells
    # renamed, and a cell that only wraps one element (a nested table, a div) without a class
    # or id is dissolved into it: a div per row, row group and wrapper gave trafilatura's
    # link-density and BODY_XPATH passes more elements to visit (CWCE: 2.1 ms a page more).
    # On the CWCE, AEB, readability and goose3 pages four outputs changed (CWCE pages: one
    # more precise, three with a little more recall).
    for table in list(tree.iter("table")):
        if table.tag != "table" or table.getparent() is None:
            continue  # already renamed inside an outer layout table
        nested = table.find(".//table") is not None
        if not nested and _is_data_table(table):
            continue
        layout = nested or table.find(".//p") is not None
        size = len(table.text_content()) if not layout else 0
        if not layout and size > _CELL_TEXT:
            layout = _is_link_table(table, size)
        if not layout and size > _CELL_TEXT:
            for cell in table.iter("td", "th"):
                text = cell.text_content()
                if len(text) > _CELL_TEXT:
                    layout = True
                    break
        if not layout:
            continue
        strip_tags(table, "tbody", "thead", "tfoot", "tr")
        for el in table.iter("table", "td", "th"):
            el.tag = _WRAPPER if _is_wrapper_cell(el) else "div"
        strip_tags(table, _WRAPPER)


def _is_wrapper_cell(el: lxml_html.HtmlElement) -> bool:
    """Return True for a cell that only wraps one element (no text, no class or id)."""
    return (
        el.tag != "table"
        and len(el) == 1
        and not (el.text or "").strip()
        and not (el[0].tail or "").strip()
        and el.get("class") is None
        and el.get("id") is None
    )


def _is_data_table(table: lxml_html.HtmlElement) -> bool:
    """Return True for a table that declares its structure (caption, header cells)."""
    # Layout tables do not label their columns; a data table with long cells (a list of
    # films with synopses) stays a table, which trafilatura keeps row by row.
    return table.find(".//caption") is not None or table.find(".//th") is not None


def _is_link_table(table: lxml_html.HtmlElement, size: int) -> bool:
    links = sum(len(a.text_content()) for a in table.iter("a"))
    return links > 0.5 * size


def split_table_rows(lines: list[str]) -> list[str]:
    """Return lines with Markdown-like table rows ("| a | b |") as cells joined by " | "."""
    out: list[str] = []
    for line in lines:
        if _ROW.match(line):
            if _RULE_ROW.match(line):
                continue
            cells = [c.strip().replace("\\|", "|") for c in _CELL_SPLIT.split(line.strip("|"))]
            cells = [c for c in cells if c]
            if len(cells) == 1:
                out.append(cells[0])
            elif cells:
                out.append(" | ".join(cells))
        else:
            out.append(line)
    return out


def read_visible_paragraphs(tree: lxml_html.HtmlElement) -> tuple[int, int, list[str]]:
    """Return characters, count and the longest texts of a page's visible prose paragraphs."""
    hidden: dict[lxml_html.HtmlElement, bool] = {}
    body = tree.find(".//body")
    page_chars = int(_TEXT_LENGTH(tree if body is None else body))

    def is_side(el: lxml_html.HtmlElement) -> bool:
        # An aside/header/form holding most of the page's text is a wrapper, not a side box
        # (an unclosed <aside> of a sidebar nests the whole article in it).
        if el.tag not in _OUTSIDE:
            return False
        return el.tag not in _WRAPPABLE or _TEXT_LENGTH(el) < _WRAPPER_SHARE * page_chars

    def is_hidden(el: lxml_html.HtmlElement | None) -> bool:
        if el is None:
            return False
        known = hidden.get(el)
        if known is None:
            style = el.get("style")
            known = (
                is_side(el)
                or el.get("hidden") is not None
                or el.get("aria-hidden") == "true"
                or bool(style and _HIDDEN_STYLE.search(style))
                or is_hidden(el.getparent())
            )
            hidden[el] = known
        return known

    chars = count = 0
    longest: list[tuple[int, lxml_html.HtmlElement]] = []
    for p in tree.iter("p"):
        size = int(_TEXT_LENGTH(p))
        if size >= _PARA_CHARS and not is_hidden(p):
            chars += size
            count += 1
            longest.append((size, p))
    longest.sort(key=lambda pair: -pair[0])
    texts = [" ".join(p.text_content().split()) for _, p in longest[:_PROBES]]
    return chars, count, texts


def share_of_prose(text: str) -> float:
    """Return the share of text's characters in prose lines (_PROSE_LINE wide, CJK counted 2)."""
    lines = [ln.strip() for ln in text.split("\n")]
    total = sum(len(ln) for ln in lines)
    prose = sum(
        len(ln)
        for ln in lines
        if len(ln) >= _PROSE_LINE or len(ln) + len(_CJK.findall(ln)) >= _PROSE_LINE
    )
    return prose / total if total else 0.0


def misses_paragraphs(text: str, probes: list[str]) -> bool:
    """Return True when text holds none of the probe paragraphs (a piece of each is looked up)."""
    if len(probes) < _PROBES:
        return False
    flat = " ".join(text.split())
    return not any(p[_PROBE_SKIP : _PROBE_SKIP + _PROBE_CHARS] in flat for p in probes)


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


def _fast_sequence(
    tree: lxml_html.HtmlElement, options: Extractor, keep_comments: bool = False
) -> tuple[etree._Element, str, int]:
    """Return body, text and pruned comment characters of the fast trafilatura_sequence."""
    # Mirrors trafilatura 2.3 trafilatura_sequence(fast=True, comments=False), minus the
    # backup copy only the external comparison reads and with html2txt's page measure taken
    # without a copy (covers_little), the recall retry on the pruned tree itself (nothing
    # reads it afterwards): ~1.8 ms a page on CWCE, the same choices. keep_comments: comment
    # sections are content (as trafilatura treats them on DiscussionForumPosting pages).
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
    body, text = extract_content(cleaned, options)
    if len(text) < options.min_extracted_size:
        b_body, b_text, b_len = baseline(tree)
        if b_len > len(text):
            body, text = b_body, b_text
    if 0 < len(text) < ESCALATION_MAX_LENGTH and covers_little(tree, len(text)):
        r_options = copy(options)
        r_options.focus = "recall"
        # _recall_retry(tree, ...) without its two copies: the tree is not read again.
        recall = convert_tags(tree_cleaning(tree, r_options), r_options, url)
        r_body, r_text = extract_content(recall, r_options)
        if len(r_text) >= options.min_extracted_size and len(
            r_text
        ) > ESCALATION_ACCEPT_RATIO * len(text):
            body, text = r_body, r_text
    return body, text, held


def _full_sequence(
    tree: lxml_html.HtmlElement, options: Extractor, keep_comments: bool = False
) -> tuple[etree._Element, str]:
    """Return body and text of trafilatura_sequence (fallbacks on, comments off)."""
    # Mirrors trafilatura 2.3 trafilatura_sequence(fast=False, comments=False) with its two
    # raw-tree prunes found in Python (find_raw_prunes, find_comment_sections: the same
    # elements, without lxml calling back into Python for every node's EXSLT re:test);
    # every stage and decision is trafilatura's own, html2txt's page measure included.
    url = options.url
    is_forum = keep_comments or _forum_thread_page(tree)
    for el in find_raw_prunes(tree):
        delete_element(el)
    if options.focus == "precision" or not is_forum:
        for el in find_comment_sections(tree):
            delete_element(el)
    cleaned, backup = _prepare_tree(tree, options, url)
    if options.focus == "precision" and not is_forum:
        cleaned = prune_unwanted_nodes(cleaned, REMOVE_COMMENTS_XPATH)
    body, text = _extract_and_compare(cleaned, backup, tree, options)
    if len(text) < options.min_extracted_size and options.focus != "precision":
        b_body, b_text, b_len = baseline(tree)
        if b_len > len(text):
            body, text = b_body, b_text
    if (
        options.focus == "balanced"
        and 0 < len(text) < ESCALATION_MAX_LENGTH
        and len(text) < ESCALATION_PAGE_SHARE * len(html2txt(tree))
    ):
        r_options = copy(options)
        r_options.focus = "recall"
        r_text = j_text = ""
        try:
            r_body, r_text = _recall_retry(tree, r_options, url)
        except Exception:  # as trafilatura: a failed retry is no candidate
            r_text = ""
        try:
            j_body, j_text = justext_rescue(copy(tree), options)
        except Exception:  # as trafilatura: a failed justext pass is no candidate
            j_text = ""
        if len(j_text) > len(r_text) and len(j_text) > ESCALATION_JUSTEXT_RATIO * len(text):
            body, text = j_body, j_text
        elif len(r_text) >= options.min_extracted_size and len(
            r_text
        ) > ESCALATION_ACCEPT_RATIO * len(text):
            body, text = r_body, r_text
    return body, text


def _extract(
    tree: lxml_html.HtmlElement, url: str | None, fast: bool, keep_comments: bool = False
) -> str:
    """Return trafilatura.extract(tree, ...) for our options, consuming the tree (no copy)."""
    return _extract_measured(tree, url, fast, keep_comments)[0]


def _extract_measured(
    tree: lxml_html.HtmlElement, url: str | None, fast: bool, keep_comments: bool = False
) -> tuple[str, int]:
    """Return _extract's text and the characters of the comment sections the pass pruned."""
    # Mirrors trafilatura 2.3 extract() -> bare_extraction() for txt output without metadata,
    # minus its defensive deep copy of a caller's tree (~0.5 ms a page); the tree is pruned.
    options = Extractor(output_format="txt", fast=fast, comments=False, tables=True, url=url)
    held = 0
    try:
        if fast:
            body, text, held = _fast_sequence(tree, options, keep_comments)
            comments, comments_text = etree.Element("body"), ""
        else:
            body, text = _full_sequence(tree, options, keep_comments)
            comments, comments_text = etree.Element("body"), ""
        if options.max_tree_size and len(body) > options.max_tree_size:
            strip_tags(body, "hi")
            if len(body) > options.max_tree_size:
                return "", held
        if (
            len(text) < options.min_output_size
            and len(comments_text) < options.min_output_comm_size
        ):
            return "", held
    except (TypeError, ValueError):
        return "", held
    document = Document()
    document.raw_text, document.commentsbody, document.body = text, comments, body
    return determine_returnstring(document, options) or "", held


def measure_sections(found: list[lxml_html.HtmlElement]) -> int:
    """Return the characters of text in the outermost of the found elements."""
    inside = set(found)
    return sum(
        len(" ".join(el.text_content().split()))
        for el in found
        if not any(a in inside for a in el.iterancestors())
    )


def extract_body_text(
    tree: lxml_html.HtmlElement,
    url: str | None,
    reload: Callable[[], lxml_html.HtmlElement],
    replaced: Callable[[str], bool] | None = None,
    discussion: bool = False,
) -> str:
    """Return trafilatura's text of the main content (fast pass, fallbacks if it is thin)."""
    # The fast pass consumes `tree`; the rare retry (about 3% of pages) runs on reload(),
    # a fresh tree identical to the one passed in. replaced(text) says that a body will be
    # replaced anyway (a discussion page's posts): the retry is not run then.
    # discussion: the page may be a discussion (no thread found, and it does not call itself
    # an article): comment sections holding more text than the body are then its replies (a
    # question and its answers, a topic and its posts), kept as trafilatura keeps the posts
    # of DiscussionForumPosting pages.
    join_split_bodies(tree)
    visible, paragraphs, probes = read_visible_paragraphs(tree)
    text, held = _extract_measured(tree, url, fast=True)
    keep = False
    if discussion and held > len(text):
        fresh = reload()
        join_split_bodies(fresh)
        again = _extract(fresh, url, fast=True, keep_comments=True)
        if len(again) > len(text):
            text, keep = again, True
    short = paragraphs >= _MIN_PARAS and len(text) < MIN_FAST_SHARE * visible
    # The probe lookup is cheaper and usually finds a probe: it goes first.
    missed = misses_paragraphs(text, probes) and share_of_prose(text) < _MENU_PROSE
    if len(text) >= MIN_FAST_CHARS and not short and not missed:
        return text
    if replaced is not None and replaced(text):
        return text
    fresh = reload()
    join_split_bodies(fresh)
    again = _extract(fresh, url, fast=False, keep_comments=keep)
    if missed and 2 * len(again) > len(text) and not misses_paragraphs(again, probes):
        return again
    if len(text) >= MIN_FAST_CHARS and not short:
        return text  # only the probe test fired and the full pass missed them too: not prose
    if len(text) >= MIN_FAST_CHARS:
        return again if len(again) > 1.5 * len(text) else text
    return again if len(again) > len(text) else text
