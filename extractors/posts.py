"""The posts of a discussion page: schema.org posts or numbered, dated containers, as paragraphs."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import partial

from lxml import etree
from lxml import html as lxml_html

from extractors.postblock import main_block, one_template, shared_bodies
from extractors.postrender import render_paragraphs

__all__ = [
    "member_boxes",
    "render_paragraphs",
    "repeated_posts",
    "schema_posts",
    "titled_entries",
    "trim_bylines",
]

# schema.org types that make a page a discussion (a Comment alone does not: news sites mark
# up their reader comments with it).
_THREAD_TYPE = re.compile(
    r"DiscussionForumPosting|QAPage|\"Question\"|schema\.org/Question\b", re.IGNORECASE
)
_POST_TYPES = ("discussionforumposting", "question", "answer", "comment", "socialmediaposting")
_ITEMTYPED = etree.XPath("//*[@itemtype]")
# Elements with an id, and anchors named for a post (<a name="post4420">).
_NUMBERED = etree.XPath("//*[@id] | //a[@name]")
_CONTAINER_TAGS = ("div", "article", "section", "li", "tr", "table", "td")
_DIGIT = re.compile(r"\d")
_JSONLD = etree.XPath('//script[@type="application/ld+json"]')
# A date or time as forums print them: 2026-01-13, 13/01/2026, Jan 13, 2026, 7:45 pm, 7:45pm,
# 3 hours ago, 2026年1月13日.
_DATE = re.compile(
    r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? (?:19|20)\d{2}\b"
    r"|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (?:19|20)\d{2}\b"
    r"|\b\d{1,2}:\d{2}(?:[ap]m)?\b|\b\d+\s*[a-z]{1,7}\.? ago\b"
    r"|\d+\s*(?:分钟|小时|天)前",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_KEY_PART = 5
_ID_SEP = re.compile(r"[-_:.]")
# Elements whose class or id names a time stamp (time-ago, postdate, comment_timestamp).
_STAMP_NAME = re.compile(r"time|date", re.IGNORECASE)
_MIN_POSTS = 2
# Containers found around numbered anchors are a weaker sign: a page's layout rows repeat
# too (a news page's four layout rows around numbered links), so this many substantial
# posts are needed.
_LOOSE_POSTS = 5
_MIN_POST_CHARS = 40
_LINK_SHARE = 0.5  # a post whose lines are mostly links' texts is navigation
_LINK_ITEMS = 3  # ... when several lines are (a link post's title, a citation is one)
_HEAD_CHARS = 400
_BYLINE_CHARS = 80
# A byline: at most this many lines of at most _NAME_WORDS words each before its date.
_BYLINE_LINES = 3
_NAME_WORDS = 3
_PUNCT = re.compile(r"[,.;:!?]")
# A line opening with a label of one or two words ("Posted: …", "Location: …"): a field of a
# post's header or user card (the header's last field may be empty, "Post subject:"), not a
# quote's opening ("… said:").
_LABELLED = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+)?\s?[:：]\s")
# Share of a line's characters in dates and times that makes it a stamp.
_STAMP_SHARE = 1 / 3
# Where a post container shows its date: above or in its text, or only in its footer.
_HEAD = 1
_FOOT = 2

# Entries of a listing (a blog's page of stories) each carry a heading or a title-classed
# element: a run where more than one member's own box holds one is no thread.
_HEADINGS = etree.XPath(
    ".//h1 | .//h2 | .//h3 | .//*[contains(translate(@class, 'TITLE', 'title'), 'title')]"
)


def schema_posts(tree: lxml_html.HtmlElement) -> list[list[str]] | None:
    """Return the posts of a page marked up as a schema.org discussion, or None."""
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


def _id_key(ident: str) -> str | None:
    """Return an id with its numbering masked (post-4420 -> post-#), or None if unnumbered."""
    # Forum engines number their posts in the id (p30101, post_2, answer-4420, t1_ehq47gs):
    # digit runs are the number, and so is a whole part that looks like a base-36 key
    # (five characters or more mixing letters and digits), or the last part of an id
    # numbered elsewhere (t1_ymxurk). Layout ids (bd1l, bd1r) keep their letters.
    if not _DIGIT.search(ident):  # no part can be numbered (most layout ids)
        return None
    parts = _ID_SEP.split(ident)
    masked = [
        "#" if len(part) >= _KEY_PART and _DIGIT.search(part) else _DIGITS.sub("#", part)
        for part in parts
    ]
    if len(parts) > 1:
        masked[-1] = "#"
    return "-".join(masked)


def repeated_posts(
    tree: lxml_html.HtmlElement, loose: bool = True
) -> tuple[list[list[str]], lxml_html.HtmlElement, bool] | None:
    """Return the posts of the largest run of numbered containers that carry dates.

    Also the first post's container, and whether the containers were numbered themselves
    (False: found around numbered anchors, weaker evidence, only looked for when `loose`).
    """
    # Containers of one tag whose ids differ only in their numbering are candidate posts,
    # wherever they sit: threaded replies are nested in their parent post (or indented
    # siblings), so a post's own text excludes the posts nested in it.
    containers: dict[tuple[str, str], list[lxml_html.HtmlElement]] = defaultdict(list)
    anchors: dict[tuple[str, str], list[lxml_html.HtmlElement]] = defaultdict(list)
    for el in _NUMBERED(tree):
        key = _id_key(str(el.get("id") or el.get("name")))
        if key is not None:
            (containers if el.tag in _CONTAINER_TAGS else anchors)[(str(el.tag), key)].append(el)
    found = _best_group(containers.values(), _MIN_POSTS)
    if found is not None or not loose:
        return None if found is None else (*found, True)
    # No numbered container: engines that number only an anchor or a vote link in each post
    # (<a name="post4420">, <a id="up_4420">) have the post around it, the largest
    # ancestor holding no other anchor of the run.
    # Anchors of several runs (a vote link and a score per post) lift to the same posts,
    # which are read once.
    # Anchors that their own post links to (a permalink "…?p=4420#4420" beside
    # <a name="4420">) are a post's numbering as much as a numbered container is: a run of
    # them counts from _MIN_POSTS and as numbered.
    lifted: dict[tuple[int, ...], list[lxml_html.HtmlElement]] = {}
    linked: dict[tuple[int, ...], list[lxml_html.HtmlElement]] = {}
    for members in anchors.values():
        if len(members) >= _MIN_POSTS:
            group = _lift(members)
            if len(group) == len(members) and all(map(_links_to_self, members, group)):
                linked.setdefault(tuple(map(id, group)), group)
            elif len(members) >= _LOOSE_POSTS:
                lifted.setdefault(tuple(map(id, group)), group)
    found = _best_group(linked.values(), _MIN_POSTS)
    if found is not None:
        return (*found, True)
    found = _best_group(lifted.values(), _LOOSE_POSTS)
    return None if found is None else (*found, False)


def _links_to_self(anchor: lxml_html.HtmlElement, post: lxml_html.HtmlElement) -> bool:
    """Return True when the post holds a link to the anchor's own fragment (a permalink)."""
    name = str(anchor.get("name") or anchor.get("id"))
    return any(
        str(a.get("href")).endswith("#" + name)
        for a in post.iterdescendants("a")
        if a is not anchor
    )


def member_boxes(members: Sequence[lxml_html.HtmlElement]) -> list[lxml_html.HtmlElement]:
    """Return, for each member, its largest ancestor that holds no other member (in order)."""
    held: dict[lxml_html.HtmlElement, int] = defaultdict(int)
    for member in members:
        for above in member.iterancestors():
            held[above] += 1
    boxes: list[lxml_html.HtmlElement] = []
    for member in members:
        box = member
        for above in member.iterancestors():
            if held[above] > 1:
                break
            box = above
        boxes.append(box)
    return boxes


def _lift(members: list[lxml_html.HtmlElement]) -> list[lxml_html.HtmlElement]:
    """Return, for each anchor, its largest ancestor that holds no other anchor (in order)."""
    posts: list[lxml_html.HtmlElement] = []
    for member, post in zip(members, member_boxes(members), strict=True):
        if post is not member and post not in posts:
            posts.append(post)
    return posts


def _best_group(
    candidates: Iterable[list[lxml_html.HtmlElement]], least: int
) -> tuple[list[list[str]], lxml_html.HtmlElement] | None:
    """Return the posts and first container of the group that reads as the thread."""
    best: list[list[str]] = []
    best_first: lxml_html.HtmlElement | None = None
    best_bodies: list[tuple[lxml_html.HtmlElement, lxml_html.HtmlElement]] = []
    best_nested: frozenset[lxml_html.HtmlElement] = frozenset()
    # The group with the most posts wins (then the most text): wrappers of reply lists
    # are numbered too, and hold more text than any one post but fewer posts. Groups with
    # fewer members than the best thread's posts cannot win and are not read.
    for members in sorted(candidates, key=len, reverse=True):
        if len(members) < max(least, len(best)):
            break
        nested = frozenset(members)
        posts: list[list[str]] = []
        seen: set[tuple[str, ...]] = set()
        first = None
        # A group is a thread when enough of its posts are substantial; its short replies
        # ("Yarp.", "+1") are posts too. A group that can no longer reach that, or can no
        # longer have as many posts as the best group (a member adds one post at most), is
        # left: it cannot win.
        full = 0
        bodies: list[tuple[lxml_html.HtmlElement, lxml_html.HtmlElement]] = []
        footed: list[bool] = []
        for i, member in enumerate(members):
            left = len(members) - i
            if full + left < least or len(posts) + left < len(best):
                break
            stamp = _stamp(member)
            body = main_block(member, nested) if stamp else None
            post = [] if body is None else _read_body(body, nested)
            if body is not None and post and _links_box(body, nested, post):
                continue
            if body is not None and post and (key := tuple(post)) not in seen:
                seen.add(key)
                posts.append(post)
                bodies.append((member, body))
                footed.append(stamp == _FOOT)
                full += _chars([post]) >= _MIN_POST_CHARS
        if any(footed) and one_template(bodies):
            # Entries of one template dated in their footers (a blog's page of stories,
            # "posted by <the author> @ <date>, N comments") are no replies: only the
            # entries dated above their text are read, as for any list of dated boxes.
            kept = [k for k, foot in enumerate(footed) if not foot]
            posts, bodies = [posts[k] for k in kept], [bodies[k] for k in kept]
            full = sum(_chars([post]) >= _MIN_POST_CHARS for post in posts)
        first = bodies[0][0] if bodies else None
        if full >= least and (len(posts), _chars(posts)) > (len(best), _chars(best)):
            best, best_first, best_bodies, best_nested = posts, first, bodies, nested
    if best_first is None:
        return None
    read = partial(_read_body, nested=best_nested)
    return shared_bodies(best, best_bodies, best_nested, read), best_first


def _read_body(body: lxml_html.HtmlElement, nested: frozenset[lxml_html.HtmlElement]) -> list[str]:
    """Return a post body's paragraphs without its byline."""
    return trim_bylines(render_paragraphs(body, nested))


def _links_box(
    body: lxml_html.HtmlElement, nested: frozenset[lxml_html.HtmlElement], post: list[str]
) -> bool:
    """Return True when a post is a list of links (an archive, a list of stories)."""
    # Page layouts number their boxes as forums number posts (a blog's header, entry and
    # archive widgets): a post whose lines are mostly each a link's text, over several
    # lines, is navigation, no member's post. The post is read without its action bars and
    # byline: a link post's title (one line) or a reply citing a link stays.
    lines = [
        plain for para in post for line in para.split("\n") if (plain := " ".join(line.split()))
    ]
    if len(lines) < _LINK_ITEMS:
        return False
    texts: set[str] = set()
    stack = [body]
    while stack:
        node = stack.pop()
        if node.tag == "a" and (text := " ".join(node.text_content().split())):
            texts.add(text)
        stack.extend(c for c in node if isinstance(c.tag, str) and c not in nested)
    by_length = sorted(texts, key=len, reverse=True)
    linked = [line for line in lines if _link_line(line, by_length)]
    return len(linked) >= _LINK_ITEMS and sum(map(len, linked)) > _LINK_SHARE * sum(map(len, lines))


def _link_line(line: str, texts: list[str]) -> bool:
    """Return True when a link's text (texts longest first) makes over half of a line."""
    for text in texts:
        if 2 * len(text) <= len(line):
            return False
        if text in line:
            return True
    return False


def _chars(posts: list[list[str]]) -> int:
    return sum(len(para) for post in posts for para in post)


def _head_text(container: lxml_html.HtmlElement) -> str:
    """Return the opening _HEAD_CHARS of a container's text, its pieces apart (tags split)."""
    # Pieces are joined by a space: minified markup has no blank between a stamp and the
    # text that follows it ("Jan 1, 2020</span><p>The..."). Only the head is read.
    pieces: list[str] = []
    size = 0
    for text in container.itertext():
        pieces.append(text)
        size += len(text.strip())
        if size >= _HEAD_CHARS:
            break
    return " ".join(" ".join(pieces).split())[:_HEAD_CHARS]


def _foot_text(container: lxml_html.HtmlElement) -> str:
    """Return the closing _HEAD_CHARS of a container's text, its pieces apart."""
    pieces: list[str] = []
    size = 0
    for text in reversed(list(container.itertext())):
        pieces.append(text)
        size += len(text.strip())
        if size >= _HEAD_CHARS:
            break
    return " ".join(" ".join(reversed(pieces)).split())[-_HEAD_CHARS:]


def _dated(text: str) -> bool:
    """Return True when text holds a date or time (_DATE); every form of one holds a digit."""
    # The digit test (one C scan) settles most texts: the date pattern's seven branches are
    # tried at every character otherwise (a post head of 400 characters: ~10 microseconds).
    return _DIGIT.search(text) is not None and _DATE.search(text) is not None


def _stamp(container: lxml_html.HtmlElement) -> int:
    """Return where a container shows a date: _HEAD (text, <time>, stamp element), _FOOT, 0."""
    if _dated(_head_text(container)):
        return _HEAD
    # One walk for a <time> and a stamp-named element (either one is a head stamp).
    for el in container.iterdescendants(etree.Element):
        cls, ident = el.get("class"), el.get("id")
        if el.tag == "time" or (cls and _STAMP_NAME.search(cls)):
            return _HEAD
        if ident and _STAMP_NAME.search(ident):
            return _HEAD
    # Table forums print a post's header (author, date) in the row above the post's own cell
    # ("<tr><td>Re: … by X: 12:15pm On Apr 24<tr><td id=pb4420>text"): the header heads it.
    if container.tag == "td" and _dated(_row_above(container)):
        return _HEAD
    # Engines print a post's stamp in a footer below its text, too (read only then).
    return _FOOT if _dated(_foot_text(container)) else 0


def _row_above(cell: lxml_html.HtmlElement) -> str:
    """Return the opening text of the table row above a cell's row ("" when none)."""
    row = cell.getparent()
    above = row.getprevious() if row is not None and row.tag == "tr" else None
    return _head_text(above) if above is not None and above.tag == "tr" else ""


def trim_bylines(paras: list[str]) -> list[str]:
    """Drop a post's opening and closing lines that are short and dated (bylines, footers)."""
    start, end = _byline_run(paras), len(paras)
    while end > start and len(paras[end - 1]) <= _BYLINE_CHARS and _dated(paras[end - 1]):
        end -= 1
    return paras[start:end]


def _byline_run(paras: list[str]) -> int:
    """Return how many opening lines are a byline: names of a few words, then dated lines."""
    # "level 2", "[deleted]", "· 4 yr. ago"; "Anonymous", "updated 2014-09-09 13:50". Lines
    # before the first dated one must be name-like (a short sentence holding a time is not).
    cut = 0
    for i, para in enumerate(paras):
        if len(para) > _BYLINE_CHARS:
            break
        dated = _dated(para)
        if dated and para.rstrip().endswith(":") and not _LABELLED.match(para):
            # "On 5/8/2024 at 2:56 AM, someone said:" opens a quote, not a byline.
            break
        if dated and (cut or not i or _is_stamp(para)):
            cut = i + 1
        elif cut or dated or i >= _BYLINE_LINES or not (_is_name(para) or _LABELLED.match(para)):
            break
    return cut


def _is_name(para: str) -> bool:
    """Return True for a line that reads as a name or label (a few words, no punctuation)."""
    return len(para.split()) <= _NAME_WORDS and not _PUNCT.search(para)


def _is_stamp(para: str) -> bool:
    """Return True for a line that is mostly a date or time (not a sentence holding one)."""
    return sum(len(m) for m in _DATE.findall(para)) >= _STAMP_SHARE * len(para)


def titled_entries(members: Sequence[lxml_html.HtmlElement]) -> bool:
    """Return True when more than one member's own box holds a heading (a listing's entries)."""
    # A member's box is its largest ancestor holding no other member (a post's item, a blog
    # entry with its title); the run's wrapper (with its "Replies" heading) is none.
    titled = 0
    for box in member_boxes(members):
        titled += bool(_HEADINGS(box))
        if titled > 1:
            return True
    return False
