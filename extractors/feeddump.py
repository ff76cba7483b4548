"""Feed-dump wrappers: a feed entry's content saved as a Python or JSON repr, decoded to its value.

Feed archivers that write ``entry.content`` (feedparser) straight into a file leave the post
wrapped in ``[{'type': 'text/html', 'language': None, 'base': '…', 'value': '<p>…</p>'}]``
(or the JSON form with double quotes), often behind a ``content:`` label. The wrapper is no
text of the post: each dump is replaced by its ``value`` (escapes decoded), and a dump whose
text only repeats the start of another one (the entry's summary beside its content) is dropped.
"""

from __future__ import annotations

import ast
import re
from typing import Any

from extractors.jsontext import load_json
from extractors.surrogates import mend_parsed

_START = re.compile(
    r"""(?P<label>^[ \t]*[A-Za-z_]{1,20}[ \t]*[:=][ \t]*)?"""
    r"""\[?\{\s*(?P<q>['"])type(?P=q)\s*:\s*(?P=q)(?:text/html|text/plain|application/xhtml\+xml)(?P=q)""",
    re.MULTILINE,
)
_CLOSE = re.compile(r"\}\s*\]?")
_TAG = re.compile(r"<[^>]*>|\s+")
_MAX_TRIES = 200
_PREFIX = 80


def _literal(text: str) -> Any:
    """Return the Python or JSON value a repr spells, or None."""
    try:
        return mend_parsed(text, ast.literal_eval(text))
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        pass
    try:
        return load_json(text)
    except ValueError:
        return None


def _values(found: Any) -> str | None:
    """Return the joined ``value`` fields of a decoded content entry (or list of them)."""
    entries = found if isinstance(found, list) else [found]
    values = [e.get("value") for e in entries if isinstance(e, dict)]
    if not values or not all(isinstance(v, str) for v in values):
        return None
    return "\n\n".join(v for v in values if isinstance(v, str))


def _dumps(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, value) of each decodable feed dump in a text."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    while (start := _START.search(text, pos)) is not None:
        body = start.start() + len(start.group("label") or "")
        decoded = None
        for tries, close in enumerate(_CLOSE.finditer(text, start.end())):
            if tries >= _MAX_TRIES:
                break
            decoded = _values(_literal(text[body : close.end()].strip()))
            if decoded is not None:
                out.append((start.start(), close.end(), decoded))
                break
        pos = out[-1][1] if decoded is not None else start.end()
    return out


def _plain(value: str) -> str:
    """Return a value's text without tags or whitespace (to compare dumps)."""
    return _TAG.sub("", value)


def unwrap_feed_dumps(text: str) -> str:
    """Return a text with each feed-dump wrapper replaced by the content it holds."""
    # literal look-ups first: the pattern scan costs about half a millisecond on a large page
    if ("'type'" not in text and '"type"' not in text) or "value" not in text:
        return text
    dumps = _dumps(text)
    if not dumps:
        return text
    plains = [_plain(value) for _, _, value in dumps]
    parts: list[str] = []
    last = 0
    for i, (start, end, value) in enumerate(dumps):
        head = plains[i][:_PREFIX]
        longer = any(len(p) > len(plains[i]) and p.startswith(head) for p in plains)
        parts.append(text[last:start])
        parts.append("" if longer else value)
        last = end
    parts.append(text[last:])
    return "".join(parts)
