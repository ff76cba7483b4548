"""A theme's grid boxes in its menu and footer are no members of a thread (thirty-eighth round)."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html

from extractors.article import extract_article
from extractors.postclass import class_runs, run_posts
from extractors.rows import Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
STORY = [
    "Our monthly letter covers open badges, learning pathways and the tools we use with schools.",
    "Each issue has three short pieces, a reading list and news from the cooperative's members.",
]
MENU = "About our cooperative, the work we do for schools, the clients we serve and our blog, all here."
INTRO = "We are a small cooperative that helps schools and charities work in the open, since 2016."
FOOTER = "Write to the cooperative at the address on our contact page; we answer within a week."
REPLIES = [
    "We tried badges with the youth club last spring and the children loved collecting them.",
    "Our library runs a reading pathway with badges too, and parents ask about it every week.",
    "Thanks for the reading list, the second piece on learning pathways was just what we needed.",
]


def _row(text: str) -> str:
    return f'<div class="row"><p>{text}</p></div>'


def _theme_page() -> str:
    """A page whose theme marks its menu, intro, story and footer boxes with one grid class."""
    story = "".join(f"<p>{line}</p>" for line in STORY)
    return (
        "<html><head><title>Newsletter</title></head><body>"
        f"<nav>{_row(MENU)}</nav><div>{_row(INTRO)}</div>"
        f'<div class="row">{story}</div><footer>{_row(FOOTER)}</footer></body></html>'
    )


def _thread_page() -> str:
    """A thread whose posts are grid rows of the page's main column, beside a menu row."""
    posts = "".join(_row(line) for line in [*STORY, *REPLIES])
    return f"<html><body><nav>{_row(MENU)}</nav><main>{posts}</main></body></html>"


def test_grid_boxes_in_the_menu_and_footer_are_no_run() -> None:
    tree = lxml.html.fromstring(_theme_page())
    assert run_posts(class_runs(tree), "\n".join(STORY)) is None


def test_the_story_is_kept_without_the_menu_and_footer_boxes() -> None:
    text = extract_article(Page(source="t", body=_theme_page().encode(), fetched_at=FETCHED)).text
    assert all(line in text for line in STORY)
    assert MENU not in text and FOOTER not in text


def test_posts_in_grid_rows_of_the_main_column_still_make_a_run() -> None:
    tree = lxml.html.fromstring(_thread_page())
    members = next(group for group in class_runs(tree).groups if group[0].get("class") == "row")
    assert len(members) == len(STORY) + len(REPLIES)  # the menu's row is not one of them


def test_a_header_that_wraps_the_page_marks_no_furniture() -> None:
    # An unclosed <header> nests the whole page: its rows are the thread's posts all the same.
    posts = "".join(_row(line) for line in [*STORY, *REPLIES])
    page = f"<html><body><header><nav>{_row(MENU)}</nav><main>{posts}</main></header></body></html>"
    tree = lxml.html.fromstring(page)
    members = next(group for group in class_runs(tree).groups if group[0].get("class") == "row")
    assert len(members) == len(STORY) + len(REPLIES)
