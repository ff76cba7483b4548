"""The first of a page's sections opens the body without the title above it (thirty-ninth round)."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.rows import Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
SETUP = "Install the package with your system's package manager, then run the setup command once."
USAGE = "Run the tool on a folder of pages; it writes one file per page beside the originals."
STORY = [
    "The council voted on Tuesday to keep the public library open on Sundays through next year.",
    "Members said the Sunday hours drew more families than any other day of the week.",
    "The vote followed a petition signed by more than two thousand residents in a month.",
]


def _page(main: str) -> bytes:
    return (
        "<html><head><title>Guide</title></head><body><header><a href='/'>Home</a></header>"
        f"<main>{main}</main></body></html>"
    ).encode()


def _paras(main: str) -> list[str]:
    return extract_article(Page(source="t", body=_page(main), fetched_at=FETCHED)).text.split(
        "\n\n"
    )


def test_the_first_section_heading_stays_over_its_text() -> None:
    main = f"<h2>Setup</h2><p>{SETUP}</p><h2>Usage</h2><p>{USAGE}</p>"
    assert _paras(main)[:2] == ["Setup", SETUP]


def test_a_permalink_mark_does_not_hide_the_heading() -> None:
    link = "<a class='headerlink' href='#setup'>¶</a>"
    main = f"<h2>Setup{link}</h2><p>{SETUP}</p><h2>Usage{link}</h2><p>{USAGE}</p>"
    assert _paras(main)[0].rstrip("¶") == "Setup"


def test_a_kicker_over_the_story_still_goes() -> None:
    main = "<h2>Libraries</h2>" + "".join(f"<p>{line}</p>" for line in STORY)
    assert _paras(main)[0] == STORY[0]


def test_a_widget_heading_over_short_lines_still_goes() -> None:
    story = "".join(f"<p>{line}</p>" for line in STORY)
    main = f"<h3>Now</h3><p>Fair</p><h3>Council</h3>{story}"
    assert "Now" not in _paras(main)
