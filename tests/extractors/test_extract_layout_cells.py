"""Loose text in the cells of an unwrapped layout table stays in the body."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import etree
from lxml import html as lxml_html

from extractors.article import extract_article
from extractors.layouttables import unwrap_layout_tables, wrap_loose_text
from extractors.rows import Page

# Our own text: a town council's decision on a ferry timetable (invented, plain facts).
LEAD = (
    "The town council has voted to keep the late ferry to the island running through the "
    "winter, after residents asked for a service that does not end at six in the evening."
)
PARAS = [
    "The council said the late crossing would leave the harbour at half past nine on weekdays "
    "and at eleven on Saturdays, with the last boat back from the island an hour later.",
    "The ferry company had planned to stop the evening crossings in November, as it does "
    "every year, because few passengers travel after dark in the colder months.",
    "Members of the council said the cost of the extra crossings would be shared between "
    "the town and the island's own community board for a trial period of one winter.",
    "A survey of island households found that most of those who answered work or study on "
    "the mainland and would use an evening boat at least twice a week if it ran all year.",
    "The harbour master said the quay lights would stay on until the last boat is moored, and "
    "that the waiting room on the town side would be heated for the evening passengers.",
]
AFTER_BOX = (
    "The company will publish the winter timetable next month, and the council will look at "
    "the number of passengers on the late boats again before deciding on the next winter."
)
QUOTE = "People on the island should not have to leave work early to get home"


def _page() -> str:
    """Return an old table-layout news page: the story cell mixes loose text and boxes."""
    menu = "".join(f"<td><a href='/s{i}'>Section {i}</a></td>" for i in range(8))
    paras = "".join(f"<p>\n{p}\n" for p in PARAS[:2])
    rest = "".join(f"<p>\n{p}\n" for p in PARAS[2:])
    return (
        "<html><head><title>Late ferry kept for the winter</title></head><body>"
        f"<table width='770'><tr>{menu}</tr></table>"
        "<table width='629'><tr><td colspan='2'><div class='hd'>Late ferry kept for the winter"
        "</div></td></tr><tr><td valign='top' width='416'><font size='2'>"
        "<!-- story starts -->"
        "<table align='right' width='203'><tr><td><div><img src='/ferry.jpg' alt='The ferry'>"
        "<div class='cap'>The ferry at the town quay</div></div></td></tr></table>"
        f"<b>{LEAD}</b>{paras}"
        "<table align='right' width='150'><tr><td><div class='quote'>"
        f"<b>{QUOTE}</b></div><div>A council member</div></td></tr></table>"
        f"<!-- box ends -->\n{AFTER_BOX}\n{rest}"
        "</font></td><td width='200'><div class='links'><a href='/a'>Ferry fares</a><br>"
        "<a href='/b'>Harbour works</a></div></td></tr></table>"
        "<table width='770'><tr><td><a href='/help'>Help</a> | <a href='/terms'>Terms</a>"
        "</td></tr></table></body></html>"
    )


def test_a_lead_and_a_paragraph_after_a_box_in_a_layout_cell_are_kept() -> None:
    page = Page(source="t", body=_page().encode(), fetched_at=datetime(2026, 1, 1, tzinfo=UTC))
    text = extract_article(page).text
    assert LEAD in text
    assert AFTER_BOX in text
    assert all(p in text for p in PARAS)


OPENING = "Opening words of a story that stand loose in the cell, as long as a line of prose"
AFTER = "Words after the box that carry the story on, as long as a sentence of a news report"


def test_loose_runs_between_blocks_become_paragraphs_in_order() -> None:
    el = lxml_html.fromstring(
        f"<div>{OPENING} <b>in bold</b><div>a box</div><!-- a comment -->{AFTER} "
        f"<a href='/x'>a link</a><p>a paragraph</p>   <span>By a staff writer</span></div>"
    )
    wrap_loose_text(el)
    kids = [(kid.tag, kid.text_content().strip()) for kid in el if isinstance(kid.tag, str)]
    assert kids == [
        ("p", f"{OPENING} in bold"),
        ("div", "a box"),
        ("p", f"{AFTER} a link"),
        ("p", "a paragraph"),
        ("span", "By a staff writer"),  # a short run (a byline, a label) is left as it was
    ]
    # nothing lost or doubled: the same characters in the same order
    expected = f"{OPENING} in bold a box {AFTER} a link a paragraph By a staff writer"
    assert "".join(el.text_content().split()) == expected.replace(" ", "")


def test_an_element_without_block_children_is_left_alone() -> None:
    el = lxml_html.fromstring(f"<div>{OPENING} <b>inline</b> text<br>{AFTER}</div>")
    before = etree.tostring(el)
    wrap_loose_text(el)
    assert etree.tostring(el) == before


def test_an_inline_element_holding_blocks_counts_as_a_block_and_empty_blocks_do_not() -> None:
    el = lxml_html.fromstring(
        f"<div><span>{OPENING}</span><font><p>one</p><p>two</p></font>{AFTER}</div>"
    )
    wrap_loose_text(el)
    assert [kid.tag for kid in el] == ["p", "font", "p"]
    assert el[0].text_content() == OPENING and el[2].text_content() == AFTER
    alone = lxml_html.fromstring(f"<div>{OPENING}<br>{AFTER}<hr><div></div></div>")
    before = etree.tostring(alone)
    wrap_loose_text(alone)
    assert etree.tostring(alone) == before


def test_an_empty_p_separates_paragraphs_as_in_html_2() -> None:
    # text<p><center></center>text: the parser closes each <p> at the block after it, so the
    # paragraphs are the span's text and the tails of the empty blocks.
    el = lxml_html.fromstring(
        f'<div><span class="story">{LEAD}<p><center></center>\n{PARAS[0]}'
        f"<p><center></center>\n{PARAS[1]}</span></div>"
    )
    span = el.find("span")
    wrap_loose_text(span)
    texts = [" ".join(p.text_content().split()) for p in span.iter("p") if p.text_content()]
    assert texts == [LEAD, PARAS[0], PARAS[1]]


def _layout_page(paragraphs: list[str]) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(
        "<html><body><div id='plain'>Loose text<div>a block</div></div>"
        "<table id='data'><tr><th>Year</th><th>Note</th></tr>"
        f"<tr><td>2025</td><td>{OPENING} <div>cell block</div> text</td></tr></table>"
        f"<table id='layout'><tr><td>{LEAD}<table><tr><td>box</td></tr></table>"
        f"{AFTER_BOX}</td></tr></table>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</body></html>"
    )


def test_only_unwrapped_layout_tables_are_touched() -> None:
    tree = _layout_page(PARAS)
    unwrap_layout_tables(tree)
    plain = tree.get_element_by_id("plain")
    assert (plain.text or "").strip() == "Loose text"  # outside any layout table
    assert tree.get_element_by_id("data").find(".//td/p") is None
    layout = tree.get_element_by_id("layout")
    assert layout.tag == "div"
    assert [p.text_content() for p in layout.iter("p")] == [LEAD, AFTER_BOX]


def test_loose_text_is_not_wrapped_where_trafilatura_reads_divs() -> None:
    # Under 750 characters of <p> text trafilatura reads divs' text too: a <p> made here
    # would turn that off, so the cells are left as they are.
    tree = _layout_page(PARAS[:1])
    unwrap_layout_tables(tree)
    layout = tree.get_element_by_id("layout")
    assert layout.tag == "div" and layout.find(".//p") is None


def _separator_page() -> str:
    """Return a table-layout page whose story is written text<p><center></center>text."""
    menu = "".join(f"<td><a href='/s{i}'>Section {i}</a></td>" for i in range(8))
    story = "".join(f"<p><center></center>\n{p}" for p in PARAS)
    # Site notes in <p> elsewhere on the page: past trafilatura's paragraph switch (750).
    notes = [
        "The Town Crier is printed every weekday morning and delivered to the island by the first ferry.",
        "Letters to the editor are welcome and may be shortened; please give a name and a home town.",
        "Corrections are printed on page two of the next edition and noted under the story online.",
        "Subscriptions for the printed paper can be paid at the harbour office or at any post office.",
        "The newsroom is open from nine to five on weekdays, and a reporter is on call at weekends.",
        "Photographs in this edition may be bought as prints from the front desk of the newsroom.",
        "Notices of births, marriages and deaths are taken until four in the afternoon the day before.",
        "The paper is a member of the regional press council and follows its code of practice.",
        "Advertising rates for the classified pages are sent on request by post or by telephone.",
        "The Town Crier archive of past editions may be read in the reference room of the library.",
    ]
    footer = "<div class='notes'>" + "".join(f"<p>{n}</p>" for n in notes) + "</div>"
    return (
        "<html><head><title>Late ferry kept for the winter</title></head><body>"
        f"<table width='770'><tr>{menu}</tr></table>"
        "<table width='629'><tr><td valign='top'><table><tr><td>"
        "<span class='published'>Published Monday</span><br>"
        f"<span class='article'>{LEAD}{story}</span>"
        "</td></tr></table></td><td width='200'><div class='links'><a href='/a'>Ferry fares</a>"
        f"<br><a href='/b'>Harbour works</a></div></td></tr></table>{footer}</body></html>"
    )


def test_a_story_of_empty_p_separators_in_a_layout_cell_is_kept() -> None:
    page = Page(
        source="t", body=_separator_page().encode(), fetched_at=datetime(2026, 1, 1, tzinfo=UTC)
    )
    text = extract_article(page).text
    assert LEAD in text
    assert all(p in text for p in PARAS)


WEATHER = (
    "Weather for the island: showers this morning, clearing by noon, a light westerly wind "
    "and a high of eleven degrees; the evening crossing is expected to run on time."
)


IN_BR = "<div class='story'>" + "<br><br>".join(PARAS) + "</div>"
IN_P = "<div class='story'>" + "".join(f"<p>{p}</p>" for p in PARAS) + "</div>"
# Two readers' posts, each a div of text alone of one class: the longer outweighs any box.
POSTS = f"<div class='post'>{'<br>'.join(PARAS[:4])}</div><div class='post first'>{PARAS[4]}</div>"


def _div_story_page(story: str) -> str:
    """Return a table-layout page whose story cell holds story (markup) and a weather box."""
    menu = "".join(f"<td><a href='/s{i}'>Section {i}</a></td>" for i in range(8))
    # Site notes in <p>, in two boxes: past trafilatura's paragraph switch (750) on the page,
    # and each box shorter than the story.
    notes = [
        "The Town Crier is printed every weekday morning and reaches the island by the first boat.",
        "Letters to the editor are welcome and may be shortened; please give a name and a town.",
        "Corrections are printed on page two of the next edition and noted under the story.",
        "Subscriptions can be paid at the harbour office or at any post office on the island.",
        "The newsroom is open from nine to five on weekdays, with a reporter on call at weekends.",
        "Photographs in this edition may be bought as prints from the front desk of the newsroom.",
        "Notices of births, marriages and deaths are taken until four in the afternoon before.",
        "The paper follows the code of practice of the regional press council in all it prints.",
        "Advertising rates for the classified pages are sent on request by post or by telephone.",
        "The archive of past editions may be read in the reference room of the town library.",
    ]
    boxes = "".join(
        "<div class='notes'>" + "".join(f"<p>{n}</p>" for n in half) + "</div>"
        for half in (notes[:5], notes[5:])
    )
    return (
        "<html><head><title>Late ferry kept for the winter</title></head><body>"
        f"<table width='770'><tr>{menu}</tr></table>"
        "<table width='629'><tr><td valign='top' width='416'>"
        f"<div class='hd'>Late ferry kept for the winter</div>{story}</td>"
        f"<td width='200'><div class='weather'>{WEATHER}</div></td></tr></table>"
        f"{boxes}</body></html>"
    )


def test_a_story_in_a_div_of_text_alone_is_wrapped_in_paragraphs() -> None:
    # The page's story is a div of text and <br> only, longer than any element's paragraphs:
    # its prose (and that of the cell's other text-only divs) becomes paragraphs.
    tree = lxml_html.fromstring(_div_story_page(IN_BR))
    unwrap_layout_tables(tree)
    story = tree.find_class("story")[0]
    assert [kid.tag for kid in story] == ["p"]
    assert story[0].text_content() == "".join(PARAS)  # the <br> hold no text
    page = Page(
        source="t",
        body=_div_story_page(IN_BR).encode(),
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    text = extract_article(page).text
    assert all(p in text for p in PARAS)


def test_a_div_of_text_alone_beside_a_story_in_paragraphs_is_left_alone() -> None:
    # The story is in <p>: a text-only div beside it (a weather bulletin) is a box, not prose.
    tree = lxml_html.fromstring(_div_story_page(IN_P))
    unwrap_layout_tables(tree)
    weather = tree.find_class("weather")[0]
    assert weather.find("p") is None and (weather.text or "").startswith("Weather for")


def test_a_series_of_text_divs_of_one_class_is_left_alone() -> None:
    # Posts of a thread or a blog's front page: one of a series, not the page's one story.
    tree = lxml_html.fromstring(_div_story_page(POSTS))
    unwrap_layout_tables(tree)
    assert all(post.find("p") is None for post in tree.find_class("post"))
