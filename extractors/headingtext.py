"""The text a heading shows as its title: its words without the controls set inside it."""

from __future__ import annotations

import copy
import re

from lxml import html as lxml_html

__all__ = ["heading_text", "section_headings", "wordless_headings"]

# Documentation generators put controls inside the page's h1: a "Copy item path" button, a
# "[−]" collapse toggle (a javascript: link) and a "[src]" link to the source. A reader takes
# them for buttons, not for words of the title. A link whose whole text is one bracketed
# word ("[src]", "[edit]") is such a control, and so is a permalink mark ("¶" after a Sphinx
# heading); a bracketed phrase in the title is not a link.
_BRACKETED = re.compile(r"^\[[^\]\s]{1,12}\]$")
# An id or class naming a table of contents ("toc", "jb-print-toc", "md-nav__toc").
_TOC = re.compile(r"(?:^|[\s_-])toc(?:$|[\s_-])", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")


def _is_control(el: lxml_html.HtmlElement) -> bool:
    """Return True for a button or a control link inside a heading."""
    if el.tag == "button":
        return True
    if el.tag != "a":
        return False
    href = (el.get("href") or "").strip().lower()
    text = "".join(el.text_content().split())
    # a permalink mark ("¶", "#", "§") is a link without a letter or digit in its text
    marks = bool(text) and not any(ch.isalnum() for ch in text)
    return marks or href.startswith("javascript:") or _BRACKETED.match(text) is not None


def heading_text(heading: lxml_html.HtmlElement) -> str:
    """Return a heading's text without the buttons and control links inside it."""
    if not any(isinstance(el.tag, str) and _is_control(el) for el in heading.iterdescendants()):
        return str(heading.text_content())
    clone = copy.deepcopy(heading)
    for el in [e for e in clone.iterdescendants() if isinstance(e.tag, str) and _is_control(e)]:
        el.drop_tree()
    return str(clone.text_content())


def _in_toc(el: lxml_html.HtmlElement, seen: dict[lxml_html.HtmlElement, bool]) -> bool:
    """Return True inside a nav, an aside or a table of contents (its "Contents" heading)."""
    # seen: each ancestor's own answer, kept over one page's headings (they share ancestors).
    for up in el.iterancestors():
        known = seen.get(up)
        if known is None:
            marks = f"{up.get('id') or ''} {up.get('class') or ''}"
            known = seen[up] = up.tag in {"nav", "aside"} or _TOC.search(marks) is not None
        if known:
            return True
    return False


_SECTION_TAGS = ("h2", "h3", "h4", "h5", "h6")


def section_headings(tree: lxml_html.HtmlElement) -> frozenset[str]:
    """Return the whitespace-collapsed texts of the page's h2-h6 section titles (not a TOC's)."""
    # One walk from the document's root in document order, as the five-way XPath union was.
    seen: dict[lxml_html.HtmlElement, bool] = {}
    root = tree.getroottree().getroot()
    found = [h for h in root.iter(*_SECTION_TAGS) if not _in_toc(h, seen)]
    return frozenset(t for t in (" ".join(heading_text(h).split()) for h in found) if t)


def wordless_headings(tree: lxml_html.HtmlElement) -> frozenset[str]:
    """Return the texts of the page's h1-h6 headings made of figures (a year, a version)."""
    # A changelog's releases ("1.3") and a publication list's years ("2023") are often h1s.
    # A heading whose whole text holds a letter (most) is passed over before its controls are.
    root = tree.getroottree().getroot()
    found = (h for h in root.iter("h1", *_SECTION_TAGS) if _figures(h.text_content()))
    texts = (" ".join(heading_text(h).split()) for h in found)
    return frozenset(t for t in texts if _figures(t))


def _figures(text: str) -> bool:
    """Return True for a text of figures and marks: a digit, and no letter anywhere."""
    return _LETTER.search(text) is None and _DIGIT.search(text) is not None
