"""Comment sections as a thread's replies: kept on discussion pages, dropped under articles."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import html as lxml_html

from extractors.article import extract_article
from extractors.bodypasses import find_comment_sections, measure_sections
from extractors.clean import remove_chrome
from extractors.rows import Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
QUESTION = "How should a small library catalogue its donated maps before the spring fair?"
ANSWERS = [
    "Start with a simple spreadsheet that records the title, the publisher, the year and the "
    "condition of every sheet, then add a shelf mark so volunteers can find each map again.",
    "Photograph each map next to a ruler before anything else, because the photographs let "
    "you answer most questions from visitors without unfolding fragile paper again and again.",
    "Ask the regional archive for its subject headings; reusing an existing vocabulary keeps "
    "the catalogue consistent with the records that researchers already search every day.",
    "Keep the oversized sheets flat in shallow drawers and note the drawer in the catalogue, "
    "since rolled maps crack along the folds once they have dried out in a heated room.",
]
HEAD = "<head><title>Cataloguing donated maps</title>{meta}</head>"


def _page(meta: str = "") -> bytes:
    replies = "".join(
        f"<div class='comment' id='comment-{i}'><p class='author'>member{i}</p><p>{text}</p></div>"
        for i, text in enumerate(ANSWERS)
    )
    return (
        f"<html>{HEAD.format(meta=meta)}<body><nav><a href='/'>Home</a> <a href='/f'>Forum</a>"
        f"</nav><main><h1>Cataloguing donated maps</h1><div class='topic'><p>{QUESTION}</p>"
        f"</div><div id='comments' class='comments-area'>{replies}</div></main>"
        "<footer><p>About this board</p></footer></body></html>"
    ).encode()


def _text(body: bytes) -> str:
    return extract_article(Page(source="t", body=body, fetched_at=FETCHED)).text


def test_comment_sections_are_measured_outermost_once() -> None:
    tree = lxml_html.fromstring(_page())
    inner = sum(len(" ".join(a.split())) for a in ANSWERS)
    assert inner < measure_sections(find_comment_sections(tree)) < inner + 100


def test_replies_in_comment_sections_are_kept_on_a_discussion_page() -> None:
    text = _text(_page())
    assert QUESTION in text
    assert all(answer in text for answer in ANSWERS)


def test_reader_comments_under_an_article_are_dropped() -> None:
    text = _text(_page("<meta property='og:type' content='article'>"))
    assert QUESTION in text
    assert not any(answer in text for answer in ANSWERS)


def _card(n: int) -> list[str]:
    return [f"Post # {n}", "Member", f"{10 * n + 3} posts", "Busy bee"]


def test_a_repeated_post_card_before_the_last_post_is_no_tail() -> None:
    # The last reply is short: a run of short lines with one short sentence after it reads
    # as a page's footer unless the run is the card that stood before every reply.
    last = "Shallow drawers worked well for us, though they cost more than we had planned."
    posts = [*(f"Reply {n}: " + ANSWERS[n % len(ANSWERS)] for n in range(6)), last]
    paras = [line for n, post in enumerate(posts) for line in [*_card(n), post]]
    kept = remove_chrome(paras, paras, "Cataloguing donated maps")
    assert posts[-1] in kept


def test_a_short_line_run_seen_once_before_still_ends_the_article() -> None:
    bar = ["Share", "Facebook", "Twitter", "Email"]
    story = [f"Part {n}: " + ANSWERS[n % len(ANSWERS)] for n in range(8)]
    tail = ["Short note on the editors."]
    paras = [*bar, *story, *bar, *tail]
    kept = remove_chrome(paras, paras, "Cataloguing donated maps")
    assert story[-1] in kept
    assert "Facebook" not in kept[len(story) :]


SHORT_REPLIES = [
    "Is the drawer cabinet already in the building, or would it have to be bought first?",
    "It is already there, in the basement store, but it has only six drawers left free.",
    "Six drawers hold about three hundred flat sheets if you interleave them with tissue.",
    "That should be enough for this year's donations; we will order tissue paper today.",
]


def _titled_replies_page(meta: str = "") -> bytes:
    # A board that titles every reply "Re: <topic>" and keeps short replies in a comment
    # section after the opening post (a run of reply lines, as under some news articles).
    topic = "Storing donated maps flat"
    replies = "".join(
        f"<a id='comment-{40 + i}'></a><div class='comment comment-published'>"
        f"<h3 class='title'>Re: {topic}</h3>"
        f"<div class='content'><p>{text}</p></div></div>"
        for i, text in enumerate(SHORT_REPLIES)
    )
    return (
        f"<html><head><title>{topic} | Archived board</title>{meta}</head><body><div id='main'>"
        "<div class='breadcrumb'><a href='/'>Home</a> » <a href='/forum'>Forums</a></div>"
        f"<div class='node'><div class='topic'><h3 class='title'>{topic}</h3>"
        f"<div class='content'><p>{QUESTION}</p></div></div></div>"
        f"<div id='comments'>{replies}</div></div><div class='footer'>Archived board</div>"
        "</body></html>"
    ).encode()


def test_titled_short_replies_kept_as_a_discussion_stay_whole() -> None:
    # The comment sections were kept as the page's content (a discussion page): its reply
    # lines start no tail cut, and every reply stays.
    text = _text(_titled_replies_page())
    assert QUESTION in text
    assert all(reply in text for reply in SHORT_REPLIES)


def test_titled_short_replies_under_an_article_still_go() -> None:
    text = _text(_titled_replies_page("<meta property='og:type' content='article'>"))
    assert QUESTION in text
    assert not any(reply in text for reply in SHORT_REPLIES)
