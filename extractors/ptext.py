"""The characters of a document's text under <p> elements: XPath's //p//text(), in linear time."""

from __future__ import annotations

from lxml.etree import _Element

__all__ = ["p_text_chars"]


def p_text_chars(tree: _Element, cap: int | None = None) -> int:
    """Return how many characters the document's <p> elements hold (counted up to cap, if given).

    The same characters as ``"".join(tree.xpath("//p//text()"))``: the whole document's, each
    text once however deep its <p> is nested. libxml2 merges that expression's node sets in time
    quadratic in the number of paragraphs (6.5 s on a page of 64,000); one walk per outermost
    <p> is linear.
    """
    total = 0
    for p in tree.getroottree().getroot().iter("p"):
        if next(p.iterancestors("p"), None) is not None:
            continue  # counted with the <p> it stands in
        for text in p.itertext():
            total += len(text)
        if cap is not None and total >= cap:
            return total
    return total
