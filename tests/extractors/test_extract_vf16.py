"""Threads whose opening post and replies are marked apart but share a body class (sixteenth round)."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html

from extractors.article import extract_article
from extractors.postclass import class_runs, run_posts
from extractors.rows import Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
OPENING = [
    "Our reading circle meets every second Thursday in the back room of the town library.",
    "We would like to keep a shared list of the books we have finished and what we thought.",
    "Does anyone here run something similar, and what do you use to keep the notes together?",
]
REPLIES = [
    "A shared spreadsheet with one row per book has served our group for three years now.",
    "We keep a paper notebook that travels with whoever hosts the next meeting of the month.",
    "Try a simple wiki page; members can add their own short review after each meeting.",
]
LONG_REPLY = [
    "We went through the same question last spring and tried three ways before settling.",
    "First a group chat, which lost every review in the scroll within a couple of weeks.",
    "Then a shared document, which grew so long that nobody could find the older entries.",
    "Now each member keeps one page per book in a shared folder, named by title and month.",
    "The host of each meeting adds a short summary of what the group said about the book.",
    "It takes five minutes a month and the folder has become a small library of our own.",
]
_HEAD = (
    '<div class="Item-Header"><span class="Author"><a href="/u/{name}">{name}</a></span>'
    '<span class="DateCreated"><time datetime="2024-03-0{day}T10:00:00">March {day}</time>'
    "</span></div>"
)


def _paras(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def _discussion(replies: list[str], first: list[str] = OPENING) -> Page:
    """An opening box numbered Discussion_N apart from a list of Comment_N items."""
    opening = (
        f'<div class="Item ItemDiscussion" id="Discussion_731"><div class="Discussion">'
        f'{_HEAD.format(name="maple", day=1)}<div class="Item-BodyWrap"><div class="Item-Body">'
        f'<div class="Message userContent">{_paras(first)}</div></div></div></div></div>'
    )
    items = "".join(
        f'<li class="Item ItemComment" id="Comment_{900 + i}"><div class="Comment">'
        f'{_HEAD.format(name=f"reader{i}", day=i + 2)}<div class="Item-BodyWrap">'
        f'<div class="Item-Body"><div class="Message userContent">{reply}</div></div></div>'
        "</div></li>"
        for i, reply in enumerate(replies)
    )
    html = (
        "<html><head><title>Keeping notes for a reading circle - Community</title></head><body>"
        '<div id="Head"><a href="/">Community</a> <a href="/categories">Categories</a></div>'
        '<div class="PageTitle"><h1>Keeping notes for a reading circle</h1></div>'
        f'<div class="MessageList Discussion">{opening}</div>'
        '<h2 class="CommentHeading">Comments</h2>'
        f'<ul class="MessageList DataList Comments">{items}</ul>'
        '<div id="Foot">Powered by a forum engine</div></body></html>'
    )
    return Page(source="t", body=html.encode(), fetched_at=FETCHED)


def _topic() -> Page:
    """A topic item and reply items (classes apart), each after a numbered header of its own."""
    posts = [OPENING, [REPLIES[0]], LONG_REPLY, [REPLIES[1]]]
    kinds = ["topic type-topic", "reply type-reply", "reply type-reply", "reply type-reply"]
    items = "".join(
        f'<div id="post-{500 + i}" class="topic-reply-header"><div class="meta">'
        f'<span class="post-date">May {i + 1}, 2014 at 10:0{i} am</span> '
        f'<a href="/forums/topic/notes/#post-{500 + i}" class="permalink">#{500 + i}</a></div></div>'
        f'<div class="loop-item-{i} position-{i + 1} {kind} user-{i % 2}">'
        f'<div class="reply-author"><a href="/profile/m{i}/" title="View the profile of member{i}">'
        f'<span class="avatar"><img src="/a{i}.png" alt=""></span><span class="name">member{i}</span>'
        f'</a><div class="role">Participant</div></div>'
        f'<div class="reply-content">{_paras(lines)}</div></div>'
        for i, (lines, kind) in enumerate(zip(posts, kinds, strict=True))
    )
    html = (
        "<html><head><title>Keeping notes - Support forum</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/forums/">Forums</a></nav>'
        '<article class="post-500 topic"><header><h1>Keeping notes for a reading circle</h1></header>'
        '<section class="entry"><div id="forums"><div class="crumbs"><a href="/">Home</a> '
        '<a href="/forums/">Forums</a></div><ul class="replies"><li class="list-header">'
        '<div class="reply-author">Author</div><div class="reply-content">Posts</div></li>'
        f'<li class="list-body">{items}</li></ul></div></section>'
        "</article><footer>Site footer text</footer></body></html>"
    )
    return Page(source="t", body=html.encode(), fetched_at=FETCHED)


def _held(text: str, lines: list[str]) -> list[bool]:
    flat = " ".join(text.split())
    return [line[:40] in flat for line in lines]


def test_replies_listed_apart_from_the_opening_post_are_kept() -> None:
    for count in (2, 3):
        text = extract_article(_discussion(REPLIES[:count])).text
        assert all(_held(text, OPENING[:1] + REPLIES[:count])), count
        assert text.index(OPENING[0][:40]) < text.index(REPLIES[0][:40])
        assert "Powered by" not in text and "reader0" not in text


def test_a_short_opening_read_with_the_page_around_it_gives_way_to_the_posts() -> None:
    # The body pass kept the page's menus around a one-line opening post (the replies cut
    # as comments): the numbered replies and the opening box of their body class replace it.
    text = extract_article(_discussion(REPLIES, OPENING[:1])).text
    assert all(_held(text, OPENING[:1] + REPLIES))
    assert "Categories" not in text and "March 1" not in text


def test_comments_under_a_blog_entry_stay_out() -> None:
    # Numbered comments whose body class the entry does not share: no family apart to add.
    comments = "".join(
        f'<li class="comment" id="comment-{70 + i}"><div class="comment-meta">reader{i} said on '
        f'<time datetime="2024-05-0{i + 1}">May {i + 1}, 2024</time></div>'
        f'<div class="comment-text"><p>{reply}</p></div></li>'
        for i, reply in enumerate(REPLIES)
    )
    html = (
        "<html><head><title>Notes on our reading circle - A blog</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/about">About</a></nav>'
        '<div class="entry"><h1>Notes on our reading circle</h1><div class="entry-text">'
        f"{_paras(LONG_REPLY)}</div></div>"
        f'<h2>Comments</h2><ol class="comments">{comments}</ol></body></html>'
    )
    text = extract_article(Page(source="t", body=html.encode(), fetched_at=FETCHED)).text
    assert all(_held(text, LONG_REPLY))
    assert not any(_held(text, REPLIES))


def test_a_topic_whose_longest_reply_was_kept_alone_reads_whole() -> None:
    # A body pass that kept the longest reply alone (its short neighbours pruned with their
    # author cards): the run of reply-content boxes is the thread, in page order, without
    # the column header over it.
    tree = lxml.html.fromstring(_topic().body)
    posts = run_posts(class_runs(tree), "\n".join(LONG_REPLY))
    assert posts == [OPENING, [REPLIES[0]], LONG_REPLY, [REPLIES[1]]]


def test_a_post_header_inside_the_box_is_no_text() -> None:
    boxes = "".join(
        f'<div class="post"><div>#{40 + i} - member{i} - Sat May 0{i + 1}, 2021 6:1{i} pm</div>'
        f"{_paras(lines)}</div>"
        for i, lines in enumerate([OPENING, LONG_REPLY, REPLIES])
    )
    tree = lxml.html.fromstring(f"<html><body><div id='all'>{boxes}</div></body></html>")
    # The body pass kept the second post with its header line.
    body = "\n".join(["#41 - member1 - Sat May 02, 2021 6:11 pm", *LONG_REPLY])
    assert run_posts(class_runs(tree), body) == [OPENING, LONG_REPLY, REPLIES]


def test_entries_of_a_listing_are_no_thread() -> None:
    # A blog's page of stories: every entry's box holds its own title, so the kept entry is
    # not joined by the others.
    entries = "".join(
        f'<div class="entry"><div class="entry-title">Story {i}</div>'
        f'<div class="entry-body">{_paras(lines)}</div></div>'
        for i, lines in enumerate([OPENING, LONG_REPLY, REPLIES])
    )
    tree = lxml.html.fromstring(f"<html><body>{entries}</body></html>")
    assert run_posts(class_runs(tree), "\n".join(OPENING)) is None


def test_paragraph_boxes_of_one_article_are_no_run() -> None:
    # Each paragraph in a box of one class: the body is many members, not one of them.
    boxes = "".join(f'<div class="para">{line}</div>' for line in OPENING + LONG_REPLY)
    tree = lxml.html.fromstring(f"<html><body>{boxes}</body></html>")
    assert run_posts(class_runs(tree), "\n".join(OPENING + LONG_REPLY)) is None
