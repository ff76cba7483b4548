"""Dates labelled inside the items of a multi-item page (digest, roundup): the items', not the page's."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import tzinfo

from extractors.dates import FoundDate, find_labelled_date

__all__ = ["is_item_date", "item_date_labels", "repeated_labels"]

# A digest repeats one field layout per item ("### 1. … / **来源**: X | **时间**: 2025-07-30 14:00",
# "- Published: July 31, 2025" under every headline): a label that dates two or more lines with
# different dates labels its items. A page's own label dates it once, or prints the same date
# again (a header stamp repeated in the footer).
# A word is read from its first letter (the look-behind): a search started inside a long run of
# letters would walk the rest of it again from every letter.
_LAST_WORD = re.compile(r"(?<![^\W\d_])([^\W\d_]+)[\W_]*$")
_ITEM_LINES = 2


def _label_of(text: str, found: FoundDate) -> str:
    word = _LAST_WORD.search(text[: found.start])
    return word.group(1).casefold() if word else ""


def repeated_labels(fields: Iterable[tuple[str, object]]) -> frozenset[str]:
    """Return the labels that give two or more different values over (label, value) fields."""
    seen: dict[str, set[object]] = {}
    for label, value in fields:
        seen.setdefault(label.casefold(), set()).add(value)
    return frozenset(k for k, v in seen.items() if k and len(v) >= _ITEM_LINES)


def item_date_labels(lines: list[str], zone: tzinfo) -> frozenset[str]:
    """Return the date labels that date several lines with different dates: item fields."""
    found = ((line, find_labelled_date(line, zone)) for line in lines)
    return repeated_labels((_label_of(line, f), f.value) for line, f in found if f is not None)


def is_item_date(text: str, found: FoundDate, labels: frozenset[str]) -> bool:
    """Tell whether a labelled date found in text carries one of the item labels."""
    return _label_of(text, found) in labels
