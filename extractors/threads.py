"""Discussion pages (forum threads, Q&A): detect them and read the text of every post."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from extractors.postblock import drop_signatures
from extractors.posts import render_paragraphs, repeated_posts, schema_posts

__all__ = [
    "SIGNATURE_CLASS",
    "Thread",
    "declares_article",
    "holds_prose",
    "is_thread_of",
    "read_thread",
    "render_paragraphs",
    "replaces_body",
    "thread_paragraphs",
    "thread_text",
]

# Searched in the raw markup first (a substring test: a regular expression over a 1 MB page
# costs milliseconds).
_THREAD_NAMES = ("ForumPosting", "QAPage", "Question")
_DISCUSSION_NAMES = ("DiscussionForumPosting", "QAPage")
_JSONLD = etree.XPath('//script[@type="application/ld+json"]')
_KEY_CHARS = 20
_KEY_LINES = 3
_OPENING_CHARS = 2000
# The posts replace the body when this much longer; they follow a body they do not
# contain only when the thread is this much longer than it.
_THREAD_GAIN = 1.2
_APPEND_GAIN = 2.0
_APPEND_POSTS = 4
# A body that is one post holding this share of all posts' text is the story (an article page).
_STORY_SHARE = 0.5
# A body holding the opening lines of this many posts is the thread itself.
_HELD_POSTS = 3
# A body line this long is prose (a paragraph), not a link, counter or label.
_PROSE_CHARS = 80
# A line of this many words ending as a sentence does is text, not a counter or label.
_SENTENCE_WORDS = 4
# A body of at least _ARTICLE_PARAS prose lines holding this share of its characters is a post
# of its own (a blog post and its recipe card, its lists), not page furniture: it stays whole.
_ARTICLE_PARAS = 3
_ARTICLE_SHARE = 0.5
# Share of the body's prose (in characters) the posts must hold for them to replace it:
# what they miss besides is user cards' titles and signatures (a line of them can be prose).
_PROSE_HELD = 0.9
# Class values holding "sig" in any case (every character re.IGNORECASE matches to s, i or
# g folded), a superset of what SIGNATURE_CLASS matches: the walk hands back only those
# values instead of every classed element.
_SIG_CLASSES = etree.XPath(
    "//@class[contains(translate(., 'SIG\u017f\u0130\u0131', 'sigsii'), 'sig')]"
)
# A class naming a member's signature box.
SIGNATURE_CLASS = re.compile(r"(?<![a-z])(?:post)?sig(?:nature)?(?:container)?(?![a-z])", re.I)
# A clock time and a year: a line holding both is a stamp (post header, edit notice).
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# trafilatura's text marks list items with "- " (the posts are read without it).
_ITEM_MARK = re.compile(r"^- ")
_OG_TYPE = etree.XPath('//meta[@property="og:type" or @name="og:type"]')
# The page's own type, not an FAQ block's questions ("Question" alone is FAQPage's entry).
_DISCUSSION_TYPE = re.compile(r'"@type"\s*:\s*\[?\s*"(?:QAPage|DiscussionForumPosting)"')
_ARTICLE_TYPE = re.compile(
    r'"@type"\s*:\s*\[?\s*"(?:News|Blog|Report|Scholarly|Tech)?Article"|BlogPosting'
)


@dataclass(frozen=True, slots=True)
class Thread:
    """The posts of a discussion page, each as its paragraphs, and how it was recognised."""

    posts: list[list[str]]
    by_schema: bool
    # The text of the first post's whole container (title, byline and body), normalised.
    opening: str = ""
    # The page declares itself an article (og:type article, JSON-LD Article types): its
    # numbered containers are reader comments unless the body is one of them.
    article: bool = False
    # The posts' containers are numbered (or schema.org posts); False when they were found
    # around numbered anchors: too weak a sign of a thread for its posts to be appended to
    # a body that is none of them (a news page's layout rows).
    numbered: bool = True
    # The texts of the page's signature boxes (found around numbered containers only).
    signatures: tuple[str, ...] = ()
    # The page's structured data declares a discussion (QAPage, DiscussionForumPosting): its
    # replies follow the opening post that the body holds, however short they are.
    declared: bool = False


def read_thread(
    tree: lxml_html.HtmlElement, markup: str, article: bool | None = None
) -> Thread | None:
    """Return the posts of a discussion page in page order, or None for other pages."""
    # Read-only: the tree is handed to trafilatura afterwards. The markup is only searched
    # for the schema type names, so pages without them skip the schema walk. article:
    # declares_article(tree) if the caller has it already.
    posts = schema_posts(tree) if any(name in markup for name in _THREAD_NAMES) else None
    if posts is not None:
        return Thread(posts, by_schema=True)
    # On a page that calls itself an article, rows around numbered links (the story among
    # its teasers) are no thread: only numbered containers are looked for there.
    if article is None:
        article = declares_article(tree, markup)
    found = repeated_posts(tree, loose=not article)
    if found is None:
        return None
    posts, first, numbered = found
    opening = " ".join(first.text_content().split())[:_OPENING_CHARS]
    signed = _signatures(tree)
    # A page that declares an article declares no discussion (declares_article): not asked.
    declared = not article and _declares_discussion(tree, markup)
    return Thread(
        posts,
        by_schema=False,
        opening=opening,
        article=article,
        numbered=numbered,
        signatures=signed,
        declared=declared,
    )


def _signatures(tree: lxml_html.HtmlElement) -> tuple[str, ...]:
    """Return the texts of the page's signature boxes (class "signature", "postsig", …)."""
    # The posts are read without them; a body that holds one as a line of prose is still
    # the thread plus its members' signatures.
    texts: list[str] = []
    for value in _SIG_CLASSES(tree):
        if SIGNATURE_CLASS.search(value):
            text = " ".join(value.getparent().text_content().split())
            if len(text) >= _KEY_CHARS:
                texts.append(text)
    return tuple(dict.fromkeys(texts))


def declares_article(tree: lxml_html.HtmlElement, markup: str | None = None) -> bool:
    """Return True when the page's metadata calls it an article (news, blog post)."""
    # A page whose structured data says it is a discussion (a QAPage, a forum posting) is one,
    # whatever its og:type: community platforms set og:type "article" on every page. markup:
    # the page's markup, searched for the type names first (most pages name neither).
    if _declares_discussion(tree, markup):
        return False
    for meta in _OG_TYPE(tree):
        if "article" in str(meta.get("content") or meta.get("value") or "").lower():
            return True
    return any(el.text and _ARTICLE_TYPE.search(el.text) for el in _JSONLD(tree))


def _declares_discussion(tree: lxml_html.HtmlElement, markup: str | None) -> bool:
    """Return True when the page's JSON-LD types it a QAPage or a DiscussionForumPosting."""
    if markup is not None and not any(name in markup for name in _DISCUSSION_NAMES):
        return False
    return any(el.text and _DISCUSSION_TYPE.search(el.text) for el in _JSONLD(tree))


def thread_text(thread: Thread, body: str, heading: str | None) -> str | None:
    """Return the text that replaces the extracted body on a discussion page, or None."""
    return _choose(thread, body, heading)[0]


def _choose(thread: Thread, body: str, heading: str | None) -> tuple[str | None, bool]:
    """Return the text that replaces the body (or None) and whether the posts replace it."""
    posts = "\n".join(thread_paragraphs(thread))
    head = " ".join((heading or "").split())
    titled = len(head) >= _KEY_CHARS and head in thread.opening
    if len(posts) <= _THREAD_GAIN * len(body):
        # A body as long as the posts is kept, unless the page is the thread (not an
        # article; its heading in the first post, or the body one of the posts) and the
        # posts hold most of the body's prose: what the body has besides is page furniture
        # (user cards, join dates, related links, counters).
        # On a page that calls itself an article (forum engines say so of threads) a body
        # that holds several posts is the thread; one post alone may be the story itself.
        if not holds_prose(thread, body):
            return None, False
        if thread.article:
            return (posts, True) if _posts_held(thread, body) >= _HELD_POSTS else (None, False)
        return (posts, True) if titled or is_thread_of(thread, body) else (None, False)
    flats, holders = _holders(thread, body)
    if holders and not (thread.article and _story_post(flats, holders)):
        return posts, True
    # The body missed the thread (a sidebar, the opening post alone): the posts replace it
    # when the page's heading sits in the first post's container, and follow it on pages
    # that do not call themselves articles (an opening post rendered apart from replies).
    if titled:
        # The thread reader can miss the opening post (rendered apart, in a layout table):
        # a body with prose lines that the posts do not hold is that post, kept before them.
        if holds_prose(thread, body) or not any(_opens(ln, head) for ln in body.split("\n")):
            return posts, True
        return f"{body}\n{posts}", True
    replies = len(thread.posts) >= _APPEND_POSTS
    longer = thread.declared or len(posts) > _APPEND_GAIN * len(body)
    if replies and thread.numbered and not thread.article and longer:
        # A body that short next to the posts is the opening post at best, often only the
        # page's furniture (a menu and story line, a sidebar, vote and member counters):
        # its heading and prose lines go before the posts, its short lines do not. A body
        # that is mostly paragraphs is the page's own post: its lists and steps stay.
        kept = [body] if _reads_as_post(body) else _prose_lines(body, head)
        return "\n".join([*kept, posts]), False
    return None, False


def _reads_as_post(body: str) -> bool:
    """Return True when a body is mostly paragraphs (_ARTICLE_PARAS prose lines or more)."""
    lines = [" ".join(line.split()) for line in body.split("\n")]
    prose = [line for line in lines if len(line) >= _PROSE_CHARS]
    total = sum(map(len, lines))
    return len(prose) >= _ARTICLE_PARAS and sum(map(len, prose)) >= _ARTICLE_SHARE * total


def _prose_lines(body: str, head: str) -> list[str]:
    """Return the lines of a body that can open a thread (heading, prose, sentences)."""
    return [line for line in body.split("\n") if _opens(line, head)]


def _opens(line: str, head: str) -> bool:
    """Return True for a body line that can open a thread: its heading, prose, a sentence."""
    plain = " ".join(line.split())
    if len(plain) >= _PROSE_CHARS or (len(plain) >= _KEY_CHARS and plain in head):
        return True
    return len(plain.split()) >= _SENTENCE_WORDS and plain.endswith((".", "!", "?"))


def replaces_body(thread: Thread, body: str, heading: str | None) -> bool:
    """Return True when the posts of a thread page replace this body (no better body needed)."""
    # A body trafilatura's fallback passes might find instead would be replaced by the posts
    # too: on a page that does not call itself an article, with the replies of a thread
    # (_APPEND_POSTS), whose posts replace the body rather than follow it.
    # A body that shares a line with a post but whose prose the posts do not hold may be a box
    # of the page (a notice repeated in a reply) that the fast pass took for the body: the
    # body is looked for again, or the opening post rendered apart from the replies is lost.
    if thread.article or len(thread.posts) < _APPEND_POSTS:
        return False
    return _choose(thread, body, heading)[1] and _prose_held(thread, body)


def _posts_held(thread: Thread, body: str) -> int:
    """Return how many posts open with a line that the body holds."""
    plain = " ".join(body.split())
    keys = [" ".join(post[0].split())[:40] for post in thread.posts if post]
    return sum(1 for key in keys if len(key) >= _KEY_CHARS and key in plain)


def _prose_held(thread: Thread, body: str) -> bool:
    """Return True when the posts hold the body's prose lines, or the body has none."""
    return holds_prose(thread, body) or not any(
        len(_plain(line)) >= _PROSE_CHARS for line in body.split("\n")
    )


def holds_prose(thread: Thread, body: str) -> bool:
    """Return True when the posts hold the body's prose lines (_PROSE_CHARS or more)."""
    posts = " ".join(" ".join(" ".join(post).split()) for post in thread.posts)
    lines = [_plain(line) for line in body.split("\n")]
    # A post's header or edit notice ("Posted: Mon Jan 17, 2005 10:16 am Post subject: …")
    # is as long as prose when its subject is, but it is a stamp: it does not count, nor
    # does a member's signature (the posts are read without it).
    prose = [
        line
        for line in lines
        if len(line) >= _PROSE_CHARS
        and not _stamped(line)
        and not any(line in sig or sig in line for sig in thread.signatures)
    ]
    held: list[bool] = []
    at = 0
    for line in prose:
        # A body follows its posts' order: each line is looked for after the last one first.
        found = _find_from(posts, line[:_PROSE_CHARS], at)
        held.append(found >= 0)
        if found >= 0:
            at = found
    # Prose below a line of the last post is the page's furniture under the thread (a
    # forum's permissions box, related threads, a site footer): it does not count.
    last = " ".join(" ".join(thread.posts[-1]).split()) if thread.posts else ""
    if last and at >= len(posts) - len(last):
        while held and not held[-1]:
            held.pop()
        prose = prose[: len(held)]
    kept = sum(len(line) for line, ok in zip(prose, held, strict=True) if ok)
    return bool(prose) and kept >= _PROSE_HELD * sum(len(line) for line in prose)


def _stamped(line: str) -> bool:
    """Return True for a line that holds a clock time and a year (a post's stamp)."""
    return _CLOCK.search(line) is not None and _YEAR.search(line) is not None


def _find_from(text: str, key: str, start: int) -> int:
    """Return an offset of key in text (-1 if absent), looking from start first."""
    found = text.find(key, start)
    if found < 0 and start > 0:
        # An occurrence before start ends before start + len(key).
        found = text.find(key, 0, start + len(key) - 1)
    return found


def is_thread_of(thread: Thread, body: str) -> bool:
    """Return True when the extracted body is one of the thread's posts (usually the first)."""
    # Under a news article the repeated containers are reader comments (or an FAQ box) and
    # the body is the article, in none of them; on a thread page the body trafilatura picks
    # is a post itself (the opening one, or the longest reply). One of the body's first
    # substantial lines must be in a post.
    # The first prose lines are looked up too: page furniture can open a body (a login
    # notice, breadcrumbs, the thread's caption) with lines as long as that.
    return bool(_holders(thread, body)[1])


def _holders(thread: Thread, body: str) -> tuple[list[str], list[str]]:
    """Return the posts' flat texts and those holding one of the body's key lines."""
    lines = [_plain(line) for line in body.split("\n")]
    keys = [line[:40] for line in lines if len(line) >= _KEY_CHARS][:_KEY_LINES]
    keys += [line[:40] for line in lines if len(line) >= _PROSE_CHARS][:_KEY_LINES]
    posts = [" ".join(" ".join(post).split()) for post in thread.posts]
    return posts, [post for post in posts if any(key in post for key in keys)]


def _story_post(posts: list[str], holders: list[str]) -> bool:
    """Return True when the body is one post holding most of the posts' text (the story)."""
    # Under a page that calls itself an article, numbered blocks around the story (a page
    # builder's layout items, position slots: a sign-up box, a comment-policy box) can read
    # as posts; the story is then one of them and outweighs all the others together.
    return len(holders) == 1 and len(holders[0]) >= _STORY_SHARE * sum(map(len, posts))


def _plain(line: str) -> str:
    """Return a body line with its spaces normalised and without a list item's marker."""
    return _ITEM_MARK.sub("", " ".join(line.split()))


def thread_paragraphs(thread: Thread) -> list[str]:
    """Return the paragraphs of all posts in order, without their authors' signatures."""
    # Signatures stay in thread.posts: the body is compared with the posts as rendered (a
    # body holding them is still one of the posts).
    return [para for post in drop_signatures(thread.posts) for para in post]
