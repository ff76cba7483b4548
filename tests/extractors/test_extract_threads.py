"""Discussion pages: every post of a forum thread or Q&A page is kept, reader comments are not."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

import extractors.htmlbody as htmlbody
from extractors.article import extract_article
from extractors.htmlbody import extract_body
from extractors.rows import Page
from extractors.threads import (
    Thread,
    is_thread_of,
    read_thread,
    render_paragraphs,
    replaces_body,
    thread_text,
)

FORUMS = Path(__file__).parent / "forums"


def _extract(name: str) -> tuple[str, str | None]:
    body = (FORUMS / name).read_bytes()
    page = Page(source="t", body=body, fetched_at=datetime(2026, 6, 1, tzinfo=UTC), path=name)
    article = extract_article(page)
    return article.text, article.title


@pytest.mark.parametrize(
    ("name", "kept", "gone"),
    [
        (
            "discourse_thread.html",
            [
                "Our lab publishes small adapters",
                "We raised the same point during the consultation",
                "adds an exemption for research releases",
                "Thanks, that settles it for us",
            ],
            ["Likes", "Related topics", "Annex format for release notes", "Powered by"],
        ),
        (
            "qa_page.html",
            [
                "I read dates such as",
                "The two-digit year directive follows the POSIX rule",
                "ask for four-digit years instead",
            ],
            ["Hot Network Questions", "sourdough", "Which Python version", "Not the answer"],
        ),
        (
            # Nested replies (each reply inside its parent's container), the text in an
            # edit form, action bars of links; the extracted body is the sidebar.
            "nested_replies_thread.html",
            [
                "My tortoise learned to climb the garden steps",
                "far better climbers than people expect",
                "a low fence around the pond",
                "a vet can look at small cracks",
            ],
            ["search parameters", "18,204 readers", "permalink", "42 comments"],
        ),
        (
            # Flat indented replies with base-36 ids and "2 yr. ago" stamps under an
            # opening post rendered apart from them (a page that is not an article).
            "flat_replies_thread.html",
            [
                "Looking for ideas for a small workshop",
                "still runs every weekend",
                "buy a second battery",
                "Wise advice, thanks.",  # a short reply is a post of the thread
                "bolted it down",
                "Ear defenders",
            ],
            ["User agreement", "popular"],
        ),
        (
            # Question and answers numbered alike, stamps in abbr titles, bylines apart.
            "qa_numbered_posts.html",
            [
                "grows by several gigabytes",
                "Use copytruncate",
                "let it write to standard output",
            ],
            ["Related questions", "Backing up a database", "Powered by"],
        ),
        (
            "phpbb_thread.html",
            [
                "My garage drops below freezing",
                "An hour is usually not enough",
                "A cheap thermometer stuck to the battery case",
                "The pack now comes inside",
            ],
            ["Who is online", "Posts:", "Joined:", "Return to", "Powered by"],
        ),
    ],
)
def test_thread_keeps_every_post(name: str, kept: list[str], gone: list[str]) -> None:
    text, _title = _extract(name)
    for marker in kept:
        assert marker in text, marker
    for marker in gone:
        assert marker not in text, marker


def test_reader_comments_under_an_article_stay_out() -> None:
    text, title = _extract("news_with_comments.html")
    assert title == "City council approves rules for AI tools in permit offices"
    assert "The rules take effect on July 1." in text
    for marker in ("About time.", "Ten working days is still slow", "Who audits", "Leave a Reply"):
        assert marker not in text, marker


def test_site_banner_h1_is_not_the_title() -> None:
    _text, title = _extract("phpbb_thread.html")
    assert title == "Charging an e-bike battery in winter"


def test_numbered_dated_siblings_are_a_thread_only_when_the_body_is_a_post() -> None:
    tree = lxml_html.fromstring((FORUMS / "news_with_comments.html").read_bytes())
    thread = read_thread(tree, "")
    assert thread is not None and not thread.by_schema
    assert len(thread.posts) == 3
    article = "The city council voted 7 to 2 on Tuesday to require that any automated system"
    assert not is_thread_of(thread, article)
    assert is_thread_of(thread, "About time. My extension permit was refused twice and nobody")


def test_an_article_without_posts_is_no_thread() -> None:
    markup = (
        "<html><body><article><h1>Budget passes</h1><p>The assembly passed the budget on"
        " 2026-01-05 after a long debate over transport spending.</p><p>Opposition members"
        " said the vote came too early.</p></article>"
        '<ul><li id="r1"><a href="/a">Related story one</a> 2026-01-04</li>'
        '<li id="r2"><a href="/b">Related story two</a> 2026-01-03</li></ul></body></html>'
    )
    assert read_thread(lxml_html.fromstring(markup), markup) is None


def test_duplicated_article_copies_are_not_posts() -> None:
    copy = '<div id="story1"><time>2026-01-05</time><p>{}</p></div>'.format(
        "The same long article text printed twice by the page template, once per layout."
    )
    markup = f"<html><body>{copy}{copy.replace('story1', 'story2')}</body></html>"
    assert read_thread(lxml_html.fromstring(markup), markup) is None


def test_render_paragraphs_breaks_at_blocks_and_line_breaks() -> None:
    el = lxml_html.fromstring(
        "<div>First line<br>second line<p>A paragraph with <b>bold</b> text.</p>"
        '<div class="signature">my signature</div><pre>a = 1\nb = 2</pre></div>'
    )
    assert render_paragraphs(el) == [
        "First line",
        "second line",
        "A paragraph with bold text.",
        "a = 1",
        "b = 2",
    ]


def test_faq_box_under_an_article_does_not_replace_it() -> None:
    faq = "".join(
        f'<div itemscope itemtype="https://schema.org/Question"><h3 itemprop="name">Q{i}?</h3>'
        f'<div itemprop="acceptedAnswer" itemscope itemtype="https://schema.org/Answer">'
        f'<div itemprop="text"><p>Answer number {i} explains the filing rule in a long enough'
        f" sentence for a post, with more words to pass every length check here.</p>"
        f"</div></div></div>"
        for i in range(1, 6)
    )
    markup = (
        '<html><head><script type="application/ld+json">{"@type": "FAQPage"}</script></head>'
        "<body><article><h1>Registry opens</h1><p>The model registry opened on Monday and"
        " received its first filings within hours, officials said.</p><p>Providers have"
        " thirty days to file after a release.</p></article>"
        f'<section class="faq" itemscope itemtype="https://schema.org/FAQPage">{faq}</section>'
        "</body></html>"
    )
    thread = read_thread(lxml_html.fromstring(markup), markup)
    assert thread is not None and thread.by_schema
    assert not is_thread_of(thread, "The model registry opened on Monday and received its first")


def test_reader_comments_under_a_short_article_stay_out() -> None:
    # Five dated, numbered comments twice as long as the article: the page calls itself
    # an article, so they are not appended.
    text, title = _extract("blog_with_comment_list.html")
    assert title == "Short note: the library reopens on Monday"
    assert "the book drop stays closed for one more week" in text
    for marker in ("reading room has been missed", "children's corner", "scaffolding"):
        assert marker not in text, marker


def test_reply_wrappers_lose_to_the_posts_they_hold() -> None:
    tree = lxml_html.fromstring((FORUMS / "nested_replies_thread.html").read_bytes())
    thread = read_thread(tree, "")
    assert thread is not None
    # One post per comment (the link post has no text of its own beyond its title line),
    # never one post holding a whole reply list.
    assert [post[0][:20] for post in thread.posts[-3:]] == [
        "Ours did the same on",
        "Good to know, we wil",
        "Please check the she",
    ]
    assert "My tortoise learned to climb the garden steps" in thread.opening


@pytest.mark.parametrize(
    ("body", "heading", "article", "expected"),
    [
        # The body is a post: the posts replace it.
        ("First reply text that is long enough here.", None, True, "posts"),
        # The heading opens the first post: the posts replace a body that missed them.
        ("a sidebar of rules", "The thread title itself", True, "posts"),
        # ... but an opening post the reader missed (prose no post holds) stays before them.
        (
            "The release notes of version two, posted by the maintainers, list every change.",
            "The thread title itself",
            False,
            "both",
        ),
        # Neither, on a page that is not an article: the posts follow the body.
        ("An opening post shown apart.", "Another heading entirely", False, "both"),
        # Neither, on an article: the body stays.
        ("An article body shown apart.", "Another heading entirely", True, None),
    ],
)
def test_thread_text_decides_from_body_heading_and_page_kind(
    body: str, heading: str | None, article: bool, expected: str | None
) -> None:
    posts = [[f"First reply text that is long enough here. Post {i}."] for i in range(4)]
    thread = Thread(
        posts, by_schema=False, opening="The thread title itself by someone", article=article
    )
    joined = "\n".join(p[0] for p in posts)
    want = {"posts": joined, "both": body + "\n" + joined, None: None}[expected]
    assert thread_text(thread, body, heading) == want


def test_layout_ids_with_digits_are_not_one_numbered_group() -> None:
    # bd1l / bd1r / bd1rc are the columns of one layout, not three posts.
    cell = (
        '<div id="{}"><time>2026-01-05</time><p>{} holds a long enough paragraph of text.</p></div>'
    )
    markup = (
        "<html><body>"
        + "".join(cell.format(ident, ident) for ident in ("bd1l", "bd1r", "bd1rc"))
        + "</body></html>"
    )
    assert read_thread(lxml_html.fromstring(markup), markup) is None


def test_posts_made_only_of_links_do_not_break_the_finder() -> None:
    # Numbered, dated containers whose only text is a link have no own text at all.
    item = '<div id="row{0}"><a href="/x{0}"><time>2026-01-0{0}</time> {1}</a></div>'
    rows = "".join(item.format(i, "A linked headline of some length " * 3) for i in range(1, 5))
    markup = f"<html><body><article><p>Body.</p></article>{rows}</body></html>"
    thread = read_thread(lxml_html.fromstring(markup), markup)
    assert thread is None or all(post for post in thread.posts)


@pytest.mark.parametrize(
    ("count", "heading", "article", "expected"),
    [
        # A thread page whose first post holds the heading: the posts replace any body.
        (4, "The thread title itself", False, True),
        # Too few posts to be sure the page is the thread.
        (3, "The thread title itself", False, False),
        # An article's numbered boxes are reader comments: a better body is worth looking for.
        (4, "The thread title itself", True, False),
        # The posts would follow the body, not replace it: the body still matters.
        (4, "Another heading entirely", False, False),
    ],
)
def test_replaces_body_only_for_thread_pages_whose_posts_replace_it(
    count: int, heading: str, article: bool, expected: bool
) -> None:
    posts = [[f"First reply text that is long enough here. Post {i}."] for i in range(count)]
    thread = Thread(
        posts, by_schema=False, opening="The thread title itself by someone", article=article
    )
    assert replaces_body(thread, "a sidebar of rules", heading) is expected


def test_a_thin_body_that_will_be_replaced_is_not_extracted_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    markup = "<html><body><div><p>A short opening line of a page.</p></div></body></html>"
    full_passes: list[bool] = []
    real = htmlbody.extract_pass_measured

    def passes(tree: lxml_html.HtmlElement, url: str | None, fast: bool, **kw: bool) -> Any:
        if not fast:
            full_passes.append(kw.get("pruned", False))
        return real(tree, url, fast, **kw)

    monkeypatch.setattr(htmlbody, "extract_pass_measured", passes)
    reload = partial(lxml_html.fromstring, markup)
    thin = extract_body(lxml_html.fromstring(markup), None, reload).text
    # A thin fast pass is retried with the full pass, on the tree the fast pass pruned ...
    assert len(thin) < 200 and full_passes == [True]
    kept = extract_body(lxml_html.fromstring(markup), None, reload, lambda _: True).text
    assert kept == thin and full_passes == [True]  # ... unless the posts replace it anyway


@pytest.mark.parametrize(
    ("extra", "heading", "article", "replaced"),
    [
        # The body is as long as the posts only through furniture: the posts replace it.
        (
            "Seen: 6,144 times\nRelated question one\nRelated question two",
            "The thread title itself",
            False,
            True,
        ),
        # The body holds prose that no post holds: it stays.
        (
            "A whole paragraph of article prose that none of the posts of this thread holds.",
            "The thread title itself",
            False,
            False,
        ),
        # On an article the body stays.
        (
            "Seen: 6,144 times\nRelated question one\nRelated question two",
            "The thread title itself",
            True,
            False,
        ),
        # The heading is not in the first post, but the body is one of the posts plus
        # furniture (user cards): the posts replace it.
        (
            "Seen: 6,144 times\nRelated question one\nRelated question two",
            "Another heading entirely",
            False,
            True,
        ),
    ],
)
def test_a_body_as_long_as_the_posts_yields_to_them_only_on_the_thread_page(
    extra: str, heading: str, article: bool, replaced: bool
) -> None:
    first = "The opening question, asked at some length so that it reads as one paragraph of prose."
    posts = [[first], ["A reply."], ["Another reply."], ["One more reply."]]
    thread = Thread(
        posts, by_schema=False, opening="The thread title itself asked by someone", article=article
    )
    body = first + "\n" + extra * 2
    joined = "\n".join(p[0] for p in posts)
    assert thread_text(thread, body, heading) == (joined if replaced else None)


def test_a_body_that_is_no_post_stays_whatever_its_length() -> None:
    posts = [["The opening question, asked at some length so that it reads as prose."], ["Yes."]]
    thread = Thread(posts, by_schema=False, opening="Some other title", article=False)
    body = "Seen: 6,144 times\nRelated question one\nRelated question two\n" * 3
    assert thread_text(thread, body, "A heading of the page") is None


def test_user_card_lines_do_not_keep_the_body_when_the_posts_hold_most_of_its_prose() -> None:
    reply = "A reply long enough to be a paragraph of prose, explaining what went wrong, and why."
    posts = [[reply + " " + str(i)] for i in range(12)]
    title = "A user title that is a long sentence of its own, shown on the card of every post"
    # As long as the posts (within _THREAD_GAIN): one card's title is the body's extra.
    body = "\n".join(line for i, p in enumerate(posts) for line in ([title] if i == 3 else []) + p)
    thread = Thread(posts, by_schema=False, opening="Another title", article=False)
    assert thread_text(thread, body, "The page heading") == "\n".join(p[0] for p in posts)
    # A body whose prose is mostly not in the posts stays.
    other = "\n".join(title + f" {i}" for i in range(12)) + "\n" + posts[0][0]
    assert thread_text(thread, other, "The page heading") is None
