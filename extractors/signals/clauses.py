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
# A clause that only says who reports or expects what the next one states belongs to it: a
# source or speaker before a colon, "据/根据/according to …", or a clause ending in a verb of
# saying, showing or expecting ("数据显示，…", "分析师预计，…", "…, a research firm said").
_COLON = re.compile(r"[：:]")
_ATTRIBUTION_START = re.compile(r"\s*(?:据|根据|according to\b|per\b)", re.IGNORECASE)
_ATTRIBUTION_END = re.compile(
    r"(?:表示|称|指出|显示|预计|预测|预期|估计|测算|认为|透露|统计|报道|"
    r"\b(?:said|says|say|expects?|expected|estimates?|estimated|forecasts?|predicts?|predicted|"
    r"shows?|showed|reported|reports|noted|wrote))[\s.。!！]*$",
    re.IGNORECASE,
)


def _is_attribution(text: str, lo: int, hi: int) -> bool:
    """Return whether text[lo:hi] is a clause that attributes the clause beside it."""
    return bool(_ATTRIBUTION_START.match(text, lo, hi) or _ATTRIBUTION_END.search(text, lo, hi))


def clause_span(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """Return the clause of text[lo:hi] that holds text[start:end] (an amount): from the last
    boundary before it to the first boundary after it, with a clause beside it that only
    attributes it (a source, a speaker, a forecaster) joined to it."""
    cuts = [(m.start(), m.end()) for m in _BOUNDARY.finditer(text, lo, start)]
    left = cuts[-1][1] if cuts else lo
    if cuts:
        prev_lo = cuts[-2][1] if len(cuts) > 1 else lo
        cut = cuts[-1]
        if _COLON.fullmatch(text, *cut) or _is_attribution(text, prev_lo, cut[0]):
            left = prev_lo
    found = _BOUNDARY.search(text, end, hi)
    right = found.start() if found is not None else hi
    if found is not None:
        after = _BOUNDARY.search(text, found.end(), hi)
        next_hi = after.start() if after is not None else hi
        if _is_attribution(text, found.end(), next_hi):
            right = next_hi
    return left, max(right, end)
