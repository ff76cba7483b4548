"""A town library's note (our own invented text, plain facts), for extraction tests of English prose."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.rows import Page

# Five paragraphs of prose, each over 80 characters (a paragraph of prose for the layout rules).
LIBRARY_PARAS = (
    "The new hours run from one to five o'clock, staffed by two librarians and volunteers from "
    "the reading club, who asked for the change in a letter signed by three hundred members.",
    "The council will pay for the extra shifts from the budget it had set aside for repairs to "
    "the old boiler, which the building no longer needs since the heat pump was installed.",
    "Children's story hour moves from Saturday morning to Sunday at two o'clock, so that parents "
    "who work on Saturdays can bring their children, the head librarian said in a statement.",
    "The library will also lend board games and tools for the first time, starting with a set of "
    "garden tools donated by the allotment society and twenty games from a local shop.",
    "Opening on Sundays was first proposed four years ago, but the council then had no money "
    "for the staff, and the reading club raised the question again at every public meeting.",
)


def html_page(html: str) -> Page:
    """Return the page of the given markup, fetched on 1 January 2026."""
    return Page("t", html.encode(), datetime(2026, 1, 1, tzinfo=UTC))


def library_page(body: str) -> Page:
    """Return a page titled "Library hours" whose body is the given markup."""
    return html_page(f"<html><head><title>Library hours</title></head><body>{body}</body></html>")
