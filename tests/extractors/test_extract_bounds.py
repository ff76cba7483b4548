"""A title or author longer than any headline or byline is passed over, not stored."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from extractors.article import extract_article
from extractors.bounds import MAX_AUTHOR_CHARS, MAX_TITLE_CHARS, as_byline, as_headline
from extractors.rows import Page

STORY = "".join(
    f"<p>The agency set out rule {n} for data centres on Tuesday, and it applies from May.</p>"
    for n in range(12)
)
HEADLINE = "Agency sets data-centre rules"
BLOCK = "word " * 400  # 2,000 characters: a paragraph, not a headline


def _read(markup: str, name: str = "page.html") -> tuple[str | None, str | None]:
    page = Page("t", markup.encode(), datetime(2026, 3, 1, tzinfo=UTC), name)
    article = extract_article(page)
    return article.title, article.author


def _html(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body><article>{body}{STORY}</article></body></html>"


def test_bounds_keep_values_up_to_the_limit() -> None:
    assert as_headline("x" * MAX_TITLE_CHARS) == "x" * MAX_TITLE_CHARS
    assert as_headline("x" * (MAX_TITLE_CHARS + 1)) is None
    assert as_byline("y" * MAX_AUTHOR_CHARS) == "y" * MAX_AUTHOR_CHARS
    assert as_byline("y" * (MAX_AUTHOR_CHARS + 1)) is None
    assert as_headline(None) is None
    assert as_headline(2024) == 2024  # not a string: left to the reader that expects one


def test_an_h1_holding_a_block_of_text_gives_way_to_the_page_title() -> None:
    title, _ = _read(_html(f"<title>{HEADLINE}</title>", f"<h1>{BLOCK}</h1>"))
    assert title == HEADLINE


def test_an_oversized_og_title_gives_way_to_the_twitter_title() -> None:
    head = (
        f'<meta property="og:title" content="{BLOCK}">'
        f'<meta name="twitter:title" content="{HEADLINE}"><title>Site</title>'
    )
    title, _ = _read(_html(head, ""))
    assert title == HEADLINE


def test_an_oversized_json_ld_headline_and_author_are_passed_over() -> None:
    data = {"@type": "NewsArticle", "headline": BLOCK, "author": {"name": BLOCK}}
    head = (
        f'<script type="application/ld+json">{json.dumps(data)}</script>'
        f'<meta name="author" content="Dana Reyes"><title>{HEADLINE}</title>'
    )
    title, author = _read(_html(head, f"<h1>{HEADLINE}</h1>"))
    assert title == HEADLINE
    assert author == "Dana Reyes"


def test_an_oversized_author_meta_is_left_out() -> None:
    head = f'<meta name="author" content="{BLOCK}"><title>{HEADLINE}</title>'
    _, author = _read(_html(head, f"<h1>{HEADLINE}</h1>"))
    assert author is None


def test_a_long_real_headline_is_kept() -> None:
    long = " ".join(["Agency sets data-centre rules after a year of hearings"] * 8)  # 447 chars
    assert len(long) < MAX_TITLE_CHARS
    title, _ = _read(_html(f"<title>{long}</title>", f"<h1>{long}</h1>"))
    assert title == long


@pytest.mark.parametrize("field", ["title", "author"])
def test_front_matter_fields_holding_a_block_are_passed_over(field: str) -> None:
    other = "author: Dana Reyes" if field == "title" else f"title: {HEADLINE}"
    story = "\n\n".join(
        f"The agency set out rule {n} for data centres on Tuesday, and it applies from May."
        for n in range(12)
    )
    text = f"---\n{field}: {BLOCK}\n{other}\n---\n\n# {HEADLINE}\n\n{story}\n"
    title, author = _read(text, "post.md")
    assert title == HEADLINE
    assert author == (None if field == "author" else "Dana Reyes")
