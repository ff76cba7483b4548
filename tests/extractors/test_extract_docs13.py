"""Docs pages (thirteenth round): tail cuts over code, listing lines, the page's own heading."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.clean import remove_chrome
from extractors.rows import Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)

PROSE = [
    "The toolkit reads a table of measurements, checks every column against the schema you give"
    " it and writes a cleaned copy next to the original file, keeping a log of what it changed.",
    "Each step of the workflow is a small object with a fit method; steps can be chained, and"
    " the chain can be stored on disk and loaded again on another machine without changes.",
    "Missing values are filled from the column's median by default. A different strategy can be"
    " chosen per column, and a column can be left untouched when its gaps carry a meaning.",
    "The report at the end lists how many rows were read, how many were dropped and why, and how"
    " long each step took, so that a slow step is easy to find in a long chain of them.",
]
# A notebook-like section near the end: a heading, a call whose keyword lines carry no code
# mark ("port=5432,"), and the cell's output lines.
SECTION = [
    "Connecting to a database",
    "conn = Connection(",
    "host='db.example.org',",
    "port=5432,",
    "timeout=30,",
    "retries=2,",
    ")",
    "rows = conn.fetch('users')",
    "report = summary(rows)",
    "Rows read: 1200",
    "Rows kept: 1187",
]


def test_tail_cut_spares_a_docs_section_that_holds_code() -> None:
    paras = PROSE + SECTION
    kept = remove_chrome(paras, paras, "Toolkit guide")
    assert kept[-1] == "Rows kept: 1187"
    assert "port=5432," in kept


def test_tail_cut_still_drops_furniture_after_the_article() -> None:
    furniture = ["More guides", "Install", "Changelog", "Licence", "Contact us", "Privacy"]
    paras = PROSE + furniture
    kept = remove_chrome(paras, paras, "Toolkit guide")
    assert kept == PROSE


def test_code_lines_of_a_listing_are_not_taken_for_breadcrumbs() -> None:
    listing = ["fn scale<F>(&self, f: F) -> Self", "fn shift<F>(&self, f: F) -> Self"]
    paras = [PROSE[0], *listing, PROSE[1]]
    assert remove_chrome(paras, paras, "Trait Transform") == paras


def test_non_ascii_arrow_breadcrumbs_stay_chrome() -> None:
    crumbs = ["首页 > 新闻 > 正文", "首页 > 财经 > 正文"]
    paras = [*crumbs, PROSE[0], PROSE[1]]
    assert remove_chrome(paras, paras, "Toolkit guide") == [PROSE[0], PROSE[1]]


def _page(head: str) -> Page:
    body = "".join(f"<p>{p}</p>" for p in PROSE)
    html = (
        f"<html><head><title>Class DataCleaner</title>{head}</head><body><main>"
        f"<h1>Class DataCleaner</h1>{body}</main></body></html>"
    )
    return Page(source="t", body=html.encode(), fetched_at=FETCHED, path="docs/cleaner.html")


def test_undated_page_that_is_no_article_keeps_its_heading() -> None:
    art = extract_article(_page(""))
    assert art.title == "Class DataCleaner"
    assert art.text.startswith("Class DataCleaner\n\n")


def test_article_and_dated_pages_leave_the_headline_to_the_title() -> None:
    article = extract_article(_page('<meta property="og:type" content="article">'))
    dated = extract_article(
        _page('<meta property="article:published_time" content="2025-11-03T08:00:00Z">')
    )
    for art in (article, dated):
        assert art.title == "Class DataCleaner"
        assert art.text.startswith(PROSE[0][:40])


def _member(name: str, param: str, doc: str) -> str:
    # A generated class reference: each member's signature boxed in a one-row table whose
    # cell holds a table of its own (name, brackets, parameter type and name, qualifiers).
    return (
        f'<h2 class="memtitle">{name}()</h2><div class="memitem"><div class="memproto">'
        '<table class="mlabels"><tr><td class="mlabels-left"><table class="memname"><tr>'
        f'<td class="memname">virtual double Mixture::{name}</td><td>(</td>'
        f'<td class="paramtype">const std::string &amp;</td><td class="paramname">{param}</td>'
        '<td>)</td><td> const</td></tr></table></td><td class="mlabels-right">'
        '<span class="mlabels"><span class="mlabel">pure virtual</span></span></td></tr>'
        f'</table></div><div class="memdoc"><p>{doc}</p></div></div>'
    )


def test_boxed_member_signatures_are_kept() -> None:
    members = "".join(
        _member(n, p, d)
        for n, p, d in [
            ("massShare", "symbol", "Returns the share of the total mass held by one element."),
            ("moleShare", "symbol", "Returns the share of the moles held by one element."),
            ("charge", "ion", "Returns the mean charge of the given ion over the mixture."),
        ]
    )
    intro = "".join(f"<p>{p}</p>" for p in PROSE[:2])
    html = (
        "<html><head><title>Mixture Class Reference</title></head><body><div class='contents'>"
        f"{intro}<h2>Member Function Documentation</h2>{members}</div></body></html>"
    )
    page = Page(source="t", body=html.encode(), fetched_at=FETCHED, path="docs/mixture.html")
    text = extract_article(page).text
    assert "virtual double Mixture::moleShare" in text
    assert "Returns the mean charge of the given ion over the mixture." in text


def test_interactive_session_lines_are_not_chrome() -> None:
    session = [
        ">>> from shapes import Circle",
        ">>> ring = Circle(label='Click here to resize')",
        ">>> ring.sides",
        "0",
        ">>> for n in range(3):",
        "....:     print(n)",
        "....: 1",
        "....: 2",
    ]
    paras = [PROSE[0], *session, PROSE[1]]
    assert remove_chrome(paras, paras, "Shapes tutorial") == paras


def test_a_version_number_by_a_code_like_line_stays_chrome() -> None:
    paras = ["shapes", "2.4.1", "In shapes::geometry", PROSE[0], PROSE[1]]
    assert "2.4.1" not in remove_chrome(paras, paras, "Module geometry")
