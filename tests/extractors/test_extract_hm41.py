"""hm41: a run of navigation labels that opens the text is a section menu, not the story."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractors.article import extract_article
from extractors.chromeline import measure
from extractors.clean import find_head_menu
from extractors.rows import Page

# Our own text: a club's note about a tree-planting day (invented, plain facts).
STORY = [
    "Forty volunteers planted two hundred young oaks and birches along the river path on "
    "Saturday morning, in rows three metres apart so that mowers can pass between them.",
    "The council lent us spades and a trailer of mulch, and the school next to the path sent "
    "two classes who watered every tree before lunch and wrote their names on the tags.",
]
MENU = ["News", "Events", "Youth Football", "Members Area", "About the Club |", "Contact Us"]


def _menu(paras: list[str]) -> set[int]:
    return find_head_menu(paras, [measure(p, p) for p in paras])


def test_a_run_of_labels_above_the_story_is_a_menu() -> None:
    assert _menu([*MENU, *STORY]) == set(range(len(MENU)))


def test_separators_between_the_entries_go_with_the_menu() -> None:
    paras = [MENU[0], "--", "|", *MENU[1:4], "•", MENU[4], *STORY]
    assert _menu(paras) == set(range(len(paras) - len(STORY)))
    # Separators do not count toward the five labels.
    assert _menu([*MENU[:4], "--", "--", *STORY]) == set()


@pytest.mark.parametrize(
    "paras",
    [
        [*MENU[:4], *STORY],  # four labels: a byline, a date and two tags, not a menu
        [STORY[0], *MENU, STORY[1]],  # labels inside the text, not opening it
        MENU,  # a page of labels only is never dropped whole
        [f"- {m}" for m in MENU] + STORY,  # list items are lists (the list rules judge them)
        [
            "关于开展",
            "社区植树",
            "活动的通知",
            "各居民小组",
            "物业公司：",
            *STORY,
        ],  # no words in CJK
        [*MENU[:3], "Read the full story here.", *MENU[3:], *STORY],  # a sentence ends the run
    ],
)
def test_what_is_no_opening_menu(paras: list[str]) -> None:
    assert _menu(paras) == set()


def test_the_menu_lines_leave_the_article_text() -> None:
    # Menu entries printed as paragraphs above the story, in its own block: the longer ones
    # ("Youth Football", "About the Club |") passed every other rule.
    paras = "".join(f"<p>{p}</p>" for p in [*MENU, *STORY])
    html = f"<html><head><title>Planting day</title></head><body><div>{paras}</div></body></html>"
    text = extract_article(Page("hm41", html.encode(), datetime(2026, 1, 1, tzinfo=UTC))).text
    assert text is not None and text.split("\n")[0] == STORY[0]
    assert not set(text.split("\n")) & set(MENU)
