"""Eighth-round mechanisms: crude fast passes, data-table rows, reporter leads, foreign inserts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml.html import HtmlElement

import extractors.htmlbody as htmlbody
from extractors.article import extract_article
from extractors.bodypasses import extract_pass_measured
from extractors.clean import find_foreign_inserts, find_table_rows, remove_chrome
from extractors.htmlparse import parse_markup
from extractors.rows import Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
PROSE = (
    "The committee met on Tuesday to review the draft rules for automated decision systems, "
    "and members asked the agency to publish its impact assessments before the vote."
)


def _tree(markup: str) -> HtmlElement:
    tree = parse_markup(markup)
    assert tree is not None
    return tree


def test_a_page_without_a_content_block_is_a_crude_pass() -> None:
    spans = "".join(f"<span>w{i}</span> <span>=</span><br>" for i in range(60))
    _, _, crude = extract_pass_measured(_tree(f"<html><body>{spans}</body></html>"), None, True)
    assert crude
    article = f"<html><body><article><p>{PROSE}</p><p>{PROSE}</p></article></body></html>"
    text, _, crude = extract_pass_measured(_tree(article), None, True)
    assert text and not crude


def test_a_crude_fast_pass_gives_way_to_the_full_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    crude_text = "\n".join(["If", "g", "=", "h", "then"] * 60)
    full = f"If g = h then the group is cyclic. {PROSE}"

    def passes(tree: HtmlElement, url: str | None, fast: bool, **_: bool) -> tuple[str, int, bool]:
        return (crude_text, 0, True) if fast else (full, 0, False)

    monkeypatch.setattr(htmlbody, "extract_pass_measured", passes)
    page = "<html><body><div>x</div></body></html>"
    assert htmlbody.extract_body(_tree(page), None, lambda: _tree(page)).text == full


def test_a_full_pass_that_is_crude_too_does_not_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    menu = "\n".join(f"Menu entry {i}" for i in range(40))

    def passes(tree: HtmlElement, url: str | None, fast: bool, **_: bool) -> tuple[str, int, bool]:
        return (menu, 0, True) if fast else ("Menu", 0, True)

    monkeypatch.setattr(htmlbody, "extract_pass_measured", passes)
    page = "<html><body><div>x</div></body></html>"
    assert htmlbody.extract_body(_tree(page), None, lambda: _tree(page)).text == menu


def test_header_rows_of_a_data_table_are_not_menus() -> None:
    paras = [
        PROSE,
        "Model | Weight | Battery | Screen",
        "Alpha | 1.2 kg | 10 h | 13 in",
        "Beta | 1.5 kg | 12 h | 15 in",
        PROSE.replace("Tuesday", "Friday"),
        "Home | News | Sport | Contact",
    ]
    assert find_table_rows(paras) == {1}
    kept = remove_chrome(paras, paras)
    assert "Model | Weight | Battery | Screen" in kept
    assert "Home | News | Sport | Contact" not in kept


def test_a_lead_sentence_naming_its_reporter_stays() -> None:
    lead = "新华社北京5月3日电（记者王小明）国务院3日发布通知，要求各地加快推进数据中心节能改造。"
    rest = "通知指出，新建数据中心的电能利用效率应低于1.3，存量数据中心应在三年内完成改造。" * 2
    body = f"# 国务院发布数据中心节能通知\n\n{lead}\n\n{rest}\n"
    art = extract_article(Page(source="t", body=body.encode(), fetched_at=FETCHED, path="a.md"))
    assert lead in art.text
    assert art.author == "王小明"


def test_a_byline_line_is_still_removed() -> None:
    rest = "通知指出，新建数据中心的电能利用效率应低于1.3，存量数据中心应在三年内完成改造。" * 2
    body = f"# 国务院发布数据中心节能通知\n\n（记者 王小明）\n\n{rest}\n"
    art = extract_article(Page(source="t", body=body.encode(), fetched_at=FETCHED, path="a.md"))
    assert "王小明" not in art.text
    assert art.author == "王小明"


def test_a_summary_widget_on_an_english_page_is_a_foreign_insert() -> None:
    paras = [PROSE, "この記事は委員会の規則案の審議について要約したものです。", PROSE, PROSE]
    assert find_foreign_inserts(paras) == {1}


def test_chinese_prose_between_code_lines_is_not_foreign() -> None:
    code = [f"-v /home/data/docker/app{i}:/bitnami/app{i}:ro \\" for i in range(30)]
    paras = [
        "下面的脚本可以直接使用，关键的参数会逐一说明。",
        *code,
        "注意挂载目录的权限需要提前设置好。",
    ]
    assert find_foreign_inserts(paras) == set()


def test_reply_lines_cut_the_tail_only_where_the_replies_start() -> None:
    # A thread page whose first posts are long: its later short replies, each under a
    # "Re: <topic>" line, are the thread going on, not comments under an article.
    opening = (
        "We refinanced our house last month and the rate fell by almost a point, "
        "so here is what we paid and which lender we chose in the end."
    )
    paras = ["Mortgage refinance notes", opening]
    for reply in range(2):
        paras.append("Re: Mortgage refinance notes")
        paras += [
            f"Reply {reply}, part {i}: what the lender charged us, fee by fee." for i in range(6)
        ]
    for i in range(6):
        paras += ["Re: Mortgage refinance notes", f"Short answer {i}: same here."]
    kept = remove_chrome(paras, paras)
    assert "Short answer 5: same here." in kept


def test_a_dense_run_of_reply_lines_after_an_article_is_its_tail() -> None:
    article = [
        f"Paragraph {i} of the council's report on the new bus lanes, with the costs and dates."
        for i in range(6)
    ]
    replies = [
        "Re: Bus lanes",
        "Great news.",
        "Re: Bus lanes",
        "Too slow.",
        "Re: Bus lanes",
        "Why?",
    ]
    kept = remove_chrome(article + replies, article + replies)
    assert kept == article
