"""A listing's teasers are no thread's opening post for the fast pass (thirty-eighth round)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import lxml.html
import pytest

from extractors import htmlbody
from extractors.htmlbody import extract_body
from extractors.postrun import post_run

STORY = [
    "The county library reopened its restored reading room on Monday after eighteen months of "
    "work on the roof and the old oak shelves.",
    "Volunteers catalogued some four thousand donated books during the closure, and the reading "
    "room now lends them alongside the usual collection.",
    "The librarian said the building would keep its longer evening hours through the winter, "
    "with a reading group meeting every second Thursday.",
]
TEASERS = [
    ("Harbour wall repairs to start in March", "Engineers will close the north pier for six weeks "
     "while the storm damage to the old harbour wall is repaired by the county's own crews. Ferries will "
     "use the south quay meanwhile."),
    ("School choir wins regional prize", "The primary school choir took first place at the "
     "regional festival on Saturday with a programme of folk songs from the valley. The choir sings "
     "again at the harvest fair."),
    ("New bus timetable from next month", "The evening service to the villages will run every "
     "hour instead of every two hours from the first of the month, the operator said. Sunday buses do not "
     "change."),
    ("Farmers market moves to the square", "The weekly farmers market will move from the car "
     "park to the town square for the summer months, the council said on Friday. Parking stays "
     "free on market days."),
]  # fmt: skip
REPLIES = [
    "We had the same trouble with the old boiler and the fitter replaced the valve in an hour.",
    "Check the pressure gauge first; ours dropped below one bar every night before it failed.",
    "Thanks both, the valve it was, and the radiators upstairs are warm again this morning.",
]


def _teaser(title: str, text: str) -> str:
    return (
        f'<div class="entry"><h2><a href="/news/{len(title)}">{title}</a></h2><p>{text}</p></div>'
    )


def _page(story: bool = True) -> str:
    """A story written as paragraphs, then an "Other news" box of teasers of one class."""
    body = "".join(f"<p>{line}</p>" for line in STORY) if story else ""
    box = "".join(_teaser(title, text) for title, text in TEASERS)
    return f"<html><body><div>{body}</div><h1>Other news</h1><div>{box}</div></body></html>"


def _thread() -> str:
    """A topic and its replies, posts of one class without a heading of their own."""
    posts = "".join(f'<div class="post"><p>{line}</p></div>' for line in REPLIES)
    return f"<html><body><div id='topic'>{posts}</div></body></html>"


def _first_teaser() -> str:
    return "\n".join(TEASERS[0])


def test_a_run_of_titled_teasers_is_a_listing() -> None:
    run = post_run(lxml.html.fromstring(_page()), _first_teaser())
    assert len(run.keys) == len(TEASERS)
    assert run.listing


def test_a_run_of_posts_without_headings_is_no_listing() -> None:
    run = post_run(lxml.html.fromstring(_thread()), REPLIES[0])
    assert len(run.keys) == len(REPLIES)
    assert not run.listing


def _passes(fast: str, full: str) -> Callable[..., tuple[str, int, bool]]:
    """Stand in for trafilatura's passes: the fast one took `fast`, the full one `full`."""

    def extract_pass(tree: Any, url: Any, *, fast: bool, **_: Any) -> tuple[str, int, bool]:
        return (fast_text if fast else full, 0, False)

    fast_text = fast
    return extract_pass


def test_a_full_pass_outside_the_listing_replaces_its_teaser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # trafilatura's fast pass takes the first element of a body class ("entry"): a teaser of
    # the box. The full pass finds the story, which holds none of the teasers: it is taken.
    story = "\n".join(STORY)
    monkeypatch.setattr(htmlbody, "extract_pass_measured", _passes(_first_teaser(), story))
    tree = lxml.html.fromstring(_page())
    body = extract_body(tree, None, lambda: lxml.html.fromstring(_page()))
    assert body.text == story


def test_a_full_pass_that_took_another_entry_keeps_the_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A blog's front page: the fast pass took the first entry, the full pass a later one.
    other = "\n".join(TEASERS[2]) + "\n" + STORY[0]
    monkeypatch.setattr(htmlbody, "extract_pass_measured", _passes(_first_teaser(), other))
    tree = lxml.html.fromstring(_page(story=False))
    body = extract_body(tree, None, lambda: lxml.html.fromstring(_page(story=False)))
    assert body.text == _first_teaser()
