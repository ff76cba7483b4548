"""fa28: a web address a member cites on a line of its own inside a forum post is text."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.htmlparse import parse_markup
from extractors.linkzone import LinkZone
from extractors.rows import Page

# Our own text: a short thread about a community garden's watering rota (invented).
ADDRESS = "https://garden.example.org/rota/summer-watering"
OPENING = (
    "Does anyone know where the new watering rota for the summer is kept? I looked on the "
    "notice board by the shed last week and only found last year's sheet with the old names."
)
REPLY = "It moved to the club's own site in May, together with the key-holder list:"
LATER = "The Thursday evening slots are still free if anyone wants to help after work."
THANKS = (
    "Thanks, found it. I have put my name down for the Tuesday evenings in July and August, "
    "and I will bring the spare hose back from my allotment on Saturday morning."
)


def _post(text: str, cls: str = "post-text") -> str:
    return (
        f"<div class='post'><div class='member'>Member</div><div class='{cls}'>{text}</div></div>"
    )


def _thread(reply: str, extra: str = "") -> str:
    posts = _post(f"<p>{OPENING}</p>") + reply + _post(f"<p>{THANKS}</p>") + extra
    return (
        "<html><head><title>Summer watering rota</title></head><body>"
        f"<h1>Summer watering rota</h1><div class='thread'>{posts}</div></body></html>"
    )


def _cited(later: str = LATER) -> str:
    # A post written with line breaks: the address on a line of its own after a sentence.
    tail = f"<br>{later}" if later else ""
    return _post(f"<p>{REPLY}<br><a href='{ADDRESS}'>{ADDRESS}</a>{tail}</p>")


def _zone(markup: str) -> LinkZone:
    return LinkZone(lambda: parse_markup(markup))


def test_an_address_cited_in_a_post_is_in_the_flow() -> None:
    assert _zone(_thread(_cited())).in_flow(ADDRESS)


def test_an_address_cited_in_a_post_is_kept_in_the_text() -> None:
    # Also as the post's last line, where the lines inside a post (fp17) do not reach.
    for later in (LATER, ""):
        markup = _thread(_cited(later))
        page = Page("t", markup.encode(), datetime(2026, 1, 1, tzinfo=UTC), "t.html")
        text = extract_article(page).text
        assert REPLY in text
        assert ADDRESS in text


def test_an_address_in_a_signature_box_is_not() -> None:
    sig = f"<div class='signature'><p><a href='{ADDRESS}'>{ADDRESS}</a></p></div>"
    reply = _post(f"<p>{REPLY}</p>{sig}")
    assert not _zone(_thread(reply)).in_flow(ADDRESS)


def test_an_address_in_a_run_of_link_items_is_not() -> None:
    items = "".join(
        f"<div class='link-item'><a href='{ADDRESS}/{n}'>{ADDRESS}/{n}</a> new</div>"
        for n in range(3)
    )
    assert not _zone(_thread(_cited(), items)).in_flow(f"{ADDRESS}/1")


def test_a_labelled_address_in_a_post_is_not() -> None:
    line = f"Source: {ADDRESS}"
    reply = _post(f"<p>{REPLY}</p><p>{line}</p>")
    assert not _zone(_thread(reply)).in_flow(line)


def test_an_address_in_a_lone_container_is_not() -> None:
    markup = (
        "<html><body><div class='links'><p>" + REPLY + "</p>"
        f"<p><a href='{ADDRESS}'>{ADDRESS}</a></p></div></body></html>"
    )
    assert not _zone(markup).in_flow(ADDRESS)
