"""Docs and forum pages (twelfth round): permalinked post anchors, linked API signatures."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import html as lxml_html

from extractors.article import extract_article
from extractors.posts import repeated_posts
from extractors.rows import Page
from extractors.signatures import unlink_signatures

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)

REPLIES = [
    "Finished the winter list at last: new wiper blades, a fresh bilge hose and the steering"
    " play taken up, so the little cruiser goes back on the river this weekend.",
    "Good luck with the launch, enjoy the sunshine.",
    "The slipway went fine this time and the car stayed dry, which made a nice change.",
]


def _row(num: int, day: int, body: str, self_link: bool = True) -> str:
    # A layout-table forum post: the anchor sits in the author cell, the permalink in the
    # post's header row points back to it ("?p=N#N").
    link = f'<a href="viewtopic.php?p={num}#{num}">#</a>' if self_link else '<a href="x">#</a>'
    return (
        f'<tr><td class="row1"><span class="name"><a name="{num}" id="{num}"></a>'
        f"<b>member{num}</b></span><br>Joined: 3 Mar 2009</td>"
        f'<td class="row1"><table><tr><td class="details">{link}Posted: Jun {day}, 2010 9:15 pm'
        f'</td></tr></table><table><tr><td class="postbody"><hr>{body}</td></tr></table>'
        "</td></tr>"
    )


def _thread(self_link: bool = True) -> str:
    rows = "".join(_row(500 + i, 2 + i, body, self_link) for i, body in enumerate(REPLIES))
    return (
        "<html><head><title>Boats :: View topic - back on the river</title></head><body>"
        f'<table class="forumline">{rows}</table>'
        "<p>You can post new topics in this forum. You can reply to topics in this forum.</p>"
        "</body></html>"
    )


def test_three_posts_around_permalinked_anchors_are_a_thread() -> None:
    # Numbered anchors alone need five posts (news layout rows repeat them too); an anchor
    # that its own post links to is a post's numbering, and a thread of three is read.
    found = repeated_posts(lxml_html.fromstring(_thread()))
    assert found is not None
    posts, _, numbered = found
    assert numbered and len(posts) == 3
    assert repeated_posts(lxml_html.fromstring(_thread(self_link=False))) is None


def test_a_short_reply_in_a_layout_table_thread_is_kept() -> None:
    page = Page(source="t", body=_thread().encode(), fetched_at=FETCHED, path="topic.html")
    text = extract_article(page).text
    for reply in REPLIES:
        assert reply in text


API_PAGE = (
    "<html><head><title>Class Fetcher</title></head><body><main><h1>Class Fetcher</h1>"
    "<p>The fetcher asks the remote store for one record at a time and hands it back as a"
    " plain object, so that callers never see the wire format that the store speaks.</p>"
    '<ul><li><section class="detail"><h3>fetch</h3><div class="member-signature">'
    '<span>public</span>&nbsp;<a href="Record.html">Record</a>&nbsp;<span>fetch</span>'
    '(<a href="Text.html">Text</a>&nbsp;key) throws <a href="Err.html">StoreError</a></div>'
    '<div class="block">Fetch one record by its key from the remote store.</div></section>'
    "</li></ul>"
    "<p>Every call opens its own short connection, and the fetcher keeps no state between"
    " two calls, so one instance may be shared by as many workers as the host allows.</p>"
    '<div class="menu"><a href="a.html">All classes</a> <a href="b.html">Help pages</a>'
    ' <a href="c.html">Search (beta)</a></div>'
    "</main></body></html>"
)


def test_a_linked_member_signature_stays_in_the_text() -> None:
    # Its type names link to their pages: trafilatura drops it as link-dense, like a menu.
    page = Page(source="t", body=API_PAGE.encode(), fetched_at=FETCHED, path="Fetcher.html")
    text = extract_article(page).text
    assert "public Record fetch(Text key) throws StoreError" in text
    assert "StoreErrorFetch" not in text  # the signature stays apart from its description


def test_only_code_like_blocks_with_identifier_links_are_unlinked() -> None:
    tree = lxml_html.fromstring(API_PAGE)
    assert unlink_signatures(tree) == 1
    assert len(tree.findall(".//div[@class='menu']/a")) == 3
    words = lxml_html.fromstring(
        '<div><p>See <a href="x">the full guide</a> and call(<a href="y">Widget</a>).</p></div>'
    )
    assert unlink_signatures(words) == 0
    # Breadcrumb arrows read as code to chromeline, but a trail has no parameter list.
    trail = lxml_html.fromstring(
        '<div><div class="crumbs"><a href="/">Home</a>--> <a href="/n">News</a>--> '
        '<a href="/n/t">Tech</a></div></div>'
    )
    assert unlink_signatures(trail) == 0
