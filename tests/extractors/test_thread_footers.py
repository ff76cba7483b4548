"""Posts dated in their footers, cards beside short replies, signatures, quote openers."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import html as lxml_html

from extractors.article import extract_article
from extractors.posts import repeated_posts, trim_bylines
from extractors.rows import Page
from extractors.threads import Thread, is_thread_of, thread_paragraphs

_LONG = (
    "The allotment committee met on Tuesday and agreed that the east beds will be dug over "
    "before the first frost, that the water butts will be emptied and scrubbed, and that "
    "the shed roof needs new felt before the winter storms arrive in earnest this year. "
    "Volunteers can sign the sheet pinned inside the shed door, and tools will be shared."
)
_REPLIES = ["Count me in.", "Same here!", "I can bring the wheelbarrow on Saturday morning."]
_CARD = "Plot holder<br>Plot: 14<br>Member since: 2019<br>Posts: 311"


def _post(i: int, text: str, signature: str = "") -> str:
    # Card to the left, text to the right, the stamp in a footer below both.
    sig = f"<br>________<br>{signature}" if signature else ""
    return (
        f'<div id="msg_{500 + i}" class="entry"><div class="frame">'
        f'<div class="top"><div class="card"><b>gardener{i}</b><br>{_CARD}</div>'
        f'<div class="words">{text}{sig}</div></div>'
        f'<div class="bottom"><span class="when">0{i + 1}.10.2024 18:2{i}</span>'
        f"<span>Message #{500 + i}</span></div></div></div>"
    )


def _page(posts: str) -> str:
    return (
        "<html><head><title>Community board - Gardens</title></head><body>"
        "<p>You are not signed in. Sign in to reply to this topic.</p>"
        f"<h2>Digging the east beds</h2>{posts}<p>Board rules apply.</p></body></html>"
    )


def test_long_posts_dated_only_in_their_footer_are_posts() -> None:
    # The opening post's stamp is past the first 400 characters of its container.
    markup = _page("".join(_post(i, t) for i, t in enumerate([_LONG, *_REPLIES])))
    found = repeated_posts(lxml_html.fromstring(markup))
    assert found is not None
    assert [post[-1] for post in found[0]] == [_LONG, *_REPLIES]


def test_short_replies_are_read_below_their_card() -> None:
    # The card holds more text than "Count me in.", so the main block stops above both;
    # the long posts show where the group's text sits.
    texts = [_LONG, *_REPLIES, _LONG.replace("Tuesday", "Friday")]
    found = repeated_posts(
        lxml_html.fromstring(_page("".join(_post(i, t) for i, t in enumerate(texts))))
    )
    assert found is not None
    assert found[0] == [[text] for text in texts]


def test_one_authors_entries_dated_in_their_footers_are_no_thread() -> None:
    # A blog page of stories: every entry closes with the same "posted by" line.
    entries = "".join(
        f'<table><tr id="e{i}"><td><p>{_LONG} ({i})</p><p>{_LONG}</p>'
        f"<p>posted by the editor @ 2024-10-0{i + 1} 09:00 (12 reads)</p></td></tr></table>"
        for i in range(4)
    )
    assert repeated_posts(lxml_html.fromstring(f"<html><body>{entries}</body></html>")) is None


def test_a_signature_closing_several_posts_is_not_post_text() -> None:
    texts = [_LONG, _LONG.replace("Tuesday", "Friday"), "Count me in.", "I will bring spades."]
    posts = "".join(
        _post(i, t, "Grow what you eat, eat what you grow.") for i, t in enumerate(texts)
    )
    found = repeated_posts(lxml_html.fromstring(_page(posts)))
    assert found is not None
    thread = Thread(found[0], by_schema=False, opening="")
    assert thread_paragraphs(thread) == texts
    # A bare reply that ends two posts stays: no post is emptied.
    bare = Thread([["Thanks!"], ["Thanks!"], [_LONG]], by_schema=False)
    assert thread_paragraphs(bare) == ["Thanks!", "Thanks!", _LONG]


def test_a_body_opened_by_page_furniture_is_one_of_the_posts() -> None:
    posts = [[_LONG], ["Count me in."]]
    body = "\n".join(
        ["You are not signed in. Sign in to reply.", "Boards | Gardens | Digging...", _LONG]
    )
    assert is_thread_of(Thread(posts, by_schema=False), body)
    assert not is_thread_of(Thread(posts, by_schema=False), "A different story.\n" + _LONG[::-1])


def test_a_dated_line_opening_a_quote_is_not_a_byline() -> None:
    opener = "On 02.10.2024 18:21, gardener1 wrote:"
    assert trim_bylines([opener, "> Count me in.", "Me too."]) == [
        opener,
        "> Count me in.",
        "Me too.",
    ]
    assert trim_bylines(["02.10.2024 18:21", "Me too."]) == ["Me too."]


def test_the_last_short_reply_of_a_thread_is_kept() -> None:
    texts = [_LONG, _LONG.replace("Tuesday", "Friday"), "Count me in.", "Thanks!"]
    page = Page(
        "forum",
        _page("".join(_post(i, t) for i, t in enumerate(texts))).encode(),
        datetime(2026, 1, 1, tzinfo=UTC),
        "t.html",
    )
    text = extract_article(page).text
    assert text.rstrip().endswith("Thanks!")
    assert "Plot holder" not in text and "Message #" not in text
