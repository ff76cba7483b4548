"""Whether lines of an extracted text stood among links on the page, or in the story's own flow."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from statistics import median

from lxml import etree
from lxml.html import HtmlElement

from extractors.chromeline import is_labelled_address
from extractors.formats import host_of
from extractors.threads import SIGNATURE_CLASS

__all__ = ["LINKED_SHARE", "POST_LINKS", "LinkZone", "link_share"]

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
# A line stands in the story's own flow when its paragraph (<p>, holding no link) is a child of a
# block that holds at least _FLOW_PROSE other paragraphs of prose (_PROSE_CHARS characters or more
# each) and is not a box of links (its link share below LINKED_SHARE): the article's text block,
# not a sign-up box, an aside or a teaser list, which wrap their lines in their own elements.
_FLOW_PROSE = 2
_PROSE_CHARS = 100
_WHOLE = 8  # characters a paragraph's text may differ from the extracted line (spacing, marks)
_INLINE = {"a", "b", "strong", "em", "i", "span", "u", "small", "mark", "font", "sup", "sub"}
# A web address alone on its line (no label) that a member cites inside a post is text (fa28):
# the nearest classed container around it is one of _POSTS or more sharing its tag and class
# (a thread's post bodies: an opening post and a reply at least) and holds more of its own words
# than links (under POST_LINKS of its text is link text: a post, not an item of a box of
# links); a signature box (threads.SIGNATURE_CLASS) on the way up is no post.
_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$")
_OWN_LINKS = 3
_POST_TAGS = ("div", "article", "section", "li", "td", "blockquote")
_POSTS = 2
POST_LINKS = 0.5


def _flat(text: str) -> str:
    return " ".join(text.split())


class LinkZone:
    """Look up the link share around lines of a text in a page's tree (parsed when first asked)."""

    def __init__(self, load: Callable[[], HtmlElement | None], url: str | None = None) -> None:
        """Keep the loader; the tree is parsed and its text nodes listed on the first question."""
        # url: the page's own address, when known; its host is the page's own site.
        self._load = load
        self._url = url
        self._own: frozenset[str] | None = None
        self._nodes: list[tuple[str, HtmlElement]] | None = None
        self._shares: dict[str, float | None] = {}
        self._flows: dict[str, bool] = {}
        self._classes: dict[tuple[str, str], int] | None = None
        self._post_shares: dict[HtmlElement, float] = {}

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

    def _owner(self, flat: str) -> HtmlElement | None:
        """Return the element whose text node holds a (flattened) line, or None."""
        key = flat[:_KEY]
        nodes = self._text_nodes()
        owner = next((el for text, el in nodes if key in text), None)
        if owner is None:
            piece = min(_MIN_PIECE, len(flat))
            owner = next((el for text, el in nodes if len(text) >= piece and text in flat), None)
        return owner

    def share(self, line: str) -> float | None:
        """Return the share of link text in the container of a line (None: not found)."""
        flat = _flat(line)
        if flat in self._shares:
            return self._shares[flat]
        owner = self._owner(flat)
        found = None if owner is None else _container_share(owner, len(flat))
        self._shares[flat] = found
        return found

    def in_flow(self, line: str) -> bool:
        """Return True when a line is a paragraph of the story's flow, or an address in a post."""
        flat = _flat(line)
        if flat not in self._flows:
            # A text node that is the whole line first: lines sharing an opening (addresses of
            # one site) would otherwise all find the first of them.
            exact = next((el for text, el in self._text_nodes() if text == flat), None)
            owner = exact if exact is not None else self._owner(flat)
            self._flows[flat] = owner is not None and (
                _in_flow(owner, flat, self._own_hosts)
                or (_ADDRESS.match(flat) is not None and self._in_post(owner))
            )
        return self._flows[flat]

    def _own_hosts(self, el: HtmlElement) -> frozenset[str]:
        """Return the page's own site: its address's host and the host most of its links go to."""
        # A page links to its own site far more than to any other (menus, archives, tags); an
        # engine's labelled address (a trackback, a permalink) points there, a citation away.
        # A host linked fewer than _OWN_LINKS times (the citation itself and one more) is no
        # evidence: a page whose menus link relatively names no site of its own that way.
        if self._own is None:
            hosts = Counter(
                host
                for a in el.getroottree().getroot().iter("a")
                if (host := _host(a.get("href") or ""))
            )
            own = {host for host, count in hosts.most_common(1) if count >= _OWN_LINKS}
            if self._url and (host := _host(self._url)):
                own.add(host)
            self._own = frozenset(own)
        return self._own

    def _in_post(self, owner: HtmlElement) -> bool:
        """Return True when an element stands in a post body of a run of same-class containers."""
        if self._classes is None:
            counts: dict[tuple[str, str], int] = {}
            root = owner.getroottree().getroot()
            for el in root.iter(*_POST_TAGS):
                cls = el.get("class")
                if cls:
                    counts[(el.tag, cls)] = counts.get((el.tag, cls), 0) + 1
            self._classes = counts
        for el in owner.iterancestors():
            cls = el.get("class")
            if cls and SIGNATURE_CLASS.search(cls):
                return False
            if cls and el.tag in _POST_TAGS:
                if self._classes.get((el.tag, cls), 0) < _POSTS:
                    return False
                if el not in self._post_shares:  # many lines share one container
                    self._post_shares[el] = link_share(el)
                return self._post_shares[el] < POST_LINKS
        return False

    def linked(self, lines: list[str], start: int = 0) -> bool:
        """Return True unless the lines from start are found on the page and stood in plain text."""
        # The median line decides: a run's one link (a web address in a price list) or a word
        # first found in a menu does not make a plain list furniture.
        shares = sorted(s for s in map(self.share, lines[start : start + _LINES]) if s is not None)
        return not shares or median(shares) >= LINKED_SHARE


def _in_flow(
    owner: HtmlElement, flat: str, own_hosts: Callable[[HtmlElement], frozenset[str]]
) -> bool:
    """Return True when the paragraph holding a line stands among the story's prose paragraphs."""
    block: HtmlElement | None = owner
    while block is not None and block.tag in _INLINE:
        block = block.getparent()
    if block is None or block.tag not in ("p", "li"):
        return False  # a cell, a box's own line
    links = list(block.iter("a"))
    if is_labelled_address(flat):
        # A labelled address ("Source: https://…") is a citation when its link shows its own
        # address and leaves the page's own site; an engine's own ("Trackback: http://…",
        # a permalink) points to the site, and an unlinked one shows no such evidence.
        site = own_hosts(block)
        if not links or not all(_cites(a, site) for a in links):
            return False
    elif any(not _shows_address(a, block) for a in links):
        return False  # a line that links elsewhere points away from the story ("click here")
    own = len(_flat(block.text_content()))
    if abs(own - len(flat)) > max(_WHOLE, len(flat) // 10):
        return False  # the line is part of a longer paragraph, or holds more than one
    if block.tag == "li":  # an item of a list the story sets among its paragraphs
        block = block.getparent()
        if block is None or block.tag not in ("ul", "ol") or link_share(block) >= LINKED_SHARE:
            return False
    parent = block.getparent()
    if parent is None:
        return False
    prose = sum(
        1
        for el in parent
        if el is not block and el.tag == "p" and len(_flat(el.text_content())) >= _PROSE_CHARS
    )
    return prose >= _FLOW_PROSE and link_share(parent) < LINKED_SHARE


def _shows_address(a: HtmlElement, block: HtmlElement) -> bool:
    """Return True when a link is the whole paragraph and its text is its own address."""
    # The author cites a source by its address; "click here" hides where it points.
    text = _flat(a.text_content())
    if not text or text != _flat(block.text_content()):
        return False
    href = (a.get("href") or "").strip()
    return _bare(href) == _bare(text) != ""


def _cites(a: HtmlElement, own: frozenset[str]) -> bool:
    """Return True when a link's text is its own address and it leaves the page's own site."""
    text = _flat(a.text_content())
    href = (a.get("href") or "").strip()
    host = _host(href)
    return bool(host) and host not in own and _bare(href) == _bare(text) != ""


def _host(href: str) -> str:
    """Return the host of an absolute web address without "www." ('' for any other link)."""
    href = href.strip()
    if not href.lower().startswith(("http://", "https://", "//")):
        return ""
    return host_of(href) or ""


def _bare(address: str) -> str:
    """Return an address without its scheme, "www." and trailing slash."""
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", address.lower()).rstrip("/")


def link_share(el: HtmlElement) -> float:
    """Return the share of an element's text that is link text."""
    text = _flat(el.text_content())
    links = sum(
        len(_flat(a.text_content()))
        for a in el.iter("a")
        if not any(up.tag == "a" for up in a.iterancestors())
    )
    return links / len(text) if text else 0.0


def _container_share(owner: HtmlElement, chars: int) -> float:
    """Return the highest link share from a line's element up to the box around it."""
    # The box is the nearest ancestor holding _SPAN times the line's text: a line that is a
    # link, or a heading over a list of links, scores high on the way; a line of plain text
    # inside the story's own block scores low all the way up.
    el: HtmlElement | None = owner
    best = 0.0
    while el is not None:
        best = max(best, link_share(el))
        if len(_flat(el.text_content())) >= _SPAN * chars + _MARGIN:
            break
        el = el.getparent()
    return best
