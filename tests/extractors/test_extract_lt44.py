"""lt44: a page that the layout repairs leave without a body is read once more as parsed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml.html import HtmlElement

from extractors import article
from extractors.article import extract_article
from extractors.exceptions import ExtractionError
from extractors.rows import Page

# Our own text: a library's reading room reopens (invented).
PARAS = [
    "The county library reopened its main reading room on Tuesday after a year of repairs to the "
    "roof, the heating and the old wooden floor that had begun to give way near the windows.",
    "Librarians said the room now seats eighty readers, twenty more than before, and that the "
    "long tables by the windows have been fitted with lamps and sockets for laptops.",
    "The local history collection, moved to a warehouse during the works, will return to its "
    "shelves over the next month, and the archive desk opens again on the first of March.",
]
STORY = "".join(f"<p>{p}</p>" for p in PARAS)


def _page(body: str) -> Page:
    html = f"<html><head><title>Reading room reopens</title></head><body>{body}</body></html>"
    return Page("t", html.encode(), datetime(2026, 1, 1, tzinfo=UTC))


def _repair_that_loses_the_story(tree: HtmlElement) -> None:
    """Stand in for a layout repair gone wrong: the story's paragraphs are gone after it."""
    for para in list(tree.iter("p")):
        para.drop_tree()


def test_a_repair_that_leaves_no_body_is_undone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(article, "_normalize_layout", _repair_that_loses_the_story)
    text = extract_article(_page(f"<table><tr><td>{STORY}</td></tr></table>")).text
    assert all(p in text for p in PARAS)


def test_the_first_reject_stands_when_the_page_has_no_body(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(article, "_normalize_layout", _repair_that_loses_the_story)
    with pytest.raises(ExtractionError) as caught:
        extract_article(_page("<table><tr><td><a href='/'>Home</a></td></tr></table>"))
    assert caught.value.reason == "no_body"


def test_other_rejects_are_not_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []
    parse = article.parse_html_page

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(bool(kwargs.get("repair_layout", True)))
        return parse(*args, **kwargs)  # type: ignore[arg-type]  # the arguments passed through

    monkeypatch.setattr(article, "parse_html_page", counting)
    with pytest.raises(ExtractionError) as caught:
        extract_article(_page("<div>" * 3000 + "deep" + "</div>" * 3000))
    assert caught.value.reason == "parse_error"
    assert calls == [True]


def test_a_page_with_a_body_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []
    parse = article.parse_html_page

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(bool(kwargs.get("repair_layout", True)))
        return parse(*args, **kwargs)  # type: ignore[arg-type]  # the arguments passed through

    monkeypatch.setattr(article, "parse_html_page", counting)
    assert extract_article(_page(STORY)).text.startswith(PARAS[0])
    assert calls == [True]
