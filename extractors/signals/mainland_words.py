"""Mainland words for Taiwan words in an aligned Simplified text (a table from OpenCC, lengths kept)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

__all__ = ["TABLE", "mainland_words"]

# Built by benchmarks/mainland_words.py: t2s forms of OpenCC's Taiwan words and their replacement
# (the mainland word, or the word itself where the lengths differ or mainland text does not prefer
# the mainland word); longer words win, as in OpenCC.
TABLE = Path(__file__).with_name("data") / "mainland_words.tsv"


@functools.cache
def _table() -> tuple[re.Pattern[str], dict[str, str]]:
    """Return the pattern of the table's words (longest first) and their replacements."""
    pairs = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            old, new = line.split("\t")
            if len(old) == len(new):
                pairs[old] = new
    words = sorted(pairs, key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, words))), pairs


def mainland_words(simple: str) -> str:
    """Return the t2s text of a Taiwan text with mainland words (晶片 to 芯片), same length."""
    pattern, pairs = _table()
    return pattern.sub(lambda m: pairs[m.group()], simple)
