"""The posts of a discussion page: schema.org posts or numbered, dated containers, as paragraphs."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from lxml import etree
from lxml import html as lxml_html

from extractors.postrender import META_CLASS, render_paragraphs, skipped

__all__ = [
    "drop_signatures",
    "render_paragraphs",
    "repeated_posts",
    "schema_posts",
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
# A date or time as forums print them: 2026-01-13, 13/01/2026, Jan 13, 2026, 7:45 pm,
# 3 hours ago, 2026年1月13日.
_DATE = re.compile(
    r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? (?:19|20)\d{2}\b"
    r"|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (?:19|20)\d{2}\b"
    r"|\b\d{1,2}:\d{2}\b|\b\d+\s*[a-z]{1,7}\.? ago\b"
    r"|\d+\s*(?:分钟|小时|天)前",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
# A word of a reply written loose in its post's element (not a separator, not a number).
_WORD = re.compile(r"[^\W\d_]{2,}")
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
_BODY_SHARE = 0.6
_HEAD_CHARS = 400
_BYLINE_CHARS = 80
# A byline: at most this many lines of at most _NAME_WORDS words each before its date.
_BYLINE_LINES = 3
_NAME_WORDS = 3
_PUNCT = re.compile(r"[,.;:!?]")
# Share of a line's characters in dates and times that makes it a stamp.
_STAMP_SHARE = 1 / 3
_CARD_CHARS = 150
# A signature: at most this many closing lines, this many characters at least, closing
# _MIN_POSTS posts.
_SIGNATURE_LINES = 4
_SIGNATURE_CHARS = 20
# Where a post container shows its date: above or in its text, or only in its footer.
_HEAD = 1
_FOOT = 2


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
    parts = _ID_SEP.split(ident)
    if not any(_DIGIT.search(part) for part in parts):
        return None
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
    lifted: dict[tuple[int, ...], list[lxml_html.HtmlElement]] = {}
    for members in anchors.values():
        if len(members) >= _LOOSE_POSTS:
            group = _lift(members)
            lifted.setdefault(tuple(map(id, group)), group)
    found = _best_group(lifted.values(), _LOOSE_POSTS)
    return None if found is None else (*found, False)


def _lift(members: list[lxml_html.HtmlElement]) -> list[lxml_html.HtmlElement]:
    """Return, for each anchor, its largest ancestor that holds no other anchor (in order)."""
    held: dict[lxml_html.HtmlElement, int] = defaultdict(int)
    for member in members:
        for above in member.iterancestors():
            held[above] += 1
    posts: list[lxml_html.HtmlElement] = []
    for member in members:
        post = member
        for above in member.iterancestors():
            if held[above] > 1:
                break
            post = above
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
            body = _main_block(member, nested) if stamp else None
            post = [] if body is None else trim_bylines(render_paragraphs(body, nested))
            if body is not None and post and (key := tuple(post)) not in seen:
                seen.add(key)
                posts.append(post)
                bodies.append((member, body))
                footed.append(stamp == _FOOT)
                full += _chars([post]) >= _MIN_POST_CHARS
        if any(footed) and _one_template(bodies):
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
    return _shared_bodies(best, best_bodies, best_nested), best_first


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
            if ends[end] >= _MIN_POSTS and sum(map(len, end)) >= _SIGNATURE_CHARS:
                cut = k
        out.append(post[:-cut] if cut else post)
    return out


def _shared_bodies(
    posts: list[list[str]],
    bodies: list[tuple[lxml_html.HtmlElement, lxml_html.HtmlElement]],
    nested: frozenset[lxml_html.HtmlElement],
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
            weight[path] += _chars([post])
            count[path] += 1
    shared = [path for path, _ in weight.most_common() if count[path] >= _MIN_POSTS][:1]
    if not shared:
        return posts
    path = shared[0]
    out: list[list[str]] = []
    for post, (member, body) in zip(posts, bodies, strict=True):
        own = _path(member, body)
        if len(own) < len(path) and path[: len(own)] == own:
            deeper = _card_below(member, body, path[len(own) :], nested)
            if deeper is not None:
                post = trim_bylines(render_paragraphs(deeper, nested)) or post
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


def _chars(posts: list[list[str]]) -> int:
    return sum(len(para) for post in posts for para in post)


def _end_texts(container: lxml_html.HtmlElement) -> tuple[str, str]:
    """Return the opening and closing _HEAD_CHARS of a container's text, its pieces apart."""
    # Pieces are joined by a space: minified markup has no blank between a stamp and the
    # text that follows it ("Jan 1, 2020</span><p>The..."). Engines print a post's stamp
    # above its text or in a footer below it, so both ends are read.
    pieces = list(container.itertext())
    head: list[str] = []
    size = 0
    for text in pieces:
        head.append(text)
        size += len(text.strip())
        if size >= _HEAD_CHARS:
            break
    tail: list[str] = []
    size = 0
    for text in reversed(pieces):
        tail.append(text)
        size += len(text.strip())
        if size >= _HEAD_CHARS:
            break
    opening = " ".join(" ".join(head).split())[:_HEAD_CHARS]
    return opening, " ".join(" ".join(reversed(tail)).split())[-_HEAD_CHARS:]


def _stamp(container: lxml_html.HtmlElement) -> int:
    """Return where a container shows a date: _HEAD (text, <time>, stamp element), _FOOT, 0."""
    head, foot = _end_texts(container)
    if _DATE.search(head) or container.find(".//time") is not None:
        return _HEAD
    for el in container.iterdescendants(etree.Element):
        cls, ident = el.get("class"), el.get("id")
        if (cls and _STAMP_NAME.search(cls)) or (ident and _STAMP_NAME.search(ident)):
            return _HEAD
    # Engines print a post's stamp in a footer below its text, too.
    return _FOOT if _DATE.search(foot) else 0


def _one_template(bodies: list[tuple[lxml_html.HtmlElement, lxml_html.HtmlElement]]) -> bool:
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


def trim_bylines(paras: list[str]) -> list[str]:
    """Drop a post's opening and closing lines that are short and dated (bylines, footers)."""
    start, end = _byline_run(paras), len(paras)
    while end > start and len(paras[end - 1]) <= _BYLINE_CHARS and _DATE.search(paras[end - 1]):
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
        dated = _DATE.search(para) is not None
        if dated and para.rstrip().endswith(":") and not _is_stamp(para):
            # "On 5/8/2024 at 2:56 AM, someone said:" opens a quote, not a byline.
            break
        if dated and (cut or not i or _is_stamp(para)):
            cut = i + 1
        elif cut or dated or i >= _BYLINE_LINES or not _is_name(para):
            break
    return cut


def _is_name(para: str) -> bool:
    """Return True for a line that reads as a name or label (a few words, no punctuation)."""
    return len(para.split()) <= _NAME_WORDS and not _PUNCT.search(para)


def _is_stamp(para: str) -> bool:
    """Return True for a line that is mostly a date or time (not a sentence holding one)."""
    return sum(len(m) for m in _DATE.findall(para)) >= _STAMP_SHARE * len(para)


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
    return not (cls and META_CLASS.search(cls))


def _writes_loose(node: lxml_html.HtmlElement) -> bool:
    """Return True when an element's own text or its children's tails hold a word."""
    return any(text and _WORD.search(text) for text in (node.text, *(c.tail for c in node)))


def _blank_free(text: str | None) -> int:
    if not text:
        return 0
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t") - text.count("\r")


def _main_block(
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
