"""The clause of an amount: its sentence cut at clause punctuation and clause-joining words."""

from __future__ import annotations

import re

__all__ = ["clause_span"]

# A clause ends at clause punctuation (a comma between digits is a thousands separator, not a
# boundary), at a dash, and before a word that joins two clauses: English subordinators and
# coordinators that start a new predicate, Chinese contrast and addition markers.
_BOUNDARY = re.compile(
    r"[,，](?!\d)|(?<!\d)[,，]|[;；。：:!?！？—–|｜]|\s-\s|"
    r"\b(?:while|whereas|but|although|though|after|which|meanwhile)\b|"
    r"而|但|同时|此外|另外|以及|其中",
    re.IGNORECASE,
)


def clause_span(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """Return the clause of text[lo:hi] that holds text[start:end] (an amount): from the last
    boundary before it to the first boundary after it."""
    left = lo
    for m in _BOUNDARY.finditer(text, lo, start):
        left = m.end()
    found = _BOUNDARY.search(text, end, hi)
    right = found.start() if found is not None else hi
    return left, max(right, end)
