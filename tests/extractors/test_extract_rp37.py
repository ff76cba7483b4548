"""A theme's main column and its link blocks of one class are no thread (thirty-seventh round)."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html

from extractors.article import extract_article
from extractors.postclass import class_runs, run_posts
from extractors.rows import Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
ANSWER = [
    "Keeping the tide tables current takes a volunteer about two evenings every month.",
    "The printed almanac costs money too, so we ask for a small yearly contribution.",
]
QUICK_LINKS = ["Changes", "Your data", "Plans ahead", "Running costs", "Help desk", "First steps"]
STORES = ["Get it for phones", "Get it for tablets"]
QUESTION = [
    "Our harbour club wants to print its own tide tables for the coming sailing season.",
    "Has anyone here done that, and where did you find tables you were allowed to reuse?",
]
SHORT_REPLIES = [
    "The port authority sends them free if you ask by letter.",
    "We copied ours from the almanac, with its permission.",
    "Thanks, that is exactly what I needed to hear.",
]


def _links(texts: list[str]) -> str:
    return "".join(f'<li><a href="/{n}">{text}</a></li>' for n, text in enumerate(texts))


def _theme_page() -> str:
    """A short page whose main column, side links and store badges share one box class."""
    # The link boxes stand in a plain div, not a <footer>: boxes in a page's landmarks are no
    # members of a run at all (gr38), and this page tests the link-list rule itself.
    column = "".join(f"<p>{line}</p>" for line in ANSWER)
    badges = " ".join(f'<a href="/store{n}">{text}</a>' for n, text in enumerate(STORES))
    return (
        "<html><head><title>Why does the app cost money? - Tide tables</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/faq">Questions</a></nav>'
        f'<div class="box"><article>{column}</article></div>'
        f'<div id="side"><div class="box"><strong>Quick links</strong><ul>{_links(QUICK_LINKS)}'
        f'</ul></div><div class="box">{badges}</div></div></body></html>'
    )


def _thread_page() -> str:
    """A topic whose replies are short prose, each box opening with its author's linked name."""
    boxes = "".join(
        f'<div class="msg"><a href="/member/{n}">member{n}</a><p>{" ".join(lines)}</p></div>'
        for n, lines in enumerate([QUESTION, *([reply] for reply in SHORT_REPLIES)])
    )
    return f"<html><body><div id='topic'>{boxes}</div></body></html>"


def test_a_run_of_link_list_blocks_is_no_thread() -> None:
    # The body is the main column; the other members of its class are lists of links.
    tree = lxml.html.fromstring(_theme_page())
    assert run_posts(class_runs(tree), "\n".join(ANSWER)) is None


def test_a_short_page_keeps_its_column_without_the_footer_links() -> None:
    page = Page(source="t", body=_theme_page().encode(), fetched_at=FETCHED)
    text = extract_article(page).text
    assert all(line[:40] in text for line in ANSWER)
    assert not any(link in text for link in QUICK_LINKS[1:] + STORES)


def test_a_thread_of_short_prose_replies_still_is() -> None:
    # The body pass kept the question with its author's name: the replies are prose, their
    # linked names a small share of the run, so the run is the thread.
    tree = lxml.html.fromstring(_thread_page())
    body = "\n".join(["member0", " ".join(QUESTION)])
    posts = run_posts(class_runs(tree), body)
    assert posts is not None
    flat = " ".join(" ".join(post) for post in posts)
    assert all(reply in flat for reply in SHORT_REPLIES)
