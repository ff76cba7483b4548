"""Whether lines of an extracted text stood among links on the page (furniture) or in plain text."""

from __future__ import annotations

from collections.abc import Callable
from statistics import median

from lxml import etree
from lxml.html import HtmlElement

__all__ = ["LINKED_SHARE", "LinkZone"]

# A run of short lines whose elements and boxes hold at least this share of their text in
# links (the median line's) stood among links (a box of teasers, a tag list, a menu); below it they are
# plain text (a programme, a price list, a spec sheet). Measured on fundus dev, CWCE and AEB
# (rc20, docs/quality.md).
LINKED_SHARE = 0.2
# A line's container is its nearest ancestor holding this many times its text (plus _MARGIN
# characters): a box around a heading, not the heading alone.
_SPAN = 3
_MARGIN = 60
_KEY = 24  # a longer line is looked up by its first _KEY characters (inline markup splits it)
_MIN_PIECE = 8
_LINES = 12  # at most this many lines of a run are looked up
_SKIP = {"script", "style", "noscript", "template", "head", "title"}


def _flat(text: str) -> str:
    return " ".join(text.split())


class LinkZone:
    """Look up the link share around lines of a text in a page's tree (parsed when first asked)."""

    def __init__(self, load: Callable[[], HtmlElement | None]) -> None:
        """Keep the loader; the tree is parsed and its text nodes listed on the first question."""
        self._load = load
        self._nodes: list[tuple[str, HtmlElement]] | None = None
        self._shares: dict[str, float | None] = {}

    def _text_nodes(self) -> list[tuple[str, HtmlElement]]:
        """Return (text, owner) of every text node outside scripts, in document order."""
        if self._nodes is None:
            tree = self._load()
            nodes: list[tuple[str, HtmlElement]] = []
            if tree is not None:
                for el in tree.iter(etree.Element):
                    if el.tag in _SKIP:
                        continue
                    parent = el.getparent()
                    if el.text and el.text.strip():
                        nodes.append((_flat(el.text), el))
                    if el.tail and el.tail.strip() and parent is not None:
                        nodes.append((_flat(el.tail), parent))
            self._nodes = nodes
        return self._nodes

    def share(self, line: str) -> float | None:
        """Return the share of link text in the container of a line (None: not found)."""
        flat = _flat(line)
        if flat in self._shares:
            return self._shares[flat]
        key = flat[:_KEY]
        nodes = self._text_nodes()
        owner = next((el for text, el in nodes if key in text), None)
        if owner is None:
            piece = min(_MIN_PIECE, len(flat))
            owner = next((el for text, el in nodes if len(text) >= piece and text in flat), None)
        found = None if owner is None else _container_share(owner, len(flat))
        self._shares[flat] = found
        return found

    def linked(self, lines: list[str]) -> bool:
        """Return True unless the lines are found on the page and stood in plain text."""
        # The median line decides: a run's one link (a web address in a price list) or a word
        # first found in a menu does not make a plain list furniture.
        shares = sorted(s for s in map(self.share, lines[:_LINES]) if s is not None)
        return not shares or median(shares) >= LINKED_SHARE


def _container_share(owner: HtmlElement, chars: int) -> float:
    """Return the highest link share from a line's element up to the box around it."""
    # The box is the nearest ancestor holding _SPAN times the line's text: a line that is a
    # link, or a heading over a list of links, scores high on the way; a line of plain text
    # inside the story's own block scores low all the way up.
    el: HtmlElement | None = owner
    best = 0.0
    while el is not None:
        text = _flat(el.text_content())
        links = sum(
            len(_flat(a.text_content()))
            for a in el.iter("a")
            if not any(up.tag == "a" for up in a.iterancestors())
        )
        best = max(best, links / len(text) if text else 0.0)
        if len(text) >= _SPAN * chars + _MARGIN:
            break
        el = el.getparent()
    return best
