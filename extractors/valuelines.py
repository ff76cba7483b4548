"""Value lines: a one-line label a source prints on post after post with a new link or number.

A newsletter closes every issue with "Permalink for this issue: <this issue's address>", a
blog opens its release posts with "Download the latest version here: <address>", an archive
heads its copies with "First published in <month> <year>". The cross-page learner
(extractors/boilerplate.py) keys lines by their words, and the changing value makes every copy
new, so none recurs. Here such a line is keyed by its words without its values: addresses and
digit runs are masked. The learner counts that key over a source's distinct stories like its
other keys (extractors/boilerkeys.py: at an edge of two stories, anywhere on MIN_PAGES).

Only a label line is keyed: one line, one address at most (a line with several is a record of
a list's item: an aggregator's "Article URL: … Comments URL: …"), no sentence end (a sentence with a new figure each month,
"RuyiSDK 0.35 ships today.", is the story's own news), no list item (a list's facts recur with
new dates), and enough words around the value that a bare caption or counter ("Figure 3",
"第 3 期") never makes a key every such line of a source shares.
"""

from __future__ import annotations

import re

from extractors.bodyblocks import SENTENCE_END
from extractors.cues import LIST_ITEM
from extractors.language import cjk_weight

__all__ = ["VALUE_CHARS", "value_rest"]

# As long as an edge line (boilerkeys.EDGE_CHARS), counted without the addresses it holds.
VALUE_CHARS = 120
# What is left without the values: two words' worth at least (boilerkeys.MIN_KEY is one; CJK
# characters count twice, one is about a word).
VALUE_MIN_REST = 12
# An address ends at a space or at CJK text or full-width punctuation run on after it
# ("…/post/评论网址：https://…" in a translated dump holds two addresses).
_URL = re.compile(
    r"(?:https?://|www\.)[^\s\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]+", re.IGNORECASE
)
_DIGITS = re.compile(r"\d+")
_NOT_ALNUM = re.compile(r"[\W_]+")


def value_rest(para: str) -> str | None:
    """Return the key of a one-line label with a link or number (its words, values masked)."""
    line = para.strip()
    if (
        not line
        or "\n" in line
        or (len(line) > VALUE_CHARS and "://" not in line and "www." not in line)
    ):
        return None  # several lines, or too long to be a label without an address
    if LIST_ITEM.match(line):
        return None
    words, links = _URL.subn(" ", line)
    if links > 1:
        return None  # several addresses: a record's fields ("Article URL: … Comments URL: …")
    if not links and not _DIGITS.search(line):
        return None  # no value: the line's own words are its key (the other tiers)
    if len(words) > VALUE_CHARS or SENTENCE_END.search(words):
        return None
    rest = _NOT_ALNUM.sub("", _DIGITS.sub(" ", words).lower())
    return rest if cjk_weight(rest) >= VALUE_MIN_REST else None
