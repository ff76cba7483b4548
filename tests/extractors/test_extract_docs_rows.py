"""Docs pages: subscripts in listings, grids of short cells, and list items of alternatives."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.clean import find_table_rows
from extractors.repair import strip_stray_markup
from extractors.rows import Page

# Our own words: a guide to a small seed-library program.
PARA = (
    "The seed library keeps a drawer for every kind of bean, and the volunteers write down each "
    "packet that leaves the drawer so that the library knows what to sow again next spring."
)
AFTER = (
    "At the end of the season the volunteers compare the packets that came back with the ones "
    "that went out, and the kinds that did well are given a second drawer for the next year."
)


def _page(body: str) -> bytes:
    """Return a generated docs page: a sidebar, the body between two paragraphs, a footer."""
    nav = "".join(f"<li><a href='/{w}'>{w.title()}</a></li>" for w in ("guide", "drawers", "faq"))
    return (
        "<html><head><title>Seed drawers</title></head><body>"
        f"<nav><ul>{nav}</ul></nav><main><article><h1>Seed drawers</h1><p>{PARA}</p>{body}"
        f"<p>{AFTER}</p></article></main><footer>Built with a docs generator</footer></body></html>"
    ).encode()


def _text(body: str) -> str:
    page = Page(source="t", body=_page(body), fetched_at=datetime(2026, 1, 1, tzinfo=UTC))
    return extract_article(page).text


def test_subscripts_in_a_listing_are_no_shortcodes() -> None:
    code = [
        "for i in range(4):",
        "    drawers[i, 0] = shelf.pick(rows[i + 1])",
        "    labels[b] = packets[i*4 + j].name",
    ]
    text = _text(f"<pre><code>{chr(10).join(code)}</code></pre>")
    assert "drawers[i, 0] = shelf.pick(rows[i + 1])" in text
    assert "labels[b] = packets[i*4 + j].name" in text
    # A shortcode or BBCode tag at a word's start still goes.
    assert strip_stray_markup("Sow [b]early[/b] [url=http://a.example]here[/url]") == (
        "Sow early here"
    )


def _grid(rows: list[list[str]]) -> str:
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>{cells}</table>"


def test_a_grid_of_short_words_and_figures_stays_whole() -> None:
    words = [["Bean", "Drawer", "Sown"], ["Runner", "left", "yes"], ["Broad", "right", "no"]]
    words.append(["Borlotti", "top", "yes"])
    figures = [["2019", "14", "9"], ["2020", "17", "11"], ["2021", "12", "12"]]
    text = _text(_grid(words) + f"<p>{PARA.replace('bean', 'pea')}</p>" + _grid(figures))
    for row in (*words, *figures):
        assert " | ".join(row) in text, row
    # A lone |-line of short words is still a menu.
    assert find_table_rows(["Home | Drawers | Seeds | About", PARA]) == set()
    assert find_table_rows(["Runner | left | yes", "Broad | right | no", "Pea | top | no"]) == {
        0,
        1,
        2,
    }


def test_list_items_of_alternatives_are_no_breadcrumbs() -> None:
    items = ["Runner / Broad / Borlotti: climbing", "packet/drawer/shelf/room"]
    lis = "".join(f"<li>{item}</li>" for item in items)
    text = _text(f"<ul>{lis}</ul>")
    assert all(item in text for item in items)
    # A trail on its own line still goes.
    assert "Home / Guide / Drawers" not in _text("<div>Home / Guide / Drawers</div>")
