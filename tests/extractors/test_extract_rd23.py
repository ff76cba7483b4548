"""rd23: lines of the page's code listings (<pre> blocks) are text: no chrome rule drops them."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.chromeline import measure
from extractors.chrometail import find_chrome_blocks
from extractors.htmlparse import parse_markup
from extractors.postlines import text_lines
from extractors.rows import Page
from extractors.verbatim import Listing, listing_indices, page_listing, pre_texts

# Our own text: a small static-site generator's guide to its loop syntax (invented, plain facts).
INTRO = [
    "A template can repeat a block for every page of a section with a loop, and the loop "
    "closes with a line that holds nothing but the word that ends it, as the example shows.",
    "The loop below prints one list item for every page in the notes section of the site, "
    "newest first, and each item links to the page it names with the page's own title.",
    "Write the closing word on a line of its own: the generator reads the lines between the "
    "opening and the closing line as the body of the loop and repeats them for every page.",
]
LOOP = ["for page in notes", '<li class="note">', "page.title", "</li>", "end"]
OUTRO = [
    "When the section holds no pages the loop prints nothing at all, and the generator logs "
    "a warning so that an empty list on the built site does not go unnoticed by the author.",
    "The same loop works in every template of the site, including the home page, where it is "
    "often used to show the five newest notes under a short heading written by the author.",
    "A loop can also hold another loop, for example to print the tags of each page under its "
    "title, and the inner loop closes with its own line before the outer one does.",
]


def _page(loop: list[str] = LOOP) -> bytes:
    intro = "".join(f"<p>{p}</p>" for p in INTRO)
    outro = "".join(f"<p>{p}</p>" for p in OUTRO)
    code = "\n".join(line.replace("<", "&lt;").replace(">", "&gt;") for line in loop)
    return (
        "<html><head><title>Loops in templates</title></head><body><main><article>"
        f"<h1>Loops in templates</h1>{intro}<pre><code>{code}</code></pre>{outro}"
        "</article></main></body></html>"
    ).encode()


def test_closing_word_in_code_keeps_the_rest_of_the_page() -> None:
    page = Page(
        "test", _page(), datetime(2026, 12, 5, tzinfo=UTC), url="https://docs.example/loops"
    )
    text = extract_article(page).text
    lines = text.split("\n\n")
    assert "end" in lines  # the loop's closing line is code, not an end-of-article marker
    assert '<li class="note">' in lines  # an HTML example in a listing keeps its markup
    assert OUTRO[-1] in lines  # and the prose after the listing stays


def test_a_listing_s_repeated_closing_lines_both_stay() -> None:
    nested = ["for page in notes", "for tag in page.tags", "tag.name", "end", "end"]
    body = _page(nested)
    page = Page("test", body, datetime(2026, 12, 5, tzinfo=UTC), url="https://docs.example/tags")
    lines = extract_article(page).text.split("\n\n")
    at = lines.index("tag.name")
    assert lines[at : at + 3] == ["tag.name", "end", "end"]
    assert OUTRO[-1] in lines


def test_listing_lines_need_a_neighbour_or_a_whole_block() -> None:
    tree = parse_markup("<div><pre>a = 1\n}\n</pre><pre>make all</pre><p>x</p></div>")
    listing = page_listing(pre_texts(tree))
    assert listing == Listing(frozenset({"a = 1", "}"}), frozenset({"make all"}))
    paras = ["Some prose line.", "}", "Prose again.", "a = 1", "}", "make all"]
    # a lone "}" by prose is not taken for the listing's line; the listing's run and the
    # one-line block are
    assert listing_indices(paras, listing) == frozenset({3, 4, 5})


def test_end_marker_outside_a_listing_still_cuts() -> None:
    paras = [*INTRO, *OUTRO, "The End", "Home", "Archive"]
    feats = [measure(p, p) for p in paras]
    end, _ = find_chrome_blocks(paras, feats)
    assert end == len(INTRO) + len(OUTRO)
    at = paras.index("The End")
    end, _ = find_chrome_blocks(paras, feats, listing=frozenset({at}))
    assert end > at


def test_markup_outside_a_listing_is_still_stripped() -> None:
    listing = Listing(frozenset({'<div class="box">', "</div>"}), frozenset())
    text = 'A line with a stray <b>tag</b> in it.\n<div class="box">\n</div>'
    assert text_lines(text, listing) == [
        "A line with a stray tag in it.",
        '<div class="box">',
        "</div>",
    ]
    assert text_lines(text) == ["A line with a stray tag in it."]
