"""A table forum's posts dated in the row above each post's cell (thirty-ninth round)."""

from __future__ import annotations

import lxml.html
import pytest

from extractors.posts import repeated_posts

POSTS = [
    (
        "Ada",
        "Our allotment floods every spring; we dug a ditch along the lower edge and it helped.",
    ),
    ("Ben", "A ditch works, but raised beds saved our carrots when the water stood for a week."),
    (
        "Cy",
        "We planted willows by the fence. They drink a lot and the ground dried out in two years.",
    ),
    ("Di", "Check with the council first: some sites forbid digging near the shared water pipes."),
]


def _thread(clock: str, header: bool = True) -> str:
    """A thread whose header rows (author, time) stand above numbered post cells."""
    rows = "".join(
        (
            f'<tr><td class="bold"><a href="/t/9#{n}">Re: Flooded plots</a> by {who}:'
            f" <span class=s><b>{clock}</b> On <b>Apr 24</b></span>"
            if header
            else ""
        )
        + f'<tr><td id="pb{n}" class="post"><div class=narrow>{text}</div>'
        for n, (who, text) in enumerate(POSTS, start=4401)
    )
    return f"<html><body><table summary='posts'>{rows}</table></body></html>"


@pytest.mark.parametrize("clock", ["12:15pm", "12:15 PM", "12:15"])
def test_posts_dated_in_the_row_above_are_a_thread(clock: str) -> None:
    found = repeated_posts(lxml.html.fromstring(_thread(clock)))
    assert found is not None
    assert found[0] == [[text] for _, text in POSTS]


def test_numbered_cells_without_a_dated_row_above_are_no_thread() -> None:
    assert repeated_posts(lxml.html.fromstring(_thread("12:15pm", header=False))) is None
    assert repeated_posts(lxml.html.fromstring(_thread("noon"))) is None
