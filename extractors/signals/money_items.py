"""Line items: amounts listed side by side in one sentence, each with its own stated purpose."""

from __future__ import annotations

import re
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


def _item(text: str, amount: Amount, lo: int, hi: int) -> tuple[int, int]:
    """Return the list item an amount stands in: from the separator before it to the one after."""
    start = lo
    for m in _SEPARATOR.finditer(text, lo, amount.start):
        start = m.end()
    after = _SEPARATOR.search(text, amount.end, hi)
    return start, after.start() if after is not None else hi


def is_non_ai_item(text: str, amount: Amount, lo: int, hi: int, siblings: Sequence[Amount]) -> bool:
    """Return whether an amount is a non-AI item of a list that also funds AI: its own item
    states a purpose or source with no AI word, while another amount's item of the same sentence
    (lo, hi) is about AI ("$2bn for AI research, $5bn for highways": the $5bn)."""
    start, end = _item(text, amount, lo, hi)
    own = text[start:end]
    if has_ai_context(own) or _PURPOSE.search(own) is None or _COMPONENT.match(own):
        return False
    for other in siblings:
        if other.start == amount.start or other.conversion_of is not None:
            continue
        o_start, o_end = _item(text, other, lo, hi)
        if (o_start, o_end) != (start, end) and has_ai_context(text[o_start:o_end]):
            return True
    return False
