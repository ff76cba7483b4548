"""A page whose structured data declares a discussion is one, whatever its og:type (thirty-ninth round)."""

from __future__ import annotations

import lxml.html

from extractors.threads import Thread, declares_article, read_thread, thread_text

QUESTION = "Is there a way to keep the garden hose from freezing in winter without bringing it in?"
REPLIES = [
    ["Drain it fully and coil it loosely; water left inside is what splits it."],
    ["A heated hose exists, but it needs an outdoor socket near the tap."],
    ["We leave ours in the shed on a reel. It has lasted six winters so far."],
    ["Thanks, draining it worked. The tap outside still needs a cover, though."],
]


def _page(kind: str) -> str:
    data = f'{{"@context": "https://schema.org", "@type": "{kind}", "name": "Hose in winter"}}'
    posts = "".join(
        f'<div class="post" id="post{n}"><time datetime="2026-01-0{n}">Jan {n}</time><p>{r[0]}</p></div>'
        for n, r in enumerate(REPLIES, start=1)
    )
    return (
        '<html><head><meta property="og:type" content="article"/>'
        f'<script type="application/ld+json">{data}</script></head>'
        f"<body><div class='question'><p>{QUESTION}</p></div>{posts}</body></html>"
    )


def test_a_declared_discussion_is_no_article() -> None:
    for kind in ("QAPage", "DiscussionForumPosting"):
        tree = lxml.html.fromstring(_page(kind))
        assert not declares_article(tree)
    assert declares_article(lxml.html.fromstring(_page("WebPage")))


def test_replies_follow_the_opening_post_of_a_declared_discussion() -> None:
    markup = _page("QAPage")
    thread = read_thread(lxml.html.fromstring(markup), markup)
    assert thread is not None and thread.declared and not thread.article
    text = thread_text(thread, QUESTION, "Hose in winter")
    assert text is not None and text.split("\n")[0] == QUESTION
    assert all(r[0] in text.split("\n") for r in REPLIES)


def test_short_replies_of_an_undeclared_page_do_not_follow() -> None:
    thread = Thread(REPLIES, by_schema=False, article=False, numbered=True)
    assert thread_text(thread, QUESTION * 2, "Hose in winter") is None
