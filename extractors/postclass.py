"""A thread's posts as a run of same-class bodies, when the body pass kept one of them."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from extractors.htmlbody import WRAPPER_SHARE
from extractors.linkzone import POST_LINKS, link_share
from extractors.postblock import drop_signatures
from extractors.postrender import render_paragraphs
from extractors.posts import titled_entries, trim_bylines
from extractors.threads import Thread, thread_paragraphs, thread_text

__all__ = ["ClassRuns", "choose_posts", "class_runs", "run_posts"]

# Forum engines mark the opening post and the replies apart (a topic item and reply items,
# a discussion box and a list of numbered comments, a question and answers) but give every
# post's text the same body class. A body pass that keeps one post keeps one such container.
_CONTAINER_TAGS = frozenset(["div", "article", "section", "li", "td", "blockquote"])
_POSTS = 3
_MAX_MEMBERS = 300
_LANDMARKS = ("nav", "header", "footer")
_TEXT_LENGTH = etree.XPath("string-length(normalize-space(.))")
# The kept body is one member: the member begins with the body's first line and holds
# between _LEAST and _MOST times the body's characters (an article's paragraph boxes hold
# far less than the article each).
_START_CHARS = 30
_LEAST = 0.6
_MOST = 2.0
_HELD_MEMBERS = 2
# The other members must add this share of the body's characters at least.
_GAIN = 0.2


@dataclass(frozen=True, slots=True)
class ClassRuns:
    """Containers of the page grouped by tag and class, read before the body pass prunes it."""

    groups: tuple[tuple[lxml_html.HtmlElement, ...], ...]


def class_runs(tree: lxml_html.HtmlElement) -> ClassRuns:
    """Return the page's runs of _POSTS or more containers sharing one tag and class."""
    # A theme's grid class ("row") also marks boxes of its menu and footer: no post stands in
    # the page's <nav>, <header> or <footer>, so those boxes are no members of a run. One
    # holding most of the page's text wraps the page (an unclosed <header>): it marks nothing.
    marks = list(tree.iter(*_LANDMARKS))
    page = _TEXT_LENGTH(tree) if marks else 0.0
    furniture = {
        el
        for mark in marks
        if _TEXT_LENGTH(mark) < WRAPPER_SHARE * page
        for el in mark.iter(*_CONTAINER_TAGS)
    }
    found: dict[tuple[str, str], list[lxml_html.HtmlElement]] = {}
    for el in tree.iter(*_CONTAINER_TAGS):
        cls = el.get("class")
        if cls and el not in furniture:
            found.setdefault((el.tag, cls), []).append(el)
    return ClassRuns(tuple(tuple(m) for m in found.values() if _POSTS <= len(m) <= _MAX_MEMBERS))


def choose_posts(
    thread: Thread | None,
    runs: ClassRuns,
    body: str,
    heading: str | None,
    replies: bool,
    article: bool = False,
) -> tuple[str | None, str | None]:
    """Return the posts' text that replaces the body (or None) and the first post's first line."""
    posts = None if thread is None else thread_text(thread, body, heading)
    if posts is not None and thread is not None:
        return posts, next(iter(thread_paragraphs(thread)), None)
    if replies or (thread is not None and thread.article):
        # Numbered comments under a page that calls itself an article stay out.
        return None, None
    if thread is not None and thread.posts:
        # The posts found are a family apart (numbered replies, the opening box numbered
        # otherwise or not at all): the run of their body class holds the opening post too.
        run = run_posts(runs, "\n".join(thread.posts[0]))
        if run is not None and _widens(run, thread.posts, body):
            wide = Thread(run, by_schema=False, opening=" ".join(run[0]), numbered=True)
            posts = thread_text(wide, body, heading)
            if posts is not None:
                return posts, run[0][0]
    # The body is one post of a run of same-class bodies (the opening post, or the longest
    # reply, kept alone): the run is the thread, its posts marked apart or not.
    run = run_posts(runs, body, article)
    if run is None:
        return None, None
    return "\n".join(para for post in run for para in post), run[0][0]


def _widens(run: list[list[str]], posts: list[list[str]], body: str) -> bool:
    """Return True when the run is the posts found plus posts the body holds (the opening)."""
    # A run of the replies alone (a blog's comments, their nested answers) adds nothing the
    # body holds: the body is the entry the comments are under, and they stay out.
    keys = {_key(post) for post in posts if post}
    if not keys <= {_key(p) for p in run}:
        return False
    extra = [post for post in run if _key(post) not in keys]
    flat = " ".join(body.split())
    return bool(extra) and all(_key(post) in flat for post in extra)


def _key(post: list[str]) -> str:
    """Return a post's opening characters (spaces collapsed)."""
    return " ".join(" ".join(post).split())[:_START_CHARS]


def run_posts(runs: ClassRuns, body: str, article: bool = False) -> list[list[str]] | None:
    """Return the posts of the run one or two of whose members are the body, or None."""
    flat = " ".join(body.split())
    if len(flat) < _START_CHARS:
        return None
    for members in runs.groups:
        held = _held(members, flat)
        if not held or titled_entries(members):
            continue
        # A post's own header ("#4420 - member - date") and dated footer are no text of it.
        posts = [trim_bylines(render_paragraphs(m, frozenset(members))) for m in members]
        if sum(1 for p in posts if p) < _POSTS:
            continue
        added = sum(len(" ".join(p)) for i, p in enumerate(posts) if i not in held)
        if article and added < sum(len(" ".join(posts[i])) for i in held):
            # On a page that calls itself an article, blocks of the story's own class (its
            # header, a player, a sources box) outweighed by the story are no replies.
            continue
        if added >= _GAIN * len(flat) and not _link_lists(members, held):
            kept = [p for p in posts if p]
            # A list's column header ("Posts" over the post column) opens it: one word.
            while len(kept) > 1 and len(" ".join(kept[0]).split()) == 1:
                kept.pop(0)
            return drop_signatures(kept)
    return None


def _held(members: tuple[lxml_html.HtmlElement, ...], flat: str) -> set[int]:
    """Return the indices of the members that make the body (one or two, about as long)."""
    # The body opens with a member; a second one may follow it (a pass that kept the first
    # post and the reply under it). An article's paragraph boxes are many, each far shorter.
    first = next((i for i, m in enumerate(members) if _opens_with(m, flat[:_START_CHARS])), None)
    if first is None:
        return set()
    held, length = set(), 0
    for i in range(first, min(first + _HELD_MEMBERS, len(members))):
        text = " ".join(members[i].text_content().split())
        if i > first and text[:_START_CHARS] not in flat:
            break
        held.add(i)
        length += len(text)
        if _LEAST * len(flat) <= length <= _MOST * len(flat):
            return held
    return set()


def _link_lists(members: tuple[lxml_html.HtmlElement, ...], held: set[int]) -> bool:
    """Return True when the run's other members are lists of links, not posts."""
    # A theme's main column, its sidebar and its footer may share one container class: the
    # column the body pass kept is then one member of a run whose other members are mostly
    # link text (a help index, a footer's quick links). A thread's replies are prose; the
    # author's name linked over each short reply is a small share of the run's text.
    chars = links = 0.0
    for i, member in enumerate(members):
        if i not in held:
            size = len(" ".join(member.text_content().split()))
            chars += size
            links += link_share(member) * size
    return chars > 0 and links >= POST_LINKS * chars


def _opens_with(member: lxml_html.HtmlElement, start: str) -> bool:
    """Return True when a member's text begins with start (read lazily, node by node)."""
    head = (member.text or "").strip()
    if head:  # most members open with their own text: one comparison decides
        if len(head) >= len(start):
            return head.startswith(start) or " ".join(head.split()).startswith(start)
        if not start.startswith(" ".join(head.split())):
            return False
    got = ""
    for piece in member.itertext():
        if piece.isspace():  # adds nothing to the collapsed text
            continue
        got = " ".join(f"{got} {piece}".split())
        if len(got) >= len(start):
            break
        if not start.startswith(got):  # what follows only lengthens got: it cannot match
            return False
    return got.startswith(start)
