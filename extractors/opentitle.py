"""A title left open: close it where its first line ends or its first tag starts, before parsing.

A title's content is raw text up to its end tag, so a saved page whose ``<title>`` never closes (a
crawl that spliced or cut the page: "<title>Gale to drive Nation'?' + OAS_query + …") is parsed as
one head whose title holds the whole page, markup and all: no body, nothing to extract. Such a
title is closed where its first line ends or its first tag starts; a title that closes before the
document goes on (no ``</head>`` or ``<body>`` inside it) is left as it is, markup inside it too.
"""

from __future__ import annotations

import re

__all__ = ["close_open_title"]

_TITLE_OPEN = re.compile(r"<title\b[^<>]*>", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.IGNORECASE)
# The document going on inside the title: the head's end or the body's start.
_DOCUMENT_GOES_ON = re.compile(r"</head\s*>|<body\b", re.IGNORECASE)
# Where the title's own text ends: a tag (an element, an end tag, a comment or declaration) or
# the end of its first line of text.
_TEXT_END = re.compile(r"<[A-Za-z!/]|(?<=\S)[ \t]*\r?\n")


def close_open_title(markup: str) -> str:
    """Return markup with a title left open closed after its text; other markup unchanged."""
    opened = _TITLE_OPEN.search(markup)
    if opened is None:
        return markup
    start = opened.end()
    closed = _TITLE_CLOSE.search(markup, start)
    if closed is not None and _DOCUMENT_GOES_ON.search(markup, start, closed.start()) is None:
        return markup
    end = _TEXT_END.search(markup, start)
    if end is None:
        return markup
    return f"{markup[: end.start()]}</title>{markup[end.start() :]}"
