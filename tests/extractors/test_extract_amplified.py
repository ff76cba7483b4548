"""Front matter whose aliases multiply, and bracket runs that only look like JSON."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import pairwise

import pytest

from extractors.article import extract_article
from extractors.exceptions import ExtractionError
from extractors.rows import Page

STORY = (
    "The harbour authority said on Friday it will require an impact review for every automated "
    "crane system bought after July, and publish the reviews on its website.\n\n"
    "Dock workers' unions welcomed the rule but asked for a seat on the review board."
)


def _read(body: str, path: str = "notes/post.md") -> tuple[str | None, str | None, str]:
    page = Page(
        source="s", body=body.encode(), fetched_at=datetime(2025, 6, 6, tzinfo=UTC), path=path
    )
    row = extract_article(page)
    return row.title, row.author, row.text


def _laughs(levels: int, key: str) -> str:
    names = "abcdefghij"[:levels]
    lines = ['a: &a ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    lines += [f"{c}: &{c} [{', '.join(['*' + p] * 9)}]" for p, c in pairwise(names)]
    return "---\n" + "\n".join(lines) + f"\n{key}: *{names[-1]}\n---\n\n" + STORY


@pytest.mark.parametrize("key", ["author", "date", "tags"])
def test_aliases_of_aliases_are_refused_as_unreadable_front_matter(key: str) -> None:
    with pytest.raises(ExtractionError, match="expands past its own size") as err:
        _read(_laughs(5, key))
    assert err.value.reason == "parse_error"


def test_a_value_that_contains_itself_is_refused_the_same_way() -> None:
    with pytest.raises(ExtractionError, match="expands past its own size"):
        _read("---\ntitle: Harbour cranes\nauthor: &who {name: *who}\n---\n\n" + STORY)


def test_aliases_used_as_people_use_them_are_read() -> None:
    body = (
        "---\nteam: &team [Mia Ortega, Tomas Lind]\nauthor: *team\n"
        "defaults: &base {layout: post}\npost: {<<: *base, title: x}\n"
        "title: Harbour cranes get an impact review\n---\n\n" + STORY
    )
    title, author, text = _read(body)
    assert title == "Harbour cranes get an impact review"
    assert author == "Mia Ortega, Tomas Lind"
    assert text.startswith("The harbour authority")


def test_a_markdown_file_opening_with_a_run_of_brackets_is_read_as_markdown() -> None:
    _, _, text = _read("[" * 5000 + "\n\n# Harbour cranes get an impact review\n\n" + STORY)
    assert "impact review for every automated crane system" in text


def test_the_same_run_in_a_json_file_is_still_a_json_error() -> None:
    with pytest.raises(ExtractionError, match="JSON nested too deeply"):
        _read("[" * 5000, path="records/item.json")


def test_a_number_too_long_for_python_costs_no_record() -> None:
    record = (
        '{"title": "Harbour cranes get an impact review", "views": ' + "7" * 5000 + ", "
        '"date": "2025-06-05", "content": "' + STORY.replace("\n\n", " ") + '"}'
    )
    title, _, text = _read(record, path="records/item.json")
    assert title == "Harbour cranes get an impact review"
    assert text.startswith("The harbour authority")


def test_a_json_ld_block_with_such_a_number_still_names_the_page() -> None:
    html = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Harbour cranes get an impact review", "author": {"name": "Ines Varga"}, '
        '"wordCount": '
        + "9" * 5000
        + "}</script></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in STORY.split("\n\n"))
        + "</article></body></html>"
    )
    _, author, _ = _read(html, path="saved/page.html")
    assert author == "Ines Varga"
