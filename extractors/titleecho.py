"""A page's own heading inside a <title> that opens with the site: the part the page repeats."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree
from lxml import html as lxml_html

from extractors.headingtext import heading_text

__all__ = ["echoed_title", "title_classed", "titled_closing"]

# Board engines open their <title> with the site and the kind of page, the topic last:
# "example.org :: View topic - Winter ferry times". Cutting a site suffix cannot find the
# topic there (it is the last segment, and short). The page prints the topic on its own (a
# heading or a link to itself): the longest run of closing segments that one element of the
# page holds as its whole text is the title.
_SEPARATOR = re.compile(r"\s+(?:::|[-|–—»›>·•])\s+")
# A segment that is a host name ("www.example.org", "forum.example.co.uk").
_HOST = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$", re.IGNORECASE)
_MIN_CHARS = 4
_SKIPPED = frozenset({"title", "script", "style", "meta", "option"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def echoed_title(
    tree: lxml_html.HtmlElement, page_title: str | None, outlet: str | None
) -> str | None:
    """Return the closing part of a site-first <title> that the page shows alone, or None."""
    if not page_title:
        return None
    parts = _SEPARATOR.split(page_title)
    if len(parts) < 2:
        return None
    named = _names_site(parts[0].strip(), outlet)
    # Each run of closing segments, with the separators the title had between them.
    seps = _SEPARATOR.findall(page_title)
    runs: dict[str, int] = {}
    for start in range(1, len(parts)):
        text = parts[start] + "".join(
            s + p for s, p in zip(seps[start:], parts[start + 1 :], strict=True)
        )
        text = " ".join(text.split())
        if len(text) >= _MIN_CHARS:
            runs[text] = len(text)
    found: str | None = None
    # Without a site name opening the title only headings can answer (below): only they are
    # read, in the same document order.
    for el in tree.iter() if named else tree.iter(*_HEADINGS):
        if not isinstance(el.tag, str) or el.tag in _SKIPPED:
            continue
        # a heading reads whole, without its anchors and permalink marks ("<h2><a
        # name=…></a>Topic</h2>"); any other element only when it holds text alone
        if el.tag in _HEADINGS:
            text = " ".join(heading_text(el).split())
        elif len(el):
            continue
        else:
            text = " ".join((el.text or "").split())
        # Without a site name opening the title, only a heading that prints a run longer
        # than the segments before it is the topic ("Board • View topic - <topic>"): a
        # headline's own closing site name is shorter than the headline.
        if not named and (el.tag not in _HEADINGS or 2 * runs.get(text, 0) <= len(page_title)):
            continue
        if text in runs and (found is None or runs[text] > runs[found]):
            found = text
    return found


def _names_site(segment: str, outlet: str | None) -> bool:
    """Return True when a title's opening segment is the site: its host name or its outlet."""
    if _HOST.match(segment):
        return True
    return bool(outlet) and segment.lower() == str(outlet).lower()


def title_classed(tree: lxml_html.HtmlElement) -> Iterator[lxml_html.HtmlElement]:
    """Yield the elements whose class holds "title" in any case, in document order."""
    # The XPath form, //*[contains(translate(@class, 'TITLE', 'title'), 'title')], translated
    # every element's class in libxml2: twice the time of this walk on CWCE pages. Only T, I, L
    # and E lower-case to those letters alone (İ gives i and a combining dot, which breaks the
    # run), so lower() finds the same elements.
    for el in tree.iter(etree.Element):
        names = el.get("class")
        if names and "title" in names.lower():
            yield el


# Pages without an h1 (Doxygen's header block, old boards' "maintitle" cell) print their
# heading in an element whose class names it a title. When the <title> ends with that text
# ("Project: src/lib/elements.h File Reference", "Board :: View topic - <topic>"), it is the
# page's own heading and the rest of the <title> is the site and the page's place in it.
def titled_closing(tree: lxml_html.HtmlElement, page_title: str | None) -> str | None:
    """Return the longest text of a title-classed element that closes the <title>, or None."""
    if not page_title:
        return None
    whole = " ".join(page_title.split())
    found: str | None = None
    for el in title_classed(tree):
        if el.tag in _SKIPPED:
            continue
        text = " ".join(el.text_content().split())
        if len(text) < _MIN_CHARS or len(text) >= len(whole) or not whole.endswith(text):
            continue
        if whole[-len(text) - 1].isalnum() or (found is not None and len(found) >= len(text)):
            continue
        found = text
    return found
