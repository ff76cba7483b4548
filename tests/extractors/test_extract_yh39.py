"""A heading made of figures (a release, a year) is a heading, not a counter (thirty-ninth round)."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.rows import Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
RELEASES = {
    "2.1": [
        "Exports now keep the order of the columns chosen on the screen, and large sheets open faster.",
        "Fixed: the dark theme no longer hides the cursor in the search field of the sidebar.",
    ],
    "2.0": [
        "A new engine reads files of any size without holding them in memory at once.",
        "The settings moved into one window with a search box and a reset button per section.",
    ],
    "1.9": [
        "Shortcuts can be changed in the settings, and the defaults follow the system's conventions.",
    ],
}


def _changelog(tag: str) -> str:
    """A changelog whose releases are headings of the given tag, a page number under them."""
    body = "".join(
        f"<{tag}>{version}</{tag}>" + "".join(f"<p>{line}</p>" for line in lines)
        for version, lines in RELEASES.items()
    )
    return (
        "<html><head><title>Changelog</title></head><body><main><h1>Changelog</h1>"
        f'{body}<div class="pager"><span>2</span></div></main></body></html>'
    )


def _text(markup: str) -> list[str]:
    page = Page(source="t", body=markup.encode(), fetched_at=FETCHED)
    return extract_article(page).text.split("\n\n")


def test_release_headings_stay_over_their_entries() -> None:
    for tag in ("h1", "h2", "h3"):
        paras = _text(_changelog(tag))
        for version, lines in RELEASES.items():
            assert version in paras, (tag, version)
            assert paras.index(version) + 1 == paras.index(lines[0])


def test_figures_that_are_no_heading_still_go() -> None:
    markup = _changelog("h2").replace("<h2>1.9</h2>", "<p>1.9</p>")
    paras = _text(markup)
    assert "1.9" not in paras and "2" not in paras
    assert "2.0" in paras
