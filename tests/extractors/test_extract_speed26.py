"""Speed changes of the twenty-sixth round give what the code they replace gives."""

from __future__ import annotations

import random
from typing import Any

import pytest
from lxml import html as lxml_html
from trafilatura.utils import INVALID_XML_CHARS, repair_faulty_html

from extractors import frontmatter, postclass, posts
from extractors.article import _MAX_DEPTH, _NESTING_TAG, _deepest
from extractors.headingtext import _SECTION_TAGS, _in_toc, heading_text, section_headings
from extractors.htmlparse import INVALID_CHARS, repair_markup
from extractors.repair import (
    fix_mojibake,
    normalize_spaces,
    repair_text,
    strip_pinyin_notes,
    strip_stray_markup,
)

# --- the replaced code, kept here as the reference --------------------------------------------


def _line_header_before(text: str) -> tuple[dict[str, Any], str] | None:
    head, sep, rest = text.lstrip("\ufeff").partition("\n\n")
    lines = head.replace("\r", "").split("\n")
    if not sep or len(lines) < 2:
        return None
    for pattern in (frontmatter._MMD_LINE, frontmatter._PROPERTY_LINE):
        fields = [pattern.match(line) for line in lines]
        if any(f is None for f in fields):
            continue
        data = {
            f.group(1).strip().lower(): frontmatter._scalar(
                frontmatter._WIKI_VALUE.sub(r"\1", f.group(2))
            )
            for f in fields
            if f is not None
        }
        if (
            data.keys() & frontmatter._MMD_NEEDS
            and not data.keys() & frontmatter._READER_KEYS
            and len(data) == len(lines)
        ):
            return data, rest
    return None


def _org_header_before(text: str) -> tuple[dict[str, Any], str] | None:
    lines = text.lstrip("\ufeff").replace("\r", "").split("\n")
    end = next(
        (i for i, line in enumerate(lines) if not frontmatter._ORG_KEYWORD.match(line)), len(lines)
    )
    data: dict[str, Any] = {}
    for line in lines[:end]:
        keyword = frontmatter._ORG_KEYWORD.match(line)
        if keyword is not None:
            data.setdefault(keyword.group(1).lower(), frontmatter._org_value(keyword.group(2)))
    if not data.keys() & frontmatter._MMD_NEEDS:
        return None
    return data, "\n".join(lines[end:])


def _opens_with_before(member: lxml_html.HtmlElement, start: str) -> bool:
    head = (member.text or "").strip()
    if head:
        if len(head) >= len(start):
            return head.startswith(start) or " ".join(head.split()).startswith(start)
        if not start.startswith(" ".join(head.split())):
            return False
    got = ""
    for piece in member.itertext():
        got = " ".join(f"{got} {piece}".split())
        if len(got) >= len(start):
            break
    return got.startswith(start)


def _deepest_before(markup: str) -> int:
    if markup.count("<") - markup.count("</") <= _MAX_DEPTH * 5:
        return 0
    depth = best = 0
    for closing in _NESTING_TAG.findall(markup[:2_000_000]):
        depth += -1 if closing else 1
        best = max(best, depth)
    return best


# --- header readers: the first line decides before the page is split ---------------------------

_LINES = [
    "Title: A council budget",
    "Date: 2025-03-14",
    "title:: A page",
    "date:: [[2025-03-14]]",
    "#+title: Notes on the fund",
    "#+DATE: <2021-03-14 Sun 10:00>",
    "#+author: Someone",
    "<!DOCTYPE html>",
    "<html><body><p>Text</p></body></html>",
    "Just a sentence of prose.",
    "URL Source: https://example.org/a",
    "Author: The desk",
    "",
    "   ",
    "\r",
    "---",
]


def _random_page(rnd: random.Random) -> str:
    lines = [rnd.choice(_LINES) for _ in range(rnd.randint(0, 6))]
    sep = rnd.choice(["\n", "\r\n", "\n\n"])
    text = sep.join(lines)
    if rnd.random() < 0.5:
        text += "\n\n" + rnd.choice(_LINES)
    return ("\ufeff" if rnd.random() < 0.2 else "") + text


@pytest.mark.parametrize("seed", range(20))
def test_header_readers_equal_the_whole_page_split(seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(300):
        page = _random_page(rnd)
        assert frontmatter._line_header(page) == _line_header_before(page), repr(page)
        assert frontmatter._org_header(page) == _org_header_before(page), repr(page)


def test_header_readers_still_read_headers_and_refuse_html() -> None:
    assert frontmatter._line_header("Title: A\nDate: 2025-03-14\n\nBody") is not None
    assert frontmatter._org_header("#+title: A\n#+date: [2021-04-23 Fri]\nBody") is not None
    html = "<!DOCTYPE html>\n<html>\n\n<body>Title: A</body>"
    assert frontmatter._line_header(html) is None
    assert frontmatter._org_header(html) is None


def test_first_line_drops_the_bom_and_carriage_returns() -> None:
    assert frontmatter._first_line("\ufeffTitle: A\r\nDate: B") == "Title: A"
    assert frontmatter._first_line("one line\r") == "one line"
    assert frontmatter._first_line("") == ""


# --- a member's opening text, read lazily ----------------------------------------------------

_PIECES = ["", " ", "\n  ", "\t", "Posted", "by the desk", "Jan 5, 2026", "The council met", "on"]
_TAGS = ["div", "span", "p", "b"]


def _random_member(rnd: random.Random) -> lxml_html.HtmlElement:
    def grow(depth: int) -> str:
        if depth > 3 or rnd.random() < 0.3:
            return rnd.choice(_PIECES)
        tag = rnd.choice(_TAGS)
        inner = "".join(grow(depth + 1) for _ in range(rnd.randint(0, 3)))
        return f"{rnd.choice(_PIECES)}<{tag}>{inner}</{tag}>{rnd.choice(_PIECES)}"

    return lxml_html.fragment_fromstring(f"<div>{grow(0)}</div>")


@pytest.mark.parametrize("seed", range(20))
def test_opens_with_equals_the_full_read(seed: int) -> None:
    rnd = random.Random(seed)
    starts = ["Posted by the desk", "The council met on", "Jan 5, 2026 The", "Posted"]
    for _ in range(200):
        member = _random_member(rnd)
        flat = " ".join(" ".join(member.itertext()).split())
        for start in [*starts, flat[:30], flat[:10]]:
            assert postclass._opens_with(member, start) == _opens_with_before(member, start)


# --- nesting depth bound ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "markup",
    [
        "",
        "<p>text</p>" * 10,
        "<div>" * 2_100,
        "<div>" * 2_100 + "</div>" * 2_100,
        "<b>x</b>" * 1_500 + "<span>" * 2_100,
        "<br>" * 2_500,
        "<div><p>" * 1_100,
    ],
)
def test_deepest_equals_the_two_count_bound(markup: str) -> None:
    assert _deepest(markup) == _deepest_before(markup)


def test_deepest_finds_a_deep_page() -> None:
    assert _deepest("<div>" * 2_100) == 2_100
    assert _deepest("<i>" * 2_001) == 2_001
    assert _deepest("<i>" * 2_000) == 0  # within the bound: not scanned


# --- the parse's markup repair ---------------------------------------------------------------


def test_invalid_chars_are_the_class_trafilatura_removes() -> None:
    found = {chr(c) for c in range(0x10000) if INVALID_XML_CHARS.match(chr(c))}
    found |= {chr(c) for c in range(0x10000, 0x110000, 97) if INVALID_XML_CHARS.match(chr(c))}
    assert found == set(INVALID_CHARS)


_MARKUP = [
    "<!DOCTYPE html>",
    "<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0//EN' 'http://www.w3.org/TR/xhtml1'>",
    "< ! doctype html/>",
    "<html/>",
    '<html lang="en" />',
    "<html><body>",
    "<p>The council met on Tuesday.</p>",
    "\x00",
    "\x0b",
    "\x1f",
    "\ufffe",
    "\t",
    "\r",
    "中文",
    "",
]


@pytest.mark.parametrize("seed", range(20))
def test_repair_markup_equals_trafilaturas_repair(seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(300):
        pieces = [rnd.choice(_MARKUP) for _ in range(rnd.randint(0, 8))]
        markup = "".join(p + rnd.choice(["", "\n", "\r\n"]) for p in pieces)
        beginning = markup[:50].lower()
        assert repair_markup(markup, beginning) == repair_faulty_html(markup, beginning)


def test_repair_markup_repairs() -> None:
    assert repair_markup("<!DOCTYPE html/>\n<html/>", "<!doctype html/>") == "\n<html>"
    assert repair_markup("a\x00b\ufffec", "a") == "abc"
    # a page of one line: the library's join gives it a newline, cut or not
    for page in ("<!DOCTYPE html/><p>One line</p>", "<!DOCTYPE html><p>One line</p>"):
        assert repair_markup(page, page[:50].lower()) == repair_faulty_html(page, page[:50].lower())
    assert repair_markup("<!DOCTYPE html/><p>x</p>", "<!doctype html/><p>x</p>") == "<p>x</p>\n"


# --- a post head's date test -----------------------------------------------------------------

_DATE_PIECES = [
    "2026-01-13",
    "13/01/2026",
    "Jan 13, 2026",
    "13 January 2026",
    "7:45",
    " pm",
    "3 hours ago",
    "5分钟前",
    "2026年1月13日",
    "posted by",
    "Reply",
    "١٢:٣٠",
    "x",
    " ",
    "1",
    "20",
    "-",
    ":",
    "ago",
]


@pytest.mark.parametrize("seed", range(10))
def test_dated_equals_the_date_pattern(seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(500):
        text = "".join(rnd.choice(_DATE_PIECES) for _ in range(rnd.randint(0, 6)))
        assert posts._dated(text) == (posts._DATE.search(text) is not None), text


# --- repairs: spaces collapsed over the whole text --------------------------------------------


@pytest.mark.parametrize("seed", range(10))
def test_repair_text_collapses_spaces_as_line_by_line(seed: int) -> None:
    rnd = random.Random(seed)
    pieces = ["a", "word", " ", "\t", "\u00a0", "\u3000", "\u2003", "\n", "\r", "\x0b", "中", "  "]
    for _ in range(300):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        fixed = strip_stray_markup(strip_pinyin_notes(fix_mojibake(text)))
        before = "\n".join(normalize_spaces(line) for line in fixed.split("\n"))
        assert repair_text(text) == before


# --- section headings: each ancestor's table-of-contents test made once ----------------------


def _section_headings_before(tree: lxml_html.HtmlElement) -> frozenset[str]:
    # a fresh answer table for every heading: each walks its ancestors anew, as before
    found = [h for h in tree.getroottree().getroot().iter(*_SECTION_TAGS) if not _in_toc(h, {})]
    return frozenset(t for t in (" ".join(heading_text(h).split()) for h in found) if t)


@pytest.mark.parametrize("seed", range(10))
def test_section_headings_equal_the_ancestor_walk(seed: int) -> None:
    rnd = random.Random(seed)
    boxes = ["div", "nav", "aside", 'div class="toc"', 'div id="md-nav__toc"', "section"]

    def grow(depth: int) -> str:
        if depth > 3 or rnd.random() < 0.25:
            tag = rnd.choice(["h2", "h3", "h6", "p"])
            return f"<{tag}>Heading {rnd.randint(0, 9)}</{tag}>"
        box = rnd.choice(boxes)
        inner = "".join(grow(depth + 1) for _ in range(rnd.randint(1, 3)))
        return f"<{box}>{inner}</{box.split()[0]}>"

    for _ in range(100):
        tree = lxml_html.fromstring(f"<html><body>{grow(0)}{grow(0)}</body></html>")
        assert section_headings(tree) == _section_headings_before(tree)
