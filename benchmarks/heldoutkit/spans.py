"""Store labelled page text as offsets into the page, and give it back (benchmarks/heldout.py)."""

# A span is found verbatim first. Failing that, it is matched with whitespace ignored and HTML
# entities decoded on both sides; the page region found is stored as offsets plus the few edits
# (whitespace runs, single characters standing for an entity) that turn the page's slice into the
# labeller's exact text, so the rebuilt label equals the original. A short hash of the span checks
# that the rebuilt text is the labelled one. Offsets count code points of the decoded page.
# A span still not found is tried once more with the page's JSON string escapes decoded too
# (\" \\ \/ \b \f \n \r \t \uXXXX, a surrogate pair as one character): a JSON page holds its
# labelled string values escaped; each escape is one unit, so its edit carries one character.

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["MAX_EDIT", "Ref", "UnlocatedError", "locate", "resolve", "span_hash"]

MAX_EDIT = 12  # longest non-whitespace text an edit may carry (one entity or one character)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_JSON_ESCAPE = re.compile(
    r'\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|["\\/bfnrt])'
)


class UnlocatedError(ValueError):
    """A labelled span that is not in its page, even with whitespace and entities normalised."""


@dataclass(frozen=True)
class Ref:
    """Where a labelled span sits in its page: offsets, edits, a hash and how it was found."""

    start: int
    end: int
    edits: tuple[tuple[int, int, str], ...]
    digest: str

    @property
    def mapped(self) -> bool:
        """Tell whether the span needed the whitespace/entity mapping."""
        return bool(self.edits)

    def as_json(self) -> dict[str, Any]:
        """Return the stored form: {"at": [start, end], "h": hash[, "edits": [[i, j, s], ...]]}."""
        out: dict[str, Any] = {"at": [self.start, self.end], "h": self.digest}
        if self.edits:
            out["edits"] = [list(e) for e in self.edits]
        return out


def span_hash(span: str) -> str:
    """Return the 16-hex-digit sha256 prefix that checks a rebuilt span."""
    return hashlib.sha256(span.encode("utf-8")).hexdigest()[:16]


def _decode_at(text: str, i: int, json_escapes: bool) -> tuple[int, str]:
    """Return the end of the unit at i and its text: an entity, a JSON escape or one character."""
    if text[i] == "&" and (found := _ENTITY.match(text, i)):
        return found.end(), html.unescape(found.group())
    if json_escapes and text[i] == "\\" and (found := _JSON_ESCAPE.match(text, i)):
        decoded: str = json.loads(f'"{found.group()}"')
        return found.end(), decoded
    return i + 1, text[i]


def _units(
    text: str, json_escapes: bool = False
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """Split text into non-space units (start, end, decoded) and the whitespace gap before each."""
    units: list[tuple[int, int, str]] = []
    gaps: list[tuple[int, int]] = []
    gap_start = 0
    i = 0
    while i < len(text):
        end, decoded = _decode_at(text, i, json_escapes)
        if decoded.isspace() or not decoded:
            i = end
            continue
        gaps.append((gap_start, i))
        units.append((i, end, decoded))
        gap_start = i = end
    gaps.append((gap_start, len(text)))  # trailing whitespace after the last unit
    return units, gaps


def _flat(units: list[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """Return the decoded text without whitespace and, per character, its unit index."""
    chars: list[str] = []
    owner: list[int] = []
    for k, (_s, _e, decoded) in enumerate(units):
        for ch in decoded:
            if not ch.isspace():
                chars.append(ch)
                owner.append(k)
    return "".join(chars), owner


def _edits(
    text: str, span: str, page_units: list[tuple[int, int, str]], first: int, count: int
) -> tuple[int, int, tuple[tuple[int, int, str], ...]]:
    """Return the page region of units first..first+count-1 and the edits that give span."""
    s_units, s_gaps = _units(span)
    start = page_units[first][0]
    end = page_units[first + count - 1][1]
    edits: list[tuple[int, int, str]] = []
    for k in range(count):
        p_start, p_end, _ = page_units[first + k]
        s_start, s_end, _ = s_units[k]
        gap_from = start if k == 0 else page_units[first + k - 1][1]
        s_gap = span[s_gaps[k][0] : s_gaps[k][1]]
        if text[gap_from:p_start] != s_gap:
            edits.append((gap_from - start, p_start - start, s_gap))
        if text[p_start:p_end] != span[s_start:s_end]:
            edits.append((p_start - start, p_end - start, span[s_start:s_end]))
    tail = span[s_gaps[-1][0] : s_gaps[-1][1]]
    if tail:
        edits.append((end - start, end - start, tail))
    return start, end, tuple(edits)


def locate(text: str, span: str) -> Ref:
    """Return where span is in text: verbatim, else modulo whitespace, entities, JSON escapes."""
    if not span:
        raise UnlocatedError("empty span")
    at = text.find(span)
    if at >= 0:
        return Ref(at, at + len(span), (), span_hash(span))
    try:
        return _locate_mapped(text, span, json_escapes=False)
    except UnlocatedError:
        return _locate_mapped(text, span, json_escapes=True)


def _locate_mapped(text: str, span: str, json_escapes: bool) -> Ref:
    """Return where span is in text modulo whitespace and entities (and the page's JSON escapes)."""
    page_units, _ = _units(text, json_escapes)
    s_units, _ = _units(span)
    page_flat, owner = _flat(page_units)
    s_flat, s_owner = _flat(s_units)
    if not s_flat or len(s_units) != len(s_owner) or len(page_units) != len(owner):
        raise UnlocatedError("span or page has entities standing for several characters")
    at = page_flat.find(s_flat)
    while at >= 0:
        first = owner[at]
        start, end, edits = _edits(text, span, page_units, first, len(s_units))
        ref = Ref(start, end, edits, span_hash(span))
        if resolve(text, ref.as_json()) == span:
            for _i, _j, piece in edits:
                if len(piece.strip()) > MAX_EDIT:
                    raise UnlocatedError(f"an edit would carry text ({len(piece)} characters)")
            return ref
        at = page_flat.find(s_flat, at + 1)
    raise UnlocatedError(
        "not in the page, even with whitespace, HTML entities and JSON escapes normalised"
    )


def resolve(text: str, stored: dict[str, Any]) -> str:
    """Return the labelled span a stored reference gives on the decoded page text."""
    start, end = stored["at"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
        raise ValueError(f"offsets {start}..{end} outside the page ({len(text)} characters)")
    piece = text[start:end]
    for i, j, repl in sorted(stored.get("edits", []), reverse=True):
        piece = piece[:i] + repl + piece[j:]
    if span_hash(piece) != stored["h"]:
        raise ValueError(f"offsets {start}..{end} no longer give the labelled text (hash differs)")
    return piece
