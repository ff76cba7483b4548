"""Compile many literal phrases into one fast trie-shaped regular expression."""

from __future__ import annotations

import re
from collections.abc import Iterable

_Node = dict[str, "_Node"]
_END = ""


def _render(node: _Node) -> str:
    """Return the regex for the subtree below a trie node."""
    optional = _END in node
    singles: list[str] = []
    alts: list[str] = []
    for ch in sorted(k for k in node if k != _END):
        sub = node[ch]
        if list(sub) == [_END]:
            singles.append(re.escape(ch))
        else:
            alts.append(re.escape(ch) + _render(sub))
    if singles:
        alts.append(singles[0] if len(singles) == 1 else "[" + "".join(singles) + "]")
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if optional:
        body = body + "?" if len(alts) == 1 and len(body) == 1 else "(?:" + body + ")?"
    return body


def build_trie_pattern(words: Iterable[str]) -> str:
    """Return a regex matching any of the words, preferring the longest at each position."""
    root: _Node = {}
    for word in words:
        if not word:
            continue
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _render(root) if root else r"(?!x)x"
