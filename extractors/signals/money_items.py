"""Line items: amounts listed side by side in one sentence, each with its own stated purpose."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from extractors.signals.records import Amount
from extractors.signals.rules import has_ai_context

# What separates the items of a list: a comma or semicolon, an enumeration comma, and the
# English joiners that start the next item ("and $1 billion for …", "alongside $X from …").
_SEPARATOR = re.compile(
    r"[，,；;、]|\s(?:and|alongside|as well as|while|plus|with another)\s|以及|另有|还有|和(?=\d)"
)
# An item names its own purpose or source: "for X", "to fund X", "from X", 用于 X, 来自 X.
_PURPOSE = re.compile(
    r"\b(?:for|towards?|to (?:fund|build|support|expand|upgrade|improve)|"
    r"in contributions|contributed by|from)\b(?!\s+(?:the )?(?:year|fiscal|\d))|"
    r"用于|投向|用作|资助|支持|来自|建设",
    re.IGNORECASE,
)
# An item that is a part of the sentence's total keeps the total's purpose ("€150bn for AI,
# including a €15bn fund for gigafactories").
_COMPONENT = re.compile(
    r"\s*(?:including|of which|among them|in particular|其中|包括|含)", re.IGNORECASE
)


class _Items:
    """The list items of one sentence's amounts: each from the separator before it to the one
    after, the separators found in one scan (not one scan per amount: a table of N amounts in one
    sentence cost N scans of it).

    The items are those of scanning the sentence up to each amount: there a "和" whose look-ahead
    needs the amount's first digit is no separator (that scan ends at the amount).
    """

    def __init__(self, text: str, lo: int, hi: int) -> None:
        found = [(m.start(), m.end()) for m in _SEPARATOR.finditer(text, lo, hi)]
        self._text, self._lo, self._hi = text, lo, hi
        self._starts = [s for s, _ in found]
        self._ends = [e for _, e in found]

    def of(self, amount: Amount) -> tuple[int, int]:
        """Return the item of one amount of the sentence."""
        k = bisect_right(self._ends, amount.start)
        if k and self._ends[k - 1] == amount.start and self._text[self._starts[k - 1]] == "和":
            k -= 1
        start = self._ends[k - 1] if k else self._lo
        after = bisect_left(self._starts, amount.end)
        return start, self._starts[after] if after < len(self._starts) else self._hi


def is_non_ai_item(text: str, amount: Amount, lo: int, hi: int, siblings: Sequence[Amount]) -> bool:
    """Return whether an amount is a non-AI item of a list that also funds AI: its own item
    states a purpose or source with no AI word, while another amount's item of the same sentence
    (lo, hi) is about AI ("$2bn for AI research, $5bn for highways": the $5bn)."""
    items = _Items(text, lo, hi)
    start, end = items.of(amount)
    own = text[start:end]
    if has_ai_context(own) or _PURPOSE.search(own) is None or _COMPONENT.match(own):
        return False
    for other in siblings:
        if other.start == amount.start or other.conversion_of is not None:
            continue
        o_start, o_end = items.of(other)
        if (o_start, o_end) != (start, end) and has_ai_context(text[o_start:o_end]):
            return True
    return False
