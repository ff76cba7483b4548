"""Eighteenth round: a section heading left last with nothing under it goes (own text)."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.clean import drop_orphan_headings
from extractors.rows import Article, Page

FETCHED = datetime(2026, 3, 2, tzinfo=UTC)
STORY = [
    "# Ferry timetable changes for the spring season",
    "The harbour board has moved the first morning ferry to a quarter past six from next week.",
    "Commuters asked for the earlier sailing in a survey last autumn, and the board agreed.",
    "The last evening crossing stays at ten o'clock, but it will not run on public holidays.",
    "A second boat joins the route in May, once its engine refit at the boatyard is finished.",
]
BOX = "##### Weekly reminders about sailings, fares and harbour works, straight to your inbox."
NOTICE = (
    "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service "
    "apply. By subscribing, you agree to our Terms of Use."
)


def _extract(text: str) -> Article:
    return extract_article(Page("notes", text.encode(), FETCHED, path="post.md"))


def test_a_sign_up_box_heading_left_without_its_form_goes() -> None:
    text = _extract("\n\n".join([*STORY, BOX, NOTICE])).text or ""
    assert "Weekly reminders about sailings" not in text
    assert "By subscribing" not in text
    assert "once its engine refit at the boatyard is finished" in text


def test_a_last_section_with_its_text_stays() -> None:
    closing = "The board will review the new timetable at its meeting in the autumn."
    page = "\n\n".join([*STORY, "## What happens next", closing])
    text = _extract(page).text or ""
    assert "What happens next" in text
    assert closing in text


def test_only_trailing_headings_go_and_a_short_text_is_left_alone() -> None:
    heads = frozenset({"Notes", "Share this"})
    kept = ["First line.", "Notes", "Second line.", "Share this", "Notes"]
    assert drop_orphan_headings(kept, kept, heads) == ["First line.", "Notes", "Second line."]
    short = ["Notes", "Share this"]
    assert drop_orphan_headings(short, short, heads) == ["Notes", "Share this"]
