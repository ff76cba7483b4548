"""Dated edge lines: a byline or stamp that differs from post to post only in its date.

A source's posts open or close with a line such as "Posted by <author> at <date> <time>" or
"Published <weekday>, <date>". The cross-page learner (extractors/boilerplate.py) keys lines by
their words, and the date makes every copy of the line new, so none ever recurs. Here the line
is keyed by what stands around its dates: dates, weekdays and clock times are masked out. The
learner counts that key over a source's distinct stories like its other edge keys.
"""

from __future__ import annotations

import re
from datetime import UTC

from extractors.dates import STAMP_WORDS, iterate_dates
from extractors.language import cjk_weight

STAMP_CHARS = 120
# What is left of a stamp line without its dates: at least this many letters (CJK count twice),
# so a bare date or "on" alone never makes a key that every dated line of a source shares.
STAMP_MIN_REST = 5
# A sentence has words of its own around its date ("The vote is set for 3 May 2011."); a stamp
# line's other words are a label and a name. A line ending in a sentence mark is no stamp line.
_SENTENCE_END = re.compile(r"(?<![ap]\.m)[.!?。！？][\"'”’»)]*\s*$", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[\W_]+")


def stamp_rest(para: str) -> str | None:
    """Return the key of a one-line stamp (its words without dates or clock times), else None."""
    line = para.strip()
    if not line or len(line) > STAMP_CHARS or "\n" in line or _SENTENCE_END.search(line):
        return None
    dates = list(iterate_dates(line, UTC))
    if not dates:
        return None
    pos, parts = 0, []
    for found in dates:
        if found.start >= pos:
            parts.append(line[pos : found.start])
            pos = max(found.end, found.start)
    parts.append(line[pos:])
    rest = _NOT_ALNUM.sub("", STAMP_WORDS.sub(" ", " ".join(parts)).lower())
    return rest if cjk_weight(rest) >= STAMP_MIN_REST else None
