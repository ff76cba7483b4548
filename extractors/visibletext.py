"""The visible text of HTML markup, cheaply: invisible elements out, tags to lines, references decoded."""

from __future__ import annotations

import html
import re

__all__ = ["render_visible_text", "strip_invisible", "unescape_all"]

_INVISIBLE_TAGS = ("head", "script", "style", "noscript", "template", "select", "textarea")
_INVISIBLE_OPEN = re.compile(rf"<({'|'.join(_INVISIBLE_TAGS)})\b|<!--", re.IGNORECASE)
_INVISIBLE_CLOSE = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in _INVISIBLE_TAGS}
_TAG = re.compile(r"<[^>]*>")
# html.unescape's own reference pattern (CPython's html._charref); decoded references are
# kept for the process, at most _DECODED_MAX of them (distinct numeric and named references).
_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
_DECODED: dict[str, str] = {}
_DECODED_MAX = 50_000
# Blanks inside lines, collapsed in two steps: runs of blanks other than " " become one space,
# then runs of spaces one space (as one "[ \t…]+" -> " " substitution, in half its time).
_OTHER_BLANKS = re.compile(r"[\t\r\f\v\u00a0\u3000]+")
_SPACE_RUN = re.compile("  +")
# A line break with the blanks around it; the blanks left are then runs inside lines (the
# reverse order, blanks first, did the same with more to substitute: 10% slower).
_LINE_BREAKS = re.compile(r"[ \t\r\f\v\u00a0\u3000]*\n\s*")


def strip_invisible(markup: str) -> str:
    """Return markup without <head>/<script>/<style>/… elements and comments (unclosed stay)."""
    # The same as one lazy "<(tag)\b.*?</\1\s*>|<!--.*?-->" substitution, 2.6x faster: each
    # element's end is looked up once instead of tried at every character.
    out: list[str] = []
    pos = 0
    while (found := _INVISIBLE_OPEN.search(markup, pos)) is not None:
        name = found.group(1)
        if name is None:
            end = markup.find("-->", found.end())
            stop = end + 3 if end >= 0 else -1
        else:
            close = _INVISIBLE_CLOSE[name.lower()].search(markup, found.end())
            stop = close.end() if close is not None else -1
        if stop < 0:
            out.append(markup[pos : found.end()])
            pos = found.end()
            continue
        out.append(markup[pos : found.start()])
        pos = stop
    out.append(markup[pos:])
    return "".join(out)


def render_visible_text(markup: str) -> str:
    """Return the visible text of HTML markup, one line per block, cheaply (regex based)."""
    text = unescape_all(_TAG.sub("\n", strip_invisible(markup)))
    return _SPACE_RUN.sub(" ", _OTHER_BLANKS.sub(" ", _LINE_BREAKS.sub("\n", text))).strip()


def unescape_all(text: str) -> str:
    """Return html.unescape(text): each distinct reference decoded once (pages repeat a few)."""
    # html.unescape calls a Python function for every reference, whose result depends on the
    # reference alone; a page spelled in numeric references (&#x306E;) holds thousands of
    # them. Same pattern, same decoding, half the time on such pages (a test compares).
    if "&" not in text:
        return text
    return _CHARREF.sub(_decode_reference, text)


def _decode_reference(match: re.Match[str]) -> str:
    ref = match.group()
    out = _DECODED.get(ref)
    if out is None:
        out = html.unescape(ref)
        if len(_DECODED) < _DECODED_MAX:
            _DECODED[ref] = out
    return out
