"""A body that is one preformatted block (a mail archive's message) keeps every line of it."""

from __future__ import annotations

from collections import Counter

from lxml.html import HtmlElement

__all__ = ["fold_spaces", "preformatted_texts", "restore_verbatim", "verbatim_lines"]

# The block holds at least this share of the body's characters (whitespace folded): the body
# is the message, not an article that quotes a listing.
_SHARE = 0.8
# Blocks shorter than this are code samples or notes, never a whole message.
_MIN_CHARS = 200


def fold_spaces(text: str) -> str:
    """Return text with its whitespace runs folded to single spaces."""
    return " ".join(text.split())


def preformatted_texts(tree: HtmlElement) -> list[str]:
    """Return the folded text of each <pre> block of the page (read before the body pass)."""
    found = (fold_spaces(pre.text_content()) for pre in tree.iter("pre"))
    return [text for text in found if len(text) >= _MIN_CHARS]


def verbatim_lines(blocks: list[str], paras: list[str]) -> frozenset[str]:
    """Return the body lines that come from the one <pre> block making up the body, if any."""
    if not blocks or not paras:
        return frozenset()
    body = fold_spaces("\n".join(paras))
    block = max(blocks, key=len)
    if len(block) < _SHARE * len(body) or block[:40] not in body:
        return frozenset()
    return frozenset(p for p in paras if fold_spaces(p) in block)


def restore_verbatim(paras: list[str], kept: list[str], verbatim: frozenset[str]) -> list[str]:
    """Return kept with the block's lines the cleaning passes dropped put back, in page order."""
    if not verbatim:
        return kept
    left = Counter(kept)
    if any(left[p] > n for p, n in Counter(paras).items() if p in left) or set(left) - set(paras):
        return kept  # a pass rewrote a line: page order cannot be rebuilt, keep the cleaned text
    out: list[str] = []
    for para in paras:
        if left[para] > 0:
            left[para] -= 1
            out.append(para)
        elif para in verbatim:
            out.append(para)
    return out
