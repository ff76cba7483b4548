"""Twenty-ninth round: markup shown inside a Markdown code block is code, not markup (own text)."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.formats import looks_html, parse_document
from extractors.markdown import without_fenced_code
from extractors.rows import Page

FETCHED = datetime(2026, 3, 2, tzinfo=UTC)
FRONT = ["---", "title: Drawing a bar chart with the canvas element", "date: 2024-04-02", "---", ""]
LISTING = [
    "```html",
    "<!doctype html>",
    "<html>",
    "  <head>",
    "    <title>Bar chart sandbox</title>",
    "  </head>",
    "  <body>",
    '    <div id="chart"><p>Loading the figures</p></div>',
    '    <div class="legend"><span>Apples</span><span>Pears</span></div>',
    '    <script src="chart.js"></script>',
    "  </body>",
    "</html>",
    "```",
]
POST = [
    *FRONT,
    "A canvas element is a blank drawing surface that a script fills pixel by pixel.",
    "",
    "## 1 - The page that holds the canvas",
    "",
    "The page below loads one script file and leaves a division for the chart to sit in.",
    "",
    *LISTING,
    "",
    "## 2 - Drawing the bars",
    "",
    "Each bar is a filled rectangle whose height is the value times a fixed scale.",
    "The script reads the values from an array and leaves a small gap between the bars.",
    "",
    "## 3 - Conclusion",
    "",
    "A bar chart needs little more than a loop, a scale and the fill rectangle method.",
]


def test_a_post_with_an_html_listing_is_read_as_markdown() -> None:
    body = "\n".join(POST[len(FRONT) :])
    assert not looks_html(body)
    assert parse_document("\n".join(POST)).kind == "text"
    # an HTML fragment keeps its route: a fence inside <pre>, or one never closed, hides nothing
    rows = [f'<div class="row"><p>Row {n} of the garden plan.</p></div>' for n in range(6)]
    assert looks_html("\n".join([*rows[:3], "<pre>```", "x = 1", "```</pre>", *rows[3:]]))
    assert looks_html("\n".join(["```", *rows]))


def test_the_listing_text_is_no_body_text_and_headings_lose_their_marks() -> None:
    page = Page(source="t", body="\n".join(POST).encode(), fetched_at=FETCHED, path="bars.md")
    text = extract_article(page).text
    assert "Each bar is a filled rectangle" in text
    assert "## 2" not in text
    assert "```" not in text


def test_an_unclosed_fence_hides_nothing_after_it() -> None:
    # Fences of falling width never close one another (each is scanned to the end once at most).
    text = "\n".join("~" * n for n in range(3000, 3, -1)) + "\n```\n<div>x</div>\n```\n"
    assert without_fenced_code(text) == text
