"""Titles of docs and board pages: identifiers with underscores, bullet separators, heading controls."""

from __future__ import annotations

from lxml import html as lxml_html
from titlekit import BODY, article_title

from extractors.headingtext import heading_text
from extractors.metadata import strip_site_suffix
from extractors.titleecho import echoed_title, titled_closing


def test_an_underscore_inside_an_identifier_is_no_site_separator() -> None:
    assert strip_site_suffix("Function parse_harbour_times") == "Function parse_harbour_times"
    assert strip_site_suffix("移植到Board_X20的一些记录") == "移植到Board_X20的一些记录"
    # next to Chinese text, or spaced, it still ends the headline before the site name
    assert strip_site_suffix("渡轮冬季时刻表_交通_示例网") == "渡轮冬季时刻表"
    assert strip_site_suffix("Ferry times _ Harbour News") == "Ferry times"


def test_a_bullet_separates_a_host_from_the_topic_it_echoes() -> None:
    title = "boards.example.org • Winter ferry times"
    tree = lxml_html.fromstring(f"<html><body><h2>Winter ferry times</h2>{BODY}</body></html>")
    assert echoed_title(tree, title, None) == "Winter ferry times"


def test_a_heading_that_prints_the_long_closing_run_is_the_topic() -> None:
    title = "Harbour Riders • View topic - Winter ferry times and the extra Saturday crossings"
    topic = "Winter ferry times and the extra Saturday crossings"
    markup = f"<html><head><title>{title}</title></head><body><h2>{topic}</h2>{BODY}</body></html>"
    assert echoed_title(lxml_html.fromstring(markup), title, None) == topic
    assert article_title(markup) == topic


def test_a_short_closing_name_in_a_heading_is_not_taken_for_the_topic() -> None:
    # "Headline - Site" with the site's name in a heading: the name is shorter than the rest.
    title = "Winter ferry times and the extra Saturday crossings - Harbour Riders"
    tree = lxml_html.fromstring(f"<html><body><h2>Harbour Riders</h2>{BODY}</body></html>")
    assert echoed_title(tree, title, None) is None


def test_buttons_and_control_links_in_a_heading_are_not_title_words() -> None:
    h1 = lxml_html.fromstring(
        '<h1>Function <span>parse_times</span>&nbsp;<button title="copy">Copy item path</button></h1>'
    )
    assert " ".join(heading_text(h1).split()) == "Function parse_times"
    h1 = lxml_html.fromstring(
        '<h1><span>Crate <a href="">ferry_times</a></span><span><a href="javascript:void(0)">'
        '[<span>&#x2212;</span>]</a><a href="../src/lib.rs.html">[src]</a></span></h1>'
    )
    assert " ".join(heading_text(h1).split()) == "Crate ferry_times"
    # a bracketed phrase of the title itself stays
    h1 = lxml_html.fromstring("<h1>Ferry times [updated weekly]</h1>")
    assert heading_text(h1) == "Ferry times [updated weekly]"


def test_the_article_title_leaves_out_the_heading_controls() -> None:
    markup = (
        "<html><head><title>parse_times in ferry - Rust</title></head><body>"
        "<h1>Function <span>parse_times</span> <button>Copy item path</button></h1>"
        f"{BODY}</body></html>"
    )
    assert article_title(markup) == "Function parse_times"


def test_a_permalink_mark_after_a_heading_is_not_part_of_the_title() -> None:
    markup = (
        "<html><head><title>Ferry timetables — Harbour docs</title></head><body>"
        '<h1>Ferry timetables<a class="headerlink" href="#ferry-timetables">¶</a></h1>'
        f"{BODY}</body></html>"
    )
    assert article_title(markup) == "Ferry timetables"
    h1 = lxml_html.fromstring('<h1>Winter crossings<a href="#winter">#</a></h1>')
    assert heading_text(h1) == "Winter crossings"


def test_a_title_classed_heading_that_closes_the_title_is_the_page_heading() -> None:
    # A generated reference page without an h1: the header block prints the closing part.
    markup = (
        "<html><head><title>Harbour Toolkit: src/ferry/timetable.h File Reference</title></head>"
        '<body><div class="header"><div class="title">timetable.h File Reference</div></div>'
        f"{BODY}</body></html>"
    )
    assert article_title(markup) == "timetable.h File Reference"
    # an old board's topic cell under a title that opens with the board's name
    markup = (
        "<html><head><title>Harbour Riders :: View topic - ferry back tomorrow</title></head>"
        '<body><table><tr><td class="maintitle">ferry back tomorrow</td></tr></table>'
        f"{BODY}</body></html>"
    )
    assert article_title(markup) == "ferry back tomorrow"


def test_a_title_classed_site_name_closing_the_title_is_not_the_heading() -> None:
    markup = (
        "<html><head><title>Winter crossings resume | Harbour Notes</title></head><body>"
        '<p class="site-title">Harbour Notes</p><h2 class="entry-title">Winter crossings resume</h2>'
        f"{BODY}</body></html>"
    )
    assert article_title(markup) == "Winter crossings resume"
    tree = lxml_html.fromstring(markup)
    assert titled_closing(tree, "Winter crossings resume | Harbour Notes") == "Harbour Notes"
