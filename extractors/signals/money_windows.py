"""Where money can be: merged clause windows around scale and currency characters and words."""

from __future__ import annotations

import re

from extractors.signals.trie import build_trie_pattern

# The word list stays packed as written (the formatter would triple its length).
# fmt: off
_ANCHOR_WORDS = (
    "trillion", "billion", "million", "thousand", "bn", "tn", "mn", "usd", "cny", "rmb", "jpy",
    "eur", "gbp", "hkd", "twd", "krw", "mop", "dollar", "yuan", "renminbi", "yen", "euro", "pound", "won",
    "crore", "lakh", "rupee", "inr", "rs",
)
# Two scans that the regex engine can skip through fast (a bare character class; literal words):
# scale and currency characters (金 counts after 美 only), and English scale and currency words.
# A tiny scale (5m, 3bn) needs a prefix currency, which is itself an anchor.
_ANCHOR_CHARS = re.compile("[万萬亿億兆元圆円镑鎊币幣$€£¥￥₩₹金罗羅比]")
_ANCHOR_WORD = re.compile(
    build_trie_pattern({v for w in _ANCHOR_WORDS for v in (w, w.capitalize(), w.upper())})
)
_ANCHOR_SURFACES = frozenset(v for w in _ANCHOR_WORDS for v in (w, w.capitalize(), w.upper()))
_ANCHOR_WORD_LOWER = re.compile(build_trie_pattern(set(_ANCHOR_WORDS)))


def _anchor_word_starts(text: str) -> list[int]:
    """Return where _ANCHOR_WORD matches (finditer), found faster on the lower-cased text: the
    same matches whenever every lower-case hit is one of the three case forms in the text (any
    other hit, or a lower-casing that changes the length, falls back to the original scan)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        hits = [(m.start(), m.end()) for m in _ANCHOR_WORD_LOWER.finditer(lowered)]
        if all(text[s:e] in _ANCHOR_SURFACES for s, e in hits):
            return [s for s, _ in hits]
    return [m.start() for m in _ANCHOR_WORD.finditer(text)]


_NUMBERISH = re.compile(r"[\d.,零〇一二两兩三四五六七八九十百千万萬亿億兆]*")


def find_windows(text: str) -> list[tuple[int, int]]:
    """Return merged clause windows around money anchors, so the big regex runs on little text."""
    spans: list[tuple[int, int]] = []
    anchors = [
        m.start() for m in _ANCHOR_CHARS.finditer(text)
        if text[m.start()] != "金" or text[m.start() - 1 : m.start()] == "美"
    ]
    anchors += _anchor_word_starts(text)
    anchors.sort()
    for pos in anchors:
        # Every anchor gets its 32 characters after it, also one inside an earlier window: a
        # window closed by an earlier anchor ("the dollar fell; it spent $44.1 billion on …")
        # would cut the scale word after the number, and the scale would be lost.
        hi = min(len(text), pos + 32)
        if spans and pos < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(hi, spans[-1][1]))
            continue
        lo = max(0, pos - 48)
        if lo > 0:
            lo = min(_NUMBERISH.match(text, lo).end(), pos)  # type: ignore[union-attr]
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(hi, spans[-1][1]))
        else:
            spans.append((lo, hi))
    return spans
