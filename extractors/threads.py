"""Discussion pages (forum threads, Q&A): detect them and read the text of every post."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

# schema.org types that make a page a discussion (a Comment alone does not: news sites mark
# up their reader comments with it).
_THREAD_TYPE = re.compile(
    r"DiscussionForumPosting|QAPage|\"Question\"|schema\.org/Question\b", re.IGNORECASE
)
# Searched in the raw markup first (a substring test: a regular expression over a 1 MB page
# costs milliseconds).
_THREAD_NAMES = ("ForumPosting", "QAPage", "Question")
_POST_TYPES = ("discussionforumposting", "question", "answer", "comment", "socialmediaposting")
_ITEMTYPED = etree.XPath("//*[@itemtype]")
_CONTAINER_TAGS = ("div", "article", "section", "li", "tr", "table", "td")
_DIGIT = re.compile(r"\d")
_JSONLD = etree.XPath('//script[@type="application/ld+json"]')
# A date or time as forums print them: 2026-01-13, 13/01/2026, Jan 13, 2026, 7:45 pm,
# 3 hours ago, 2026年1月13日.
_DATE = re.compile(
    r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? (?:19|20)\d{2}\b"
    r"|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (?:19|20)\d{2}\b"
    r"|\b\d{1,2}:\d{2}\b|\b\d+\s*(?:minutes?|hours?|days?|weeks?|months?|years?) ago\b"
    r"|\d+\s*(?:分钟|小时|天)前",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
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
        "form",
        "input",
        "select",
        "textarea",
        "nav",
        "aside",
        "svg",
    ]
)
_META_CLASS = re.compile(
    r"vote|user-?info|author|signature|postprofile|profile|avatar|meta|likes?\b|share|footer",
    re.IGNORECASE,
)
_MIN_POSTS = 2
_MIN_POST_CHARS = 40
_BODY_SHARE = 0.6
_HEAD_CHARS = 400
_KEY_CHARS = 20
_KEY_LINES = 3


@dataclass(frozen=True, slots=True)
class Thread:
    """The posts of a discussion page, each as its paragraphs, and how it was recognised."""

    posts: list[list[str]]
    by_schema: bool


def read_thread(tree: lxml_html.HtmlElement, markup: str) -> Thread | None:
    """Return the posts of a discussion page in page order, or None for other pages."""
    # Read-only: the tree is handed to trafilatura afterwards. The markup is only searched
    # for the schema type names, so pages without them skip the schema walk.
    posts = _schema_posts(tree) if any(name in markup for name in _THREAD_NAMES) else None
    if posts is not None:
        return Thread(posts, by_schema=True)
    posts = _repeated_posts(tree)
    return Thread(posts, by_schema=False) if posts is not None else None


def is_thread_of(thread: Thread, body: str) -> bool:
    """Return True when the extracted body is one of the thread's posts (usually the first)."""
    # Under a news article the repeated containers are reader comments (or an FAQ box) and
    # the body is the article, in none of them; on a thread page the body trafilatura picks
    # is a post itself (the opening one, or the longest reply). One of the body's first
    # substantial lines must be in a post.
    posts = [" ".join(" ".join(post).split()) for post in thread.posts]
    lines = [" ".join(line.split()) for line in body.split("\n")]
    keys = [line[:40] for line in lines if len(line) >= _KEY_CHARS][:_KEY_LINES]
    return any(key in post for key in keys for post in posts)


def thread_paragraphs(thread: Thread) -> list[str]:
    """Return the paragraphs of all posts in order."""
    return [para for post in thread.posts for para in post]


def _schema_posts(tree: lxml_html.HtmlElement) -> list[list[str]] | None:
    typed = _ITEMTYPED(tree)
    declared = any(_THREAD_TYPE.search(str(el.get("itemtype"))) for el in typed) or any(
        el.text and _THREAD_TYPE.search(el.text) for el in _JSONLD(tree)
    )
    if not declared:
        return None
    containers = [el for el in typed if str(el.get("itemtype")).lower().endswith(_POST_TYPES)]
    posts: list[list[str]] = []
    for container in containers:
        for body in container.iterfind('.//*[@itemprop="text"]'):
            # The text of this post, not of a post nested in it.
            owner = next((a for a in body.iterancestors() if a.get("itemtype")), None)
            if owner is container:
                paras = render_paragraphs(body)
                if paras and paras not in posts:
                    posts.append(paras)
                break
    return posts if len(posts) >= _MIN_POSTS else None


def _repeated_posts(tree: lxml_html.HtmlElement) -> list[list[str]] | None:
    """Return the posts of the largest run of numbered sibling containers that carry dates."""
    # Forum engines number their posts in the id (p30101, post_2, answer-4420, msg123):
    # siblings of one tag whose ids differ only in digits are candidate posts.
    groups: dict[tuple[object, str, str], list[lxml_html.HtmlElement]] = defaultdict(list)
    for el in tree.iter(*_CONTAINER_TAGS):
        ident = el.get("id")
        if ident and _DIGIT.search(ident):
            groups[(el.getparent(), el.tag, _DIGITS.sub("", ident))].append(el)
    best: list[list[str]] = []
    for members in groups.values():
        if len(members) < _MIN_POSTS:
            continue
        posts: list[list[str]] = []
        for member in members:
            post = _post_of(member)
            if post and post not in posts:
                posts.append(post)
        if len(posts) >= _MIN_POSTS and _chars(posts) > _chars(best):
            best = posts
    return best or None


def _chars(posts: list[list[str]]) -> int:
    return sum(len(para) for post in posts for para in post)


def _post_of(container: lxml_html.HtmlElement) -> list[str]:
    """Return the paragraphs of a post container that carries a date, else []."""
    head = " ".join(container.text_content().split())[:_HEAD_CHARS]
    if container.find(".//time") is None and not _DATE.search(head):
        return []
    body = _main_block(container)
    paras = render_paragraphs(body)
    if sum(len(p) for p in paras) < _MIN_POST_CHARS:
        return []
    return paras


def _own_text(el: lxml_html.HtmlElement) -> int:
    """Return the characters of text outside links and metadata boxes."""
    total = len(" ".join(el.text_content().split()))
    for sub in el.iterdescendants("a", etree.Element):
        if sub.tag == "a" or _META_CLASS.search(sub.get("class") or ""):
            total -= len(" ".join(sub.text_content().split()))
    return total


def _main_block(container: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """Return the deepest element holding most of a container's own text (the post body)."""
    total = _own_text(container)
    node = container
    while True:
        children = [c for c in node if isinstance(c.tag, str) and c.tag not in _SKIP]
        big = [c for c in children if _own_text(c) >= _BODY_SHARE * total]
        if len(big) != 1 or big[0].tag in ("p", "pre"):
            return node
        node = big[0]


def render_paragraphs(el: lxml_html.HtmlElement) -> list[str]:
    """Return the text of an element as paragraphs (blocks and <br> break lines)."""
    parts: list[str] = []

    def walk(node: lxml_html.HtmlElement) -> None:
        if not isinstance(node.tag, str) or node.tag in _SKIP:
            return
        if _META_CLASS.search(node.get("class") or "") and node is not el:
            return
        block = node.tag in _BLOCK
        if block:
            parts.append("\n")
        if node.tag == "pre":
            parts.append(node.text_content().strip("\n") + "\n")
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(el)
    lines: list[str] = []
    for raw in "".join(parts).split("\n"):
        line = " ".join(raw.split())
        if line:
            lines.append(line)
    return lines
