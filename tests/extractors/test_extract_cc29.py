"""Twenty-ninth round: a lead-in whose list of links went goes with it (own text)."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.formats import parse_text
from extractors.markdown import is_lead_in
from extractors.rows import Article, Page

FETCHED = datetime(2026, 3, 2, tzinfo=UTC)
STORY = [
    "# How the village library rebuilt its reading room",
    "The reading room closed in January after a pipe burst above the periodicals shelf.",
    "Volunteers moved four thousand books to the school hall while the floor was replaced.",
    "The new room has wider aisles, a children's corner and six desks with reading lamps.",
    "Opening hours stay the same, and the reading group meets on Thursday evenings again.",
]
SERIES = [
    "Other parts of this series:",
    "",
    "*   [Part 1: Why the library needed a new roof](https://example.org/library-1)",
    "*   [Part 2: Raising money at the summer fair](https://example.org/library-2)",
    "*   [Part 3: Choosing the new shelving](https://example.org/library-3)",
]
SERIES_ZH = [
    "本系列其他文章：",
    "",
    "*   [第一篇：图书馆为什么要换屋顶](https://example.org/zh-1)",
    "*   [第二篇：夏日集市上的募捐](https://example.org/zh-2)",
]


def _extract(lines: list[str]) -> Article:
    text = "\n\n".join(lines) + "\n"
    return extract_article(Page("notes", text.encode(), FETCHED, path="post.md"))


def test_a_series_lead_in_at_the_end_goes_with_its_links() -> None:
    article = _extract([*STORY, *SERIES])
    assert "Other parts of this series" not in article.text
    assert STORY[-1] in article.text


def test_a_series_lead_in_at_the_head_goes_and_the_story_stays() -> None:
    article = _extract([STORY[0], STORY[1], *SERIES_ZH, "", "* * *", *STORY[2:]])
    assert "本系列其他文章" not in article.text
    assert all(line in article.text for line in STORY[1:])


def test_a_lead_in_over_a_figure_a_single_source_or_text_stays() -> None:
    figure = [
        "The new floor plan:",
        "",
        "[![](https://example.org/plan.png)](https://example.org/p)",
    ]
    source = ["The council's notice:", "", "[Notice of works](https://example.org/notice)"]
    mixed = [
        "The board's plan:",
        "",
        "[Part 1](https://a.org/1) is out now, and the second part follows next week.",
        "[Part 2](https://a.org/2)",
    ]
    page = [*STORY[:2], *figure, *source, *mixed, *STORY[2:], *SERIES]
    body = parse_text("\n\n".join(page), {}).body
    assert "Other parts of this series:" not in body
    assert all(lead in body for lead in (figure[0], source[0], mixed[0]))


def test_only_a_short_single_clause_ending_with_a_colon_is_a_lead_in() -> None:
    assert is_lead_in("Read more from this series:")
    assert is_lead_in("**相关阅读：**".strip("*"))
    assert not is_lead_in("The roof came first. Then the shelves:")
    assert not is_lead_in("Read more from this series")
    assert not is_lead_in("A very long line " * 6 + "that ends with a colon:")
