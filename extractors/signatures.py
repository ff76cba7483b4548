"""API signatures: short code lines whose type names are links, unlinked before extraction."""

from __future__ import annotations

import re
from collections import Counter

from lxml import html as lxml_html
from lxml.etree import XPath, strip_tags

# An API reference prints a member's signature as one short block whose type names link to
# their own pages ("public Widget fetch(String key) throws FetchError"): trafilatura drops
# such a block as link-dense, as it drops a menu. A block whose text holds a call or a
# declaration's parameter list ("name(…)"), whose links are each one ASCII identifier (no
# blank) and which holds at least _PLAIN_SHARE of its text outside links is a signature: its
# links are unwrapped (text kept). Menus and breadcrumbs ("Home --> News") have words in
# their links or no parameter list (chromeline's wider code marks took breadcrumb arrows).
_BLOCKS = frozenset({"div", "dt", "dd", "p", "li", "td", "h3", "h4", "code"})
_MAX_LINKS = 6
_MAX_CHARS = 200
_PLAIN_SHARE = 1 / 3
_IDENTIFIER = re.compile(r"^[A-Za-z_$][\w.$#<>\[\],?]*$", re.ASCII)
_PARAMETERS = re.compile(r"[A-Za-z_]\w*\s?\(.*\)", re.ASCII)
_ONE_WORD_LINKS = XPath("//a[not(contains(normalize-space(.), ' '))]")
_BLOCK_UP = 4  # how many ancestors of a link are looked at for its block


def _block_of(link: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """Return the nearest block element within _BLOCK_UP ancestors of a link, else None."""
    for depth, above in enumerate(link.iterancestors()):
        if depth >= _BLOCK_UP:
            return None
        if above.tag in _BLOCKS:
            return above
    return None


def _identifier_names(block: lxml_html.HtmlElement) -> list[str] | None:
    """Return the names of a block's links, or None at the first that is no identifier."""
    names = []
    for link in block.iter("a"):
        name = " ".join(link.text_content().split())
        if name and _IDENTIFIER.match(name) is None:
            return None
        names.append(name)
    return names


def unlink_signatures(tree: lxml_html.HtmlElement) -> int:
    """Unwrap the links of code-signature blocks in place; return how many blocks changed."""
    blocks: Counter[lxml_html.HtmlElement] = Counter()
    # A link named by words ("Read more") rules its block out (checked again per block below),
    # so only links whose text holds no blank look for their block (libxml2 picks them).
    for link in _ONE_WORD_LINKS(tree):
        block = _block_of(link)
        if block is not None:
            blocks[block] += 1
    changed = 0
    for block, links in blocks.items():
        if links > _MAX_LINKS:
            continue
        # A signature holds a parameter list: a block without "(" fails _PARAMETERS below,
        # and that test (one C call for the block's text) is cheaper than reading every link.
        raw = block.text_content()
        if "(" not in raw:
            continue
        names = _identifier_names(block)
        if names is None:
            continue
        text = " ".join(raw.split())
        if len(text) > _MAX_CHARS or _PARAMETERS.search(text) is None:
            continue
        if len(text) - sum(len(name) for name in names) < _PLAIN_SHARE * len(text):
            continue
        strip_tags(block, "a")
        # A div becomes a paragraph: inside a list item trafilatura joins an item's divs
        # without a blank ("…throws StoreErrorFetch one record…"), its paragraphs with one.
        if block.tag == "div":
            block.tag = "p"
        changed += 1
    return changed
