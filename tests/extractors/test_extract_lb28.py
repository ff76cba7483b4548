"""A blog layout's link-list box is no post, and a comment-keeping pass must keep the body."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml import html as lxml_html

import extractors.htmlbody as htmlbody
from extractors.article import extract_article
from extractors.rows import Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
ENTRY = [
    "Lentil soup is the dish I make most often in winter, because it needs little more than "
    "a pot, an onion and an hour of patience on a cold afternoon.",
    "Start by softening a chopped onion, two carrots and a stick of celery in olive oil over "
    "a low heat, stirring now and then until they turn sweet and golden.",
    "Add a cup of brown lentils, a spoon of tomato paste and a litre of stock, then let the "
    "pot simmer gently until the lentils are soft but still hold their shape.",
    "A squeeze of lemon just before serving brightens the whole bowl, and a handful of "
    "chopped parsley makes it look as good as it tastes on the table.",
]
COMMENTS = [
    "I made this last night and added a pinch of cumin, which worked well with the lemon.",
    "Can I use red lentils instead of brown ones, or would they turn to mush in the pot?",
    "Red lentils fall apart, so the soup becomes creamy rather than chunky; both are good.",
    "This has become our Sunday dinner, the children ask for it every week in the cold.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]
TITLES = ["Roast squash with sage", "A simple apple cake", "Barley and mushroom stew"]


def _blog_page() -> str:
    """Return a blog template's page: header, entry and archive widgets numbered alike."""
    entry = "".join(f"<p>{para}</p>" for para in ENTRY)
    comments = "".join(
        f"<dt id='c{100 + i}' class='comment-author'>Reader {i} said...</dt>"
        f"<dd id='Blog1_cmt-{100 + i}' class='comment-body'><p>{text}</p></dd>"
        f"<dd class='comment-footer'>January {i + 3}, 2013 4:1{i} PM</dd>"
        for i, text in enumerate(COMMENTS)
    )
    archive = "".join(
        f"<li class='archivedate'><a href='/2012/{n:02d}/'>{month} 2012</a> ({n + 2})"
        "<ul>"
        + "".join(
            f"<li><a href='/2012/{n:02d}/p{k}.html'>{t}</a></li>" for k, t in enumerate(TITLES)
        )
        + "</ul></li>"
        for n, month in enumerate(MONTHS, start=1)
    )
    return (
        "<html><head><title>Kitchen Notes: Winter lentil soup</title></head><body>"
        "<div id='Header1' class='widget Header'><h1><a href='/'>Kitchen Notes</a></h1></div>"
        "<div id='Blog1' class='widget Blog'><h2 class='date-header'>January 12, 2013</h2>"
        "<div class='post'><h3 class='post-title'>Winter lentil soup</h3>"
        f"<div class='post-body'>{entry}</div>"
        "<div class='post-footer'>Posted by Kitchen Notes at 9:15 AM</div></div>"
        f"<div id='comments'><h4>4 comments:</h4><dl class='comments-block'>{comments}</dl></div>"
        "</div>"
        "<div id='BlogArchive1' class='widget BlogArchive'><h2>Blog Archive</h2>"
        f"<ul class='hierarchy'>{archive}</ul></div>"
        "</body></html>"
    )


def test_a_blog_archive_numbered_like_the_entry_is_no_post() -> None:
    page = Page(source="t", body=_blog_page().encode(), fetched_at=FETCHED)
    text = extract_article(page).text
    assert all(para in text for para in ENTRY)
    assert not any(title in text for title in TITLES)
    assert "August 2012" not in text


def _tree(paras: list[str]) -> lxml_html.HtmlElement:
    body = "".join(f"<p>{para}</p>" for para in paras)
    return lxml_html.fromstring(f"<html><body><div class='entry'>{body}</div></body></html>")


def _stub_passes(monkeypatch: pytest.MonkeyPatch, first: str, crude: bool, kept: str) -> None:
    """Make the fast pass give `first` (comment sections pruned) and `kept` with them."""

    def run(
        tree: lxml_html.HtmlElement,
        url: str | None,
        fast: bool,
        keep_comments: bool = False,
        pruned: bool = False,
        stages: object = None,
    ) -> tuple[str, int, bool]:
        if keep_comments:
            return kept, 0, False
        return first, 10 * len(kept), crude

    monkeypatch.setattr(htmlbody, "extract_pass_measured", run)


def test_a_comment_keeping_pass_that_drops_the_body_is_not_taken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The comment sections are replies to the body: a pass that keeps them but took another
    # block for the main one (the comments alone) loses the entry they answer.
    entry, comments = "\n".join(ENTRY), "\n".join(COMMENTS * 2)
    _stub_passes(monkeypatch, entry, crude=False, kept=comments)
    body = htmlbody.extract_body(_tree(ENTRY), None, lambda: _tree(ENTRY), discussion=True)
    assert body.text == entry and not body.replies
    # The body with its replies is taken; so are replies after a crude fast text (the page's
    # text nodes, one a line: no body to keep).
    _stub_passes(monkeypatch, entry, crude=False, kept=f"{entry}\n{comments}")
    body = htmlbody.extract_body(_tree(ENTRY), None, lambda: _tree(ENTRY), discussion=True)
    assert body.text == f"{entry}\n{comments}" and body.replies
    crude = " ".join(["Menu Home Forum", *ENTRY[:1]])
    _stub_passes(monkeypatch, crude, crude=True, kept=comments)
    body = htmlbody.extract_body(_tree(ENTRY), None, lambda: _tree(ENTRY), discussion=True)
    assert body.text == comments and body.replies
