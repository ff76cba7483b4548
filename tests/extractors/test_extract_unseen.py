"""Mechanisms for pages the cue tables never saw: fast-pass check, tail evidence, Markdown."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import htmldate
import pytest
from lxml import html as lxml_html

from extractors.article import extract_article
from extractors.clean import remove_chrome
from extractors.formats import is_link_line, parse_document
from extractors.htmlbody import read_visible_paragraphs
from extractors.layouttables import unwrap_layout_tables
from extractors.metadata import strip_site_suffix, unescape_title
from extractors.repair import repair_text
from extractors.rows import Article, Page
from extractors.visibletext import strip_invisible

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
PROSE = (
    "The committee met on Tuesday to review the draft rules for automated decision systems, "
    "and members asked the agency to publish its impact assessments before the vote."
)


def _extract(body: str, **fields: str) -> Article:
    page = Page(source="t", body=body.encode(), fetched_at=FETCHED, **fields)
    return extract_article(page)


def _lines(n: int) -> list[str]:
    base = ["The river runs past the mill", "Under a sky of slate", "The miller counts"]
    return [f"{base[i % 3]} {i}" for i in range(n)]


def test_visible_paragraphs_count_visible_prose_only() -> None:
    long = "x" * 40
    tree = lxml_html.fromstring(
        f"<html><body><nav><p>{long}</p></nav><div style='display: none'><p>{long}</p></div>"
        f"<div hidden><p>{long}</p></div><footer><p>{long}</p></footer><p>short</p>"
        f"<main><p>{long}</p><div><p>{long}</p></div></main></body></html>"
    )
    assert read_visible_paragraphs(tree)[:2] == (80, 2)


def test_data_tables_are_not_unwrapped_but_layout_tables_are() -> None:
    cell = "A synopsis long enough to look like a layout cell. " * 4
    tree = lxml_html.fromstring(
        f"<html><body><table id='d'><tr><th>Film</th><th>Plot</th></tr>"
        f"<tr><td>One</td><td>{cell}</td></tr></table>"
        f"<table id='l'><tr><td>{cell}</td></tr></table></body></html>"
    )
    unwrap_layout_tables(tree)
    assert tree.get_element_by_id("d").tag == "table"
    assert tree.get_element_by_id("l").tag == "div"


def test_layout_table_loses_rows_and_wrapper_cells() -> None:
    tree = lxml_html.fromstring(
        "<html><body><table id='outer'><tbody><tr>"
        "<td class='nav'><a href='/'>Home</a></td>"
        "<td> <table id='inner'><tr><td id='text'><p>" + PROSE + "</p></td></tr></table> </td>"
        "</tr><tr><td>Footer line</td></tr></tbody></table>"
        "<table id='data'><tr><th>Year</th><th>Budget</th></tr>"
        "<tr><td>2025</td><td>4 billion</td></tr></table></body></html>"
    )
    unwrap_layout_tables(tree)
    outer = tree.get_element_by_id("outer")
    # No rows or row groups left; the cell that only wrapped the inner table is gone, the
    # cells with a class, an id or text are divs, in page order.
    assert outer.tag == "div"
    assert [el.tag for el in outer.iter("tr", "tbody", "td", "table")] == []
    assert [(el.get("class"), el.get("id")) for el in outer] == [
        ("nav", None),
        (None, "inner"),
        (None, None),
    ]
    assert tree.get_element_by_id("text").getparent() is tree.get_element_by_id("inner")
    assert PROSE in outer.text_content()
    data = tree.get_element_by_id("data")
    assert data.tag == "table" and len(data.findall(".//tr")) == 2


def test_legal_subheading_inside_an_article_does_not_cut_the_rest() -> None:
    paras = [PROSE, PROSE + " One.", "Terms of Use", PROSE + " Two.", PROSE + " Three."]
    assert remove_chrome(paras, paras) == [p for p in paras if p != "Terms of Use"]


def test_legal_heading_at_the_end_starts_the_tail() -> None:
    paras = [PROSE, PROSE + " One.", PROSE + " Two.", "Terms of Use", "Privacy"]
    assert remove_chrome(paras, paras) == paras[:3]


def test_a_page_of_short_lines_keeps_all_of_them() -> None:
    lines = _lines(48)
    body = "".join(f"<p>{line}</p>" for line in lines)
    art = _extract(f"<html><head><title>Mill Song</title></head><body><article>{body}</article>")
    assert art.text.split("\n\n") == lines


def test_closing_disclaimer_and_caption_credits_are_chrome() -> None:
    paras = [
        PROSE,
        "The minister at the press conference in Paris. (Photo: Staff photographer)",
        PROSE + " One.",
        PROSE + " Two.",
        "市场有风险，投资需谨慎。本文不构成个人投资建议。",
    ]
    assert remove_chrome(paras, paras) == [PROSE, PROSE + " One.", PROSE + " Two."]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- [Home](/) - [News](/news)", True),
        ("[Share](https://x.example/s) [Mail](mailto:a@b.example)", True),
        ("延伸阅读：1.[一篇文章的标题](https://a.example/1)2.[另一篇](https://a.example/2)", True),
        ("The agency [published the rules](https://a.example/r) on Monday morning.", False),
        ("No links at all.", False),
    ],
)
def test_is_link_line(line: str, expected: bool) -> None:
    assert is_link_line(line) is expected


def test_markdown_archive_furniture_goes_and_metadata_comes_from_front_matter() -> None:
    page = (
        "---\nsource_url: https://www.policy.example/2025/ai-rules\n---\n"
        "# [Back to home](https://www.policy.example/)\n\n"
        "## New rules for automated decisions\n\n"
        "![chart](data:image/png;base64,iVBORw0KGgo=)\n\n"
        f'{PROSE} <img src="a.png" alt="a chart"> See [the\nfull text](https://a.example/t).\n\n'
        "- [Home](/)\n- [Policy](/policy)\n\n"
        "本文已被查看 1,234 次\n"
    )
    doc = parse_document(page)
    assert doc.meta["outlet_host"] == "policy.example"
    assert doc.headings[0] == "New rules for automated decisions"
    art = _extract(page)
    assert art.title == "New rules for automated decisions"
    assert art.outlet == "policy.example"
    assert art.text == PROSE + " See the full text."


def test_reader_dump_header_gives_title_url_and_date() -> None:
    page = (
        "Title: Agency publishes AI rules | Policy Example\n\nURL Source: "
        "https://policy.example/a\n\nPublished Time: 2025-03-04T10:00:00+00:00\n\n"
        f"Markdown Content:\n{PROSE}\n\n{PROSE} Again.\n"
    )
    art = _extract(page)
    assert art.title == "Agency publishes AI rules"
    assert art.url == "https://policy.example/a"
    assert art.published_at == datetime(2025, 3, 4, 10, tzinfo=UTC)
    assert "Markdown Content" not in art.text


def test_titles_are_unescaped() -> None:
    assert unescape_title("It&#8217;s the &amp;#39;rule&amp;#39;") == "It\u2019s the 'rule'"
    art = _extract(
        "<html><head><title>Europe&#8217;s AI rules</title></head>"
        f"<body><article><p>{PROSE}</p><p>{PROSE}</p></article></body></html>"
    )
    assert art.title == "Europe\u2019s AI rules"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Costs rise — but so do the gains | TechLedger", "Costs rise — but so do the gains"),
        ("宇航员在太空中的一天 _探索者 _光明网", "宇航员在太空中的一天"),
        ("Issue #282 - 0.17 in sight | Factorio", "Issue #282 - 0.17 in sight"),
        (
            "EU AI Act - what every company needs to know",
            "EU AI Act - what every company needs to know",
        ),
    ],
)
def test_strip_site_suffix_cuts_only_trailing_site_names(title: str, expected: str) -> None:
    assert strip_site_suffix(title) == expected


def test_htmldate_is_the_fallback_when_our_readers_find_no_date() -> None:
    # Our readers do not take a <time> in a footer; htmldate does.
    body = (
        "<html><head><title>Rules</title></head><body><article>"
        f"<p>{PROSE}</p><p>{PROSE}</p></article>"
        "<footer><time datetime='2025-03-04'>Spring</time></footer></body></html>"
    )
    assert htmldate.find_date(body, original_date=True) == "2025-03-04"
    art = _extract(body)
    assert art.published_at == datetime(2025, 3, 4, tzinfo=UTC)
    without = _extract(body.replace("2025-03-04", "spring"))
    assert without.published_at is None


def test_hard_wrapped_markdown_paragraphs_are_joined_and_verse_is_not() -> None:
    wrapped = (
        "The committee met on Tuesday to review the draft\n"
        "rules for automated systems. Members asked the\n"
        "agency to publish its impact assessments before\n"
        "the vote."
    )
    verse = "The river runs past the mill\nUnder a sky of slate\nThe miller counts"
    art = _extract(f"---\ntitle: Rules\n---\n\n{wrapped}\n\n{verse}\n\n{PROSE}\n")
    assert art.text.split("\n\n")[0] == " ".join(wrapped.split("\n"))
    assert "The river runs past the mill\n\nUnder a sky of slate" in art.text


def test_strip_invisible_matches_the_lazy_regex_it_replaces() -> None:
    lazy = re.compile(
        r"<(head|script|style|noscript|template|select|textarea)\b.*?</\1\s*>|<!--.*?-->",
        re.IGNORECASE | re.DOTALL,
    )
    pages = [
        "<html><HEAD><title>t</title></head><body><p>a</p><script>x<y</SCRIPT ><p>b</p>",
        "<p>a</p><!-- c --><style>s</style><p>b</p><!-- unclosed <p>c</p>",
        "<p>a</p><script>never closed<p>b</p><select><option>o</option></select>",
        "<p>no invisible parts</p>",
    ]
    for page in pages:
        assert strip_invisible(page) == lazy.sub("", page)


def test_reader_comments_are_cut_only_when_a_thread_follows_the_heading() -> None:
    thread = ["3 Comments", "Jane Doe says:", "March 4, 2025 at 10:15 am", PROSE, "Reply"]
    paras = [PROSE, PROSE + " One.", PROSE + " Two.", *thread]
    assert remove_chrome(paras, paras) == paras[:3]
    section = [PROSE, PROSE + " One.", "Comments", PROSE + " Two.", PROSE + " Three."]
    assert remove_chrome(section, section) == [p for p in section if p != "Comments"]


def test_escaped_markup_of_feed_saved_posts_is_removed_and_comparisons_stay() -> None:
    assert repair_text('Text &lt;img src="a.png" alt="a chart"&gt; more.') == "Text more."
    assert repair_text("if a &lt; b and c &gt; d") == "if a < b and c > d"


def test_bare_headings_at_the_end_go_and_a_closing_line_stays() -> None:
    paras = [PROSE, PROSE + " One.", PROSE + " Two.", "提到的股票", "概念股", "參考資料"]
    assert remove_chrome(paras, paras) == paras[:3]
    single = [PROSE, PROSE + " One.", "Thanks for reading"]
    assert remove_chrome(single, single) == single


def test_a_japanese_summary_on_an_english_page_goes_but_english_in_chinese_stays() -> None:
    summary = "政府は人工知能の安全性に関する新しい規則を発表し、企業に報告を求めた。"
    paras = [summary, PROSE, PROSE + " One.", PROSE + " Two."]
    assert remove_chrome(paras, paras) == paras[1:]
    chinese = [
        "委员会周二审议了自动化决策系统的规则草案，要求机构在投票前公布影响评估。" * 3,
        PROSE,
    ]
    assert remove_chrome(chinese, chinese) == chinese


def test_reprint_notices_before_the_article_go_but_a_lead_about_licensing_stays() -> None:
    notice = "This copy is for your personal, non-commercial use only. To order copies, visit us."
    paras = ["Agency Publishes Rules", notice, PROSE, PROSE + " One."]
    assert remove_chrome(paras, paras) == [paras[0], PROSE, PROSE + " One."]
    lead = "法院裁定，未经授权使用他人作品训练模型构成侵权。"
    news = [lead, "委员会周二审议了规则草案，要求机构在投票前公布影响评估，并听取各方意见。" * 3]
    assert remove_chrome(news, news) == news


def test_a_named_outlet_wins_over_the_front_matter_url_host() -> None:
    page = (
        "---\nurl: https://mp.weixin.qq.com/s/abc\n---\n公众号：政策观察\n\n"
        f"{PROSE}\n\n{PROSE} Again.\n"
    )
    assert _extract(page).outlet == "政策观察"
    named = page.replace("url: https", "site: Policy Watch\nurl: https")
    assert _extract(named).outlet == "Policy Watch"


def test_outlet_display_name_first_and_trailing_labels_cut() -> None:
    page = "---\nsource: federal_register\nsource_name: Federal Register\n---\n" + PROSE * 2
    assert _extract(page).outlet == "Federal Register"
    dump = f"来源：时代周报 作者：马欢\n\n{PROSE}\n\n{PROSE}\n"
    assert _extract(dump).outlet == "时代周报"


def test_a_metadata_headline_the_page_title_does_not_echo_is_not_the_title() -> None:
    body = (
        '<html><head><title>List of rules on automated decisions - Wiki</title><script type="'
        'application/ld+json">{"@type": "Article", "headline": "Wikimedia list article"}'
        f"</script></head><body><h1>List of rules on automated decisions</h1><p>{PROSE}</p>"
        f"<p>{PROSE}</p></body></html>"
    )
    assert _extract(body).title == "List of rules on automated decisions"
