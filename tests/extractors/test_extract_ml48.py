"""ml48: Markdown's block starts are never glued to the line above as if it were a hard wrap."""

from __future__ import annotations

import pytest

from extractors.repair import join_wrapped_lines

# A digest's items, each long enough to read as a wrapped line (our own words and addresses).
ITEMS = (
    "- 市图书馆宣布周日开放，由两名馆员和读书会的志愿者值班 [↗](https://example.org/a) `#1`",
    "- 市议会用修理旧锅炉的预算支付周日的人手，热泵装好后锅炉已经不用 [↗](https://example.org/b) `#2`",
    "- 儿童故事时间改到周日下午两点 [↗](https://example.org/c) `#3`",
)
LONG = "The council approved the new library budget on Monday after a long debate about"


def test_top_level_list_items_stay_apart() -> None:
    assert join_wrapped_lines("\n".join(ITEMS)) == list(ITEMS)


@pytest.mark.parametrize(
    "line",
    [
        "* opening hours, staffing and the repair of the old reading room.",
        "+ opening hours, staffing and the repair of the old reading room.",
        "• opening hours, staffing and the repair of the old reading room.",
        "## Opening hours",
        "> The reading room reopens on Sunday.",
        "1. Opening hours come first.",
    ],
)
def test_a_block_start_after_a_long_line_opens_a_block(line: str) -> None:
    assert join_wrapped_lines(f"{LONG}\n{line}") == [LONG, line]


def test_items_of_an_ordered_list_stay_apart() -> None:
    items = [f"{n}. {LONG}" for n in (1, 2, 3)]
    assert join_wrapped_lines("\n".join(items)) == items


@pytest.mark.parametrize(
    "line",
    [
        "opening hours, staffing and the repair of the old reading room.",
        "#libraries and the repair of the old reading room.",  # a hashtag, not a heading
        "2025. The vote was close.",  # a year after a paragraph is no list item
    ],
)
def test_a_wrapped_line_still_joins(line: str) -> None:
    assert join_wrapped_lines(f"{LONG}\n{line}") == [f"{LONG} {line}"]


def test_a_list_item_wrapped_onto_a_second_line_stays_one_item() -> None:
    block = f"- {LONG}\nopening hours, staffing and the repair of the old reading room."
    assert join_wrapped_lines(block) == [block.replace("\n", " ")]
