"""lt44: a page that the layout repairs leave without a body is read once more as parsed."""

from __future__ import annotations

from typing import Any

import pytest
from lxml.html import HtmlElement
from storykit import LIBRARY_PARAS, library_page

from extractors import article
from extractors.article import extract_article
from extractors.exceptions import ExtractionError

STORY = "".join(f"<p>{p}</p>" for p in LIBRARY_PARAS)


def _repair_that_loses_the_story(tree: HtmlElement) -> bool:
    """Stand in for a layout repair gone wrong: the story's paragraphs are gone after it."""
    for para in list(tree.iter("p")):
        para.drop_tree()
    return True


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Record each parse_html_page call's repair_layout flag."""
    calls: list[bool] = []
    parse = article.parse_html_page

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(bool(kwargs.get("repair_layout", True)))
        return parse(*args, **kwargs)

    monkeypatch.setattr(article, "parse_html_page", counting)
    return calls


def test_a_repair_that_leaves_no_body_is_undone(
    monkeypatch: pytest.MonkeyPatch, parses: list[bool]
) -> None:
    monkeypatch.setattr(article, "_normalize_layout", _repair_that_loses_the_story)
    text = extract_article(library_page(f"<table><tr><td>{STORY}</td></tr></table>")).text
    assert all(p in text for p in LIBRARY_PARAS)
    assert parses == [True, False]


def test_the_first_reject_stands_when_the_page_has_no_body(
    monkeypatch: pytest.MonkeyPatch, parses: list[bool]
) -> None:
    monkeypatch.setattr(article, "_normalize_layout", _repair_that_loses_the_story)
    with pytest.raises(ExtractionError) as caught:
        extract_article(library_page("<table><tr><td><a href='/'>Home</a></td></tr></table>"))
    assert caught.value.reason == "no_body"
    assert parses == [True, False]


def test_a_reject_the_repairs_did_not_touch_is_read_once(parses: list[bool]) -> None:
    with pytest.raises(ExtractionError) as caught:
        extract_article(library_page("<div><a href='/'>Home</a> <a href='/news'>News</a></div>"))
    assert caught.value.reason == "no_body"
    assert parses == [True]


def test_other_rejects_are_not_retried(parses: list[bool]) -> None:
    with pytest.raises(ExtractionError) as caught:
        extract_article(library_page("<div>" * 3000 + "deep" + "</div>" * 3000))
    assert caught.value.reason == "parse_error"
    assert parses == [True]


def test_a_page_with_a_body_is_read_once(parses: list[bool]) -> None:
    assert extract_article(library_page(STORY)).text.startswith(LIBRARY_PARAS[0])
    assert parses == [True]
