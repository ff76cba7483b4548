"""Code listings that generators print as a one-row table (line numbers beside the code)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from lxml import html as lxml_html

from extractors.article import extract_article
from extractors.layouttables import unwrap_layout_tables
from extractors.rows import Page
from extractors.verbatim import pre_texts

# Our own words: a note on counting apples in a small orchard program.
PARA = (
    "The orchard program counts the apples in each basket before the baskets go to the market, "
    "and it writes one line for every basket so that the pickers can check the totals later."
)
AFTER = (
    "When the count is done the program prints the total for the day, and the pickers compare it "
    "with the weight of the crates that the market weighed on the same evening."
)
CODE = [f"let basket{i} = orchard.count({i});" for i in range(12)]
NUMBERS = [str(i) for i in range(1, 13)]


def _hexo() -> str:
    """Return Hexo's listing: a figure holding a table of a gutter cell and a code cell."""
    gutter = "".join(f'<span class="line">{n}</span><br>' for n in NUMBERS)
    code = "".join(f'<span class="line">{c}</span><br>' for c in CODE)
    return (
        '<figure class="highlight js"><table><tr><td class="gutter"><pre>'
        f'{gutter}</pre></td><td class="code"><pre>{code}</pre></td></tr></table></figure>'
    )


def _pygments() -> str:
    """Return Pygments' table of line numbers beside the code."""
    return (
        '<div class="highlight"><table class="highlighttable"><tr><td class="linenos">'
        f'<div class="linenodiv"><pre>{chr(10).join(NUMBERS)}</pre></div></td><td class="code">'
        f'<div class="highlight"><pre>{chr(10).join(CODE)}</pre></div></td></tr></table></div>'
    )


def _rouge() -> str:
    """Return Rouge's table, which stands inside a <pre><code> of its own."""
    return (
        '<div class="highlighter-rouge"><pre class="highlight"><code><table class="rouge-table">'
        f'<tbody><tr><td class="gutter gl"><pre class="lineno">{chr(10).join(NUMBERS)}</pre></td>'
        f'<td class="code"><pre>{chr(10).join(CODE)}</pre></td></tr></tbody></table></code></pre></div>'
    )


def _page(listing: str) -> bytes:
    """Return a generated blog post: a paragraph, the listing, a paragraph, site chrome around."""
    return (
        "<html><head><title>Counting apples</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/archive'>Archive</a> <a href='/about'>About</a></nav>"
        f"<article><h1>Counting apples</h1><p>{PARA}</p>{listing}<p>{AFTER}</p></article>"
        "<footer>Built with a static site generator</footer></body></html>"
    ).encode()


@pytest.mark.parametrize("listing", [_hexo, _pygments, _rouge], ids=["hexo", "pygments", "rouge"])
def test_every_code_line_stays_and_the_line_numbers_go(listing: Callable[[], str]) -> None:
    page = Page(source="t", body=_page(listing()), fetched_at=datetime(2026, 1, 1, tzinfo=UTC))
    text = extract_article(page).text
    assert all(line in text for line in CODE)
    assert PARA in text and AFTER in text
    assert not re.search(r"(?m)^[\d\s]+$", text)  # no line of bare line numbers


def test_the_table_becomes_the_code_cell_and_its_figure_a_div() -> None:
    tree = lxml_html.fromstring(
        f"<html><body><article>{_hexo()}<p>after</p></article></body></html>"
    )
    unwrap_layout_tables(tree)
    assert not tree.xpath("//table") and not tree.xpath("//figure")
    pres = tree.xpath("//article/div/pre")
    assert len(pres) == 1 and "orchard.count(11)" in pres[0].text_content()
    assert pres[0].text_content().startswith(CODE[0])  # the gutter's numbers are gone


def test_a_table_of_two_rows_of_code_is_not_a_listing() -> None:
    rows = "".join(f"<tr><td><pre>{c}</pre></td><td><pre>{c}</pre></td></tr>" for c in CODE[:2])
    tree = lxml_html.fromstring(f"<html><body><table>{rows}</table></body></html>")
    unwrap_layout_tables(tree)
    assert len(tree.xpath("//table//pre")) == 4  # a comparison grid: left as it was


# Our own template lines: a component's markup shown in a listing (escaped, as highlighters do).
MARKUP = ['<div class="basket">', '  <span ref="count">{{ apples }}</span>', "</div>"]


def _hexo_markup(wrap: Callable[[str], str]) -> str:
    """Return Hexo's listing of MARKUP, each line a span ended by <br>, wrapped as asked."""
    code = "".join(f'<span class="line">{html.escape(line)}</span><br>' for line in MARKUP)
    gutter = "".join(f'<span class="line">{n}</span><br>' for n in range(1, len(MARKUP) + 1))
    return wrap(
        '<figure class="highlight html"><table><tr><td class="gutter"><pre>'
        f'{gutter}</pre></td><td class="code"><pre>{code}</pre></td></tr></table></figure>'
    )


@pytest.mark.parametrize(
    "wrap", [lambda t: t, lambda t: f"<div class='code-box'>{t}</div>"], ids=["bare", "boxed"]
)
def test_markup_in_a_listing_whose_lines_end_with_br_stays(wrap: Callable[[str], str]) -> None:
    page = Page(
        source="t", body=_page(_hexo_markup(wrap)), fetched_at=datetime(2026, 1, 1, tzinfo=UTC)
    )
    lines = extract_article(page).text.split("\n")
    assert [line.strip() for line in MARKUP] == [
        line.strip() for line in lines if line.strip() in {m.strip() for m in MARKUP}
    ]


def test_a_pre_blocks_br_is_a_line_break() -> None:
    tree = lxml_html.fromstring(
        "<div><pre><span>a &lt;b&gt;</span><br><span>c<i>d</i>e</span><br>f</pre>"
        "<pre>x\ny</pre></div>"
    )
    assert pre_texts(tree) == ["a <b>\ncde\nf", "x\ny"]
