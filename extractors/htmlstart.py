"""Whether a decoded page opens as an HTML document, read in one pass."""

from __future__ import annotations

import re

__all__ = ["starts_as_html"]

# What may stand before the document's first tag: whitespace, an XML declaration, comments.
_LEAD = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?")
# A comment ends at its first "-->" (the HTML rule). One regex with the comments as a repeated
# lazy group tried every later "-->" as the end of every comment when the page did not open as
# HTML after them: on a page whose first comment lost its "-->" that took seconds.
_COMMENT = re.compile(r"<!--.*?-->\s*", re.DOTALL)
_DOCUMENT_TAG = re.compile(r"<(?:!doctype|html|head|body)", re.IGNORECASE)


def starts_as_html(text: str) -> bool:
    """Return True when the text opens with a doctype or an html, head or body tag."""
    lead = _LEAD.match(text)
    pos = lead.end() if lead is not None else 0
    while text.startswith("<!--", pos):
        comment = _COMMENT.match(text, pos)
        if comment is None:
            return False
        pos = comment.end()
    return _DOCUMENT_TAG.match(text, pos) is not None
