"""The authors' lines of a thread page: lines inside a post that the cleaning passes keep."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from extractors.layouttables import split_table_rows
from extractors.postclass import ClassRuns, run_posts
from extractors.postrender import render_paragraphs
from extractors.posts import titled_entries
from extractors.repair import repair_text
from extractors.threads import Thread, holds_prose
from extractors.verbatim import Listing, fold_spaces

__all__ = ["PostSources", "author_lines", "held_run_posts", "text_lines"]

# A run of same-class containers is the thread's posts when at least _HELD of its members
# open inside the body (their first _START_CHARS characters) and the held members make
# _SHARE of the body's characters or more.
_HELD = 3
_START_CHARS = 30
_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class PostSources:
    """What the thread reading found on a page, for telling its posts' lines."""

    thread: Thread | None
    runs: ClassRuns
    posts: str | None  # the text that replaced the body, None when the body was kept
    body: str  # the body pass's text
    article: bool  # the page declares itself an article


def text_lines(text: str, listing: Listing | None = None) -> list[str]:
    """Return the non-blank lines of an extracted text, table rows split, spaces stripped."""
    # listing: the page's code listings; a line of one keeps its markup ("<div class=x>" in a
    # docs page's HTML example is text, not a tag left over from a feed).
    held: dict[str, str] = {}
    if listing is not None and "<" in text:
        raw = text.split("\n")
        for n, line in enumerate(raw):
            if "<" in line and listing.holds(line):
                held[f"{_HOLD}{n}{_HOLD}"] = line
                raw[n] = f"{_HOLD}{n}{_HOLD}"
        text = "\n".join(raw)
    lines = split_table_rows([held.get(x, x) for x in repair_text(text).split("\n")])
    return [ln for ln in (x.strip() for x in lines) if ln]


_HOLD = "\ue000"  # a private-use character: marks a held line while the text is repaired


def held_run_posts(runs: ClassRuns, body: str) -> list[list[str]]:
    """Return the paragraphs of each post of the run of post bodies the body holds, or []."""
    flat = fold_spaces(body)
    for members in runs.groups:
        texts = [fold_spaces(m.text_content()) for m in members]
        held = [
            (m, text)
            for m, text in zip(members, texts, strict=True)
            if len(text) >= _START_CHARS and text[:_START_CHARS] in flat
        ]
        if len(held) < _HELD or sum(len(text) for _, text in held) < _SHARE * len(flat):
            continue
        if titled_entries(members):  # a listing's entries, a docs page's sections: no posts
            continue
        skip = frozenset(members)
        return [render_paragraphs(m, skip) for m, _ in held]
    return []


def _posts_of(found: PostSources) -> list[list[str]]:
    """Return the posts (paragraph lists) that make the page's text, or [] on other pages."""
    thread = found.thread
    if found.posts is not None:
        # The posts read from the page, or the run of same-class bodies that replaced the body.
        return (
            thread.posts
            if thread is not None
            else run_posts(found.runs, found.body, found.article) or []
        )
    if thread is not None:
        # The body pass kept the thread itself (the posts hold its prose).
        held = not thread.article and holds_prose(thread, found.body)
        return thread.posts if held else []
    # No thread read on a page that is no article: a run of same-class post bodies the body
    # holds is the thread the body pass kept whole (a topic and replies marked apart).
    return [] if found.article else held_run_posts(found.runs, found.body)


def author_lines(found: PostSources, paras: list[str], title: object) -> frozenset[str]:
    """Return the body lines inside a post (neither its first nor its last line)."""
    # A post's edges are where its container's furniture sits (a header or stamp line, a
    # separator, a signature, an edit note, a page footer read into the last post); the
    # lines between them are the author's, whatever they look like (program output, a URL,
    # a code line), and no chrome rule applies to them.
    inner: set[str] = set()
    seen: Counter[str] = Counter()
    posts = _posts_of(found)
    for post in posts:
        lines = text_lines("\n".join(post))
        inner.update(lines[1:-1])
        seen.update(set(lines))
    # A line in most posts is the posts' template (a separator above each stamp), not text.
    inner -= {line for line, n in seen.items() if n >= max(_HELD, len(posts) / 2)}
    if found.posts is not None and found.posts.startswith(found.body + "\n"):
        # A body the posts follow is the body pass's text, cleaned as any body.
        inner -= set(text_lines(found.body)) - set(text_lines(found.posts[len(found.body) :]))
    if isinstance(title, str):
        inner.discard(title.strip())  # the heading rule decides on the thread's title
    return frozenset(p for p in paras if p in inner)
