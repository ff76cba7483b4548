"""Lines of the page's preformatted blocks: a mail message's body, a docs page's code listings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

__all__ = [
    "Listing",
    "fold_spaces",
    "listing_indices",
    "page_listing",
    "pre_texts",
    "preformatted_texts",
    "restore_verbatim",
    "verbatim_lines",
]

# The block holds at least this share of the body's characters (whitespace folded): the body
# is the message, not an article that quotes a listing.
_SHARE = 0.8
# Blocks shorter than this are code samples or notes, never a whole message.
_MIN_CHARS = 200


def fold_spaces(text: str) -> str:
    """Return text with its whitespace runs folded to single spaces."""
    return " ".join(text.split())


def pre_texts(tree: HtmlElement) -> list[str]:
    """Return the text of each <pre> block of the page (read before the body pass prunes it)."""
    return [_block_text(pre) for pre in tree.iter("pre")]


def _block_text(pre: HtmlElement) -> str:
    """Return a <pre> block's text with each <br> in it a line break, as a browser shows it."""
    # Highlighters that wrap every code line in a span end it with <br> instead of a newline
    # (Hexo's default one): text_content() would glue the block into one line.
    if next(pre.iter("br"), None) is None:
        return str(pre.text_content())
    parts: list[str] = []
    for event, el in etree.iterwalk(pre, events=("start", "end")):
        if event == "start":
            parts.append(
                "\n" if el.tag == "br" else (el.text or "") if isinstance(el.tag, str) else ""
            )
        elif el is not pre:
            parts.append(el.tail or "")
    return "".join(parts)


def preformatted_texts(pres: list[str]) -> list[str]:
    """Return the folded texts of the page's <pre> blocks long enough to be a message body."""
    found = (fold_spaces(text) for text in pres)
    return [text for text in found if len(text) >= _MIN_CHARS]


@dataclass(frozen=True, slots=True)
class Listing:
    """The page's <pre> blocks as folded lines: of blocks of two lines or more, and whole one-liners."""

    lines: frozenset[str] = frozenset()
    single: frozenset[str] = frozenset()

    def holds(self, line: str) -> bool:
        """Return True when line (folded) is a line of one of the blocks."""
        folded = fold_spaces(line)
        return folded in self.lines or folded in self.single


def page_listing(pres: list[str]) -> Listing:
    """Return the lines of the page's <pre> blocks (their texts, from pre_texts)."""
    lines: set[str] = set()
    single: set[str] = set()
    for text in pres:
        found = [folded for folded in map(fold_spaces, text.split("\n")) if folded]
        (lines if len(found) > 1 else single).update(found)
    return Listing(frozenset(lines), frozenset(single))


def listing_indices(paras: list[str], listing: Listing) -> frozenset[int]:
    """Return the indices of the paragraphs that are lines of the page's code listings."""
    # A paragraph is a listing's line when it is a whole one-line block, or a line of a longer
    # block standing next to another such line: a lone line equal to one line of a listing
    # ("}", "Next") may be the page's own text that the listing happens to hold as well.
    if not listing.lines and not listing.single:
        return frozenset()
    folded = [fold_spaces(p) for p in paras]
    multi = [f in listing.lines for f in folded]
    return frozenset(
        i
        for i, f in enumerate(folded)
        if f in listing.single
        or (multi[i] and ((i > 0 and multi[i - 1]) or (i + 1 < len(multi) and multi[i + 1])))
    )


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
