"""The run of same-class containers a fast text opens: a thread's posts or a listing's entries."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from extractors.posts import titled_entries

__all__ = [
    "KEY_CHARS",
    "KEY_SKIP",
    "PARA_CHARS",
    "Run",
    "first_line",
    "holds_posts",
    "key_line",
    "post_run",
]

# A line or paragraph counts from this many characters.
PARA_CHARS = 30
# A container's key line: KEY_CHARS of its longest text from the KEY_SKIP-th character (past a
# drop cap or a dateline that trafilatura may reshape).
KEY_SKIP = 10
KEY_CHARS = 30
# A fast text that one of _POSTS or more same-class containers holds (itself at most
# _POST_SPAN times as long, all of them together at least that) is a thread's first post.
_POSTS = 3
_POST_SPAN = 2
# A full pass replaces such a fast text only when it holds HELD_POSTS posts of the run.
HELD_POSTS = 2


@dataclass(frozen=True)
class Run:
    """The key lines of a run of same-class containers, and whether it is a listing."""

    keys: list[str]
    listing: bool  # each member holds a heading: a listing's entries, not a thread's posts


def post_run(tree: lxml_html.HtmlElement, text: str) -> Run:
    """Return the run of same-class containers text is one of (a key line of each), if any."""
    # A body finder takes the first element of its class: on a thread page whose posts carry
    # a post-body class that is the opening post alone. Such a container begins with the
    # text's first line and holds little more than the text; _POSTS or more twins (one tag
    # and class) hold as much again. Each post's key is a piece of its longest text node.
    start = first_line(text)
    if len(start) < PARA_CHARS:
        return Run([], False)
    start, size = start[:PARA_CHARS], len(" ".join(text.split()))
    groups: dict[tuple[str, str], list[lxml_html.HtmlElement]] = {}
    found: list[tuple[str, str]] = []
    for el in tree.iter(etree.Element):
        cls = el.get("class")
        if not cls:
            continue
        key = (str(el.tag), cls)
        groups.setdefault(key, []).append(el)
        if key in found:
            continue
        flat = " ".join(el.text_content().split())
        if flat.startswith(start) and len(flat) <= _POST_SPAN * size:
            found.append(key)
    for key in found:
        members = groups[key]
        chars = sum(len(" ".join(el.text_content().split())) for el in members)
        if len(members) >= _POSTS and chars >= _POST_SPAN * size:
            return Run([k for k in map(key_line, members) if k], titled_entries(members))
    return Run([], False)


def key_line(post: lxml_html.HtmlElement) -> str:
    """Return a piece of a post's longest text node (KEY_CHARS from KEY_SKIP), or ''."""
    longest = max((" ".join(t.split()) for t in post.itertext()), key=len, default="")
    return longest[KEY_SKIP : KEY_SKIP + KEY_CHARS] if len(longest) >= PARA_CHARS else ""


def holds_posts(again: str, keys: list[str], least: int = HELD_POSTS) -> bool:
    """Return True when a text holds the key lines of `least` or more posts of a run."""
    flat = " ".join(again.split())
    return sum(1 for key in keys if key in flat) >= least


def first_line(text: str) -> str:
    """Return text's first non-blank line with spaces collapsed."""
    return " ".join(next((ln for ln in text.split("\n") if ln.strip()), "").split())
