"""A post's text as paragraphs: blocks and line breaks split it, menus and actions do not."""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

__all__ = ["is_meta_class", "render_paragraphs", "skipped"]

_INPUTS = etree.XPath(".//textarea | .//input[@type='text' or @type='search' or @type='email']")
_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
        "br",
        "hr",
    ]
)
_SKIP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "button",
        "input",
        "select",
        "textarea",
        "nav",
        "aside",
        "svg",
    ]
)
# Class names of a post's metadata boxes, as whole words of the class ("post-vote",
# "user-info"; not "unvoted", the state class of a whole post on some engines).
_META_CLASS = re.compile(
    r"(?<![a-z])(?:votes?|voting|user-?info|author|signature|postprofile|profile|avatar"
    r"|meta|metadata|likes?|share|footer)(?![a-z])",
    re.IGNORECASE,
)
# A lower-case letter followed by a capital: a word boundary inside a camelCase class name
# ("messageUserInfo" is "message User Info").
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_ACTION_WORDS = 2
# An action bar is a list of at least this many such links.
_MIN_ACTIONS = 2
# Blocks that hold a post's action link of their own ("reply" under every comment).
_ACTION_BLOCKS = frozenset(["div", "p"])
# A link labelled with an address or file name (a list of references) is not an action.
_ADDRESS = re.compile(r"/|\w\.\w")


def is_meta_class(cls: str) -> bool:
    """Return True when a class value names a post's metadata box (camelCase words count too)."""
    return _META_CLASS.search(_CAMEL.sub("-", cls)) is not None


def skipped(node: lxml_html.HtmlElement, links: bool = True) -> bool:
    """Return True for elements that are never post text (scripts, menus, input forms).

    Blocks of one action link ("reply") are skipped too unless `links` is False (sizing a
    post's parts, where a two-word link weighs nothing).
    """
    # A form holding text fields is a reply or search box; some engines wrap the post text
    # itself in a form (for in-place editing), which stays.
    tag = node.tag
    if tag in _SKIP or (tag == "form" and bool(_INPUTS(node))):
        return True
    if tag in ("ul", "ol"):
        return _action_list(node)
    return links and tag in _ACTION_BLOCKS and _action_link(node)


def _action_link(node: lxml_html.HtmlElement) -> bool:
    """Return True for a block that is one link of one or two words ("reply", "permalink")."""
    words: list[str] = []
    for text in node.itertext():
        words.extend(text.split())
        if len(words) > _ACTION_WORDS:
            return False
    links = node.findall(".//a")
    return (
        len(links) == 1
        and bool(words)
        and words == links[0].text_content().split()
        and not any(_ADDRESS.search(word) for word in words)
    )


def _action_list(node: lxml_html.HtmlElement) -> bool:
    """Return True for a list of one- or two-word links (permalink, share, reply, save)."""
    items = [li for li in node if isinstance(li.tag, str)]
    if len(items) < _MIN_ACTIONS:
        return False
    for li in items:
        links = li.findall(".//a")
        words = li.text_content().split()
        if (
            len(links) != 1
            or len(words) > _ACTION_WORDS
            or words != links[0].text_content().split()
            or any(_ADDRESS.search(word) for word in words)
        ):
            return False
    return True


def _listing_text(node: lxml_html.HtmlElement) -> str:
    """Return a <pre> block's text with its <br> elements as line ends (text_content drops them)."""
    pieces: list[str] = [node.text or ""] if isinstance(node.tag, str) else []
    for child in node:
        pieces.append("\n" if child.tag == "br" else _listing_text(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def render_paragraphs(
    el: lxml_html.HtmlElement, skip: frozenset[lxml_html.HtmlElement] = frozenset()
) -> list[str]:
    """Return the text of an element as paragraphs (blocks and <br> break lines)."""
    parts: list[str] = []

    def walk(node: lxml_html.HtmlElement) -> None:
        if not isinstance(node.tag, str) or skipped(node) or (node in skip and node is not el):
            return
        cls = node.get("class")
        if cls and node is not el and is_meta_class(cls):
            return
        tag = node.tag
        block = tag in _BLOCK
        if block:
            parts.append("\n")
        if tag == "pre":
            parts.append(_listing_text(node).strip("\n") + "\n")
            return
        # Line ends inside text are spaces in HTML; only blocks and <br> break lines (other
        # white space is collapsed when the lines are split below).
        if node.text:
            parts.append(node.text.replace("\n", " "))
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail.replace("\n", " "))
        if block:
            parts.append("\n")

    walk(el)
    lines: list[str] = []
    for raw in "".join(parts).split("\n"):
        line = " ".join(raw.split())
        if line:
            lines.append(line)
    return lines
