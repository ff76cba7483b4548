"""Lengths past which a value is no headline or byline: a block of text read as one."""

from __future__ import annotations

from typing import TypeVar

__all__ = ["MAX_AUTHOR_CHARS", "MAX_TITLE_CHARS", "as_byline", "as_headline"]

# Forms, not readings of any page: headlines run to a few hundred characters at the very most
# (a long English one is under 150), bylines to a few dozen names. A value past the bound is a
# paragraph, a whole page or a keyword dump in the title or author slot (an <h1> around the
# story, a front-matter field that swallowed the post), and taking it would make every row,
# digest line and title-based check read that block as the headline.
MAX_TITLE_CHARS = 500
MAX_AUTHOR_CHARS = 300

_V = TypeVar("_V")


def as_headline(value: _V) -> _V | None:
    """Return the value, or None when it is a string longer than any headline."""
    return None if isinstance(value, str) and len(value.strip()) > MAX_TITLE_CHARS else value


def as_byline(value: _V) -> _V | None:
    """Return the value, or None when it is a string longer than any byline."""
    return None if isinstance(value, str) and len(value.strip()) > MAX_AUTHOR_CHARS else value
