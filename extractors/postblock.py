"""Where a post's text sits in its container: its main block, the group's shared place, signatures."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from lxml import html as lxml_html

from extractors.postrender import is_meta_class, skipped

__all__ = ["drop_signatures", "main_block", "one_template", "shared_bodies"]

_DIGITS = re.compile(r"\d+")
# A word of a reply written loose in its post's element (not a separator, not a number).
_WORD = re.compile(r"[^\W\d_]{2,}")
_BODY_SHARE = 0.6
_CARD_CHARS = 150
# A place in the posts' containers is shared by this many posts at least.
_SHARED = 2
# A signature: at most this many closing lines, this many characters at least, closing
# _SHARED posts.
_SIGNATURE_LINES = 4
_SIGNATURE_CHARS = 20
# A line that opens a signature: "--" alone, or a rule of eight underscores or more.
_DELIMITER = re.compile(r"^\s*(?:--|_{8,})\s*$")


def _own_sizes(
    container: lxml_html.HtmlElement, nested: frozenset[lxml_html.HtmlElement]
) -> dict[lxml_html.HtmlElement, int]:
    """Return each element's non-blank characters outside links, metadata and nested posts."""
    sizes: dict[lxml_html.HtmlElement, int] = {}
    # Without recursion (threads nest deeply): elements are expanded top-down, their own
    # part (text and children's tails) counted then; an element expanded later is never an
    # ancestor of one expanded earlier, so summing in reverse order has every child ready.
    expanded: list[tuple[lxml_html.HtmlElement, list[lxml_html.HtmlElement], int]] = []
    todo = [container]
    while todo:
        node = todo.pop()
        text = node.text or ""
        kids: list[lxml_html.HtmlElement] = []
        for child in node:
            tail = child.tail
            if tail:
                text += tail
            if isinstance(child.tag, str) and _counted(child, nested):
                kids.append(child)
        own = _blank_free(text)
        if kids:
            expanded.append((node, kids, own))
            todo.extend(kids)
        else:
            sizes[node] = own
    for node, kids, own in reversed(expanded):
        sizes[node] = own + sum(map(sizes.__getitem__, kids))
    return sizes


def _counted(node: lxml_html.HtmlElement, nested: frozenset[lxml_html.HtmlElement]) -> bool:
    """Return True when an element's text counts towards its post's own text."""
    if node.tag == "a" or node in nested or skipped(node, links=False):
        return False
    cls = node.get("class")
    return not (cls and is_meta_class(cls))


def _writes_loose(node: lxml_html.HtmlElement) -> bool:
    """Return True when an element's own text or its children's tails hold a word."""
    return any(text and _WORD.search(text) for text in (node.text, *(c.tail for c in node)))


def _blank_free(text: str | None) -> int:
    if not text:
        return 0
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t") - text.count("\r")


def main_block(
    container: lxml_html.HtmlElement, nested: frozenset[lxml_html.HtmlElement]
) -> lxml_html.HtmlElement:
    """Return the deepest element holding most of a container's own text (the post body)."""
    sizes = _own_sizes(container, nested)
    total = sizes[container]
    node = container
    while True:
        big = [c for c in node if sizes.get(c, 0) >= max(1, _BODY_SHARE * total)]
        if len(big) != 1 or big[0].tag in ("p", "pre"):
            return node
        # What the step leaves out must be a byline or card, not paragraphs of the post
        # (a quote or code box holding most of a reply), nor text standing loose in this
        # element: a reply written below a quote (cards and bylines sit in elements of
        # their own).
        if sizes.get(node, 0) - sizes[big[0]] > _CARD_CHARS or _writes_loose(node):
            return node
        node = big[0]


def drop_signatures(posts: list[list[str]]) -> list[list[str]]:
    """Return the posts without the closing lines that end other posts too (signatures)."""
    # A member's signature closes each of its posts; a reply's own last line seldom closes
    # another post word for word, and a post is never emptied (a bare "Thanks!" stays).
    ends: Counter[tuple[str, ...]] = Counter()
    for post in posts:
        for k in range(1, min(_SIGNATURE_LINES, len(post) - 1) + 1):
            ends[tuple(post[-k:])] += 1
    out: list[list[str]] = []
    for post in posts:
        cut = 0
        for k in range(1, min(_SIGNATURE_LINES, len(post) - 1) + 1):
            end = tuple(post[-k:])
            if ends[end] >= _SHARED and sum(map(len, end)) >= _SIGNATURE_CHARS:
                cut = k
        cut = max(cut, _delimited(post))
        out.append(post[:-cut] if cut else post)
    return out


def _delimited(post: list[str]) -> int:
    """Return how many closing lines follow a signature delimiter line ("-- ", "_____"), or 0."""
    # Mail and forum engines open a signature with a line of its own: "-- " (RFC 3676) or a
    # rule of underscores (phpBB's "_________________"). The delimiter and the few short
    # lines after it are the signature, even in a member's only post of the thread.
    for k in range(min(_SIGNATURE_LINES + 1, len(post) - 1), 0, -1):
        if _DELIMITER.match(post[-k]):
            return k
    return 0


def shared_bodies(
    posts: list[list[str]],
    bodies: list[tuple[lxml_html.HtmlElement, lxml_html.HtmlElement]],
    nested: frozenset[lxml_html.HtmlElement],
    read: Callable[[lxml_html.HtmlElement], list[str]],
) -> list[list[str]]:
    """Return the posts, each read from where the group's posts hold most of their text."""
    # One engine renders every post alike: where the text of the group's posts mostly sits
    # in their containers (below the user card, above the footer), a short reply's text
    # sits too, though its card then holds more text than it and the main block stops above
    # both. The place is weighed by the text found there, and must hold several posts.
    weight: Counter[tuple[tuple[str, str], ...]] = Counter()
    count: Counter[tuple[tuple[str, str], ...]] = Counter()
    for post, (member, body) in zip(posts, bodies, strict=True):
        if body is not member:
            path = _path(member, body)
            weight[path] += sum(map(len, post))
            count[path] += 1
    shared = [path for path, _ in weight.most_common() if count[path] >= _SHARED][:1]
    if not shared:
        return posts
    path = shared[0]
    out: list[list[str]] = []
    for post, (member, body) in zip(posts, bodies, strict=True):
        own = _path(member, body)
        if own != path:
            # Below the body when the body holds the place (its card beside a short reply),
            # else from the container (the card itself held most of the text).
            above = len(own) < len(path) and path[: len(own)] == own
            start, steps = (body, path[len(own) :]) if above else (member, path)
            deeper = _card_below(member, start, steps, nested)
            if deeper is not None:
                post = read(deeper) or post
        out.append(post)
    return out


def _card_below(
    container: lxml_html.HtmlElement,
    body: lxml_html.HtmlElement,
    steps: tuple[tuple[str, str], ...],
    nested: frozenset[lxml_html.HtmlElement],
) -> lxml_html.HtmlElement | None:
    """Return the element down these steps when what each step leaves out is a card."""
    # The guards of _main_block's steps: what is left out is short (a card, a byline), no
    # words stand loose in the element left (a reply below a quote), and the text is not
    # narrowed into a quote.
    sizes = _own_sizes(container, nested)
    node = body
    for step in steps:
        match = [child for child in node if isinstance(child.tag, str) and _step(child) == step]
        if len(match) != 1 or _writes_loose(node):
            return None
        child = match[0]
        if sizes.get(node, 0) - sizes.get(child, 0) > _CARD_CHARS or _quotes(child):
            return None
        node = child
    return node if sizes.get(node, 0) else None


def _quotes(el: lxml_html.HtmlElement) -> bool:
    return el.tag == "blockquote" or "quote" in str(el.get("class") or "").lower()


def _step(el: lxml_html.HtmlElement) -> tuple[str, str]:
    return str(el.tag), str(el.get("class") or "")


def _path(
    container: lxml_html.HtmlElement, body: lxml_html.HtmlElement
) -> tuple[tuple[str, str], ...]:
    """Return the tags and classes from a container (exclusive) down to its body."""
    steps: list[tuple[str, str]] = []
    node = body
    while node is not None and node is not container:
        steps.append(_step(node))
        node = node.getparent()
    return tuple(reversed(steps))


def one_template(bodies: list[tuple[lxml_html.HtmlElement, lxml_html.HtmlElement]]) -> bool:
    """Return True when every container holds the same text besides its body, digits aside."""
    # Replies carry their authors' names and cards; one author's entries do not differ
    # but in their dates and counters.
    rest = set()
    for member, body in bodies:
        around = member.text_content().replace(body.text_content(), " ", 1)
        rest.add(_DIGITS.sub("#", " ".join(around.split())))
        if len(rest) > 1:
            return False
    return True
