"""Measures from articles without signal rows: AI instruments only, and the steps told around them."""

from __future__ import annotations

from datetime import date

import pytest
from measurekit import article, signal_of

from extractors.measures import build_measures, find_cues, find_mentions
from extractors.measures.topic import AI_TERM, AI_TERM_PREFILTER, about_ai
from extractors.rows import Article


def events(*rows: Article, signals: bool = False) -> list[tuple[str, str, str, date | None]]:
    arts = list(rows)
    sigs = [signal_of(r) for r in arts] if signals else []
    tables = build_measures(arts, sigs)
    name = {m.measure_id: m.name_en or m.name_zh or "" for m in tables.measures}
    return sorted((e.article_id, name[e.measure_id], e.status, e.event_date) for e in tables.events)


def test_a_brief_without_signal_rows_gives_its_ai_instrument_only() -> None:
    brief = article(
        "国务院常务会议原则通过《耕地保护法（草案）》。"
        "工业和信息化部3月2日印发《人工智能产业标准化指南》。",
        "2026-03-03",
        "b1",
        "zh",
    )
    assert events(brief) == [("b1", "人工智能产业标准化指南", "adopted", date(2026, 3, 2))]


def test_an_ai_instrument_in_an_article_without_signal_rows() -> None:
    row = article(
        "The Governor signed the Generative AI Transparency Act on May 4, 2026.",
        "2026-05-05",
        "g1",
    )
    assert events(row) == [("g1", "Generative AI Transparency Act", "signed", date(2026, 5, 4))]


def test_an_article_off_the_ai_topic_gives_no_measures() -> None:
    row = article("The Robot Safety Act took effect on 1 March 2025.", "2025-03-01", "a1")
    assert events(row) == []


def test_articles_with_signal_rows_keep_every_instrument() -> None:
    row = article("The Robot Safety Act took effect on 1 March 2025.", "2025-03-01", "a1")
    assert events(row, signals=True) == [("a1", "Robot Safety Act", "in_force", date(2025, 3, 1))]


def test_a_sentence_pointing_back_takes_the_steps_of_the_one_before() -> None:
    row = article(
        "论坛上，多部门于6月9日共同发布了两项成果。其中，《人工智能伦理审查办法》明确了审查程序。",
        "2026-06-10",
        "c1",
        "zh",
    )
    assert events(row, signals=True) == [
        ("c1", "人工智能伦理审查办法", "adopted", date(2026, 6, 9))
    ]


def test_a_sentence_not_pointing_back_takes_nothing_from_the_one_before() -> None:
    row = article(
        "论坛上，多部门于6月9日共同发布了两项成果。《人工智能伦理审查办法》明确了审查程序。",
        "2026-06-10",
        "c2",
        "zh",
    )
    assert events(row, signals=True) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "会议发表《关于人工智能能力建设的联合声明》。",
            ("关于人工智能能力建设的联合声明", "treaty"),
        ),
        ("《人工智能数据标注安全规范》发布", ("人工智能数据标注安全规范", "guideline")),
        (
            "发布《某市人工智能产业发展行动方案（2026—2028年）》",
            ("某市人工智能产业发展行动方案（2026—2028年）", "plan"),
        ),
        ("《生成式人工智能服务安全指引2.0》发布", ("生成式人工智能服务安全指引2.0", "guideline")),
        ("《智能网联汽车数据分级》系列国家标准发布", ("智能网联汽车数据分级", "guideline")),
        ("各方代表签署了亚太人工智能安全合作公约。", ("亚太人工智能安全合作公约", "treaty")),
    ],
)
def test_more_title_forms(text: str, expected: tuple[str, str]) -> None:
    assert [(m.name, m.kind) for m in find_mentions(text)] == [expected]


def test_a_bare_name_needs_an_ai_term_and_a_treaty_head() -> None:
    assert find_mentions("双方签署了自由贸易协定。") == []
    assert find_mentions("双方签署了人工智能合作备忘录。") == []


def test_fabiao_publishes() -> None:
    assert [c.status for c in find_cues("大会发表《主席声明》")] == ["adopted"]
    assert [c.status for c in find_cues("公开发表《征求意见稿》")] == ["proposed", "proposed"]


def test_ai_terms() -> None:
    assert about_ai("发展AI产业") and about_ai("Artificial Intelligence Action Plan")
    assert not about_ai("said the maid") and not about_ai("耕地保护法")
    assert AI_TERM.pattern != AI_TERM_PREFILTER  # the pre-filter has no look-arounds


def test_the_prefilter_is_looser_than_the_term_test() -> None:
    import polars as pl

    texts = ["发展AI", "artificial\nintelligence rules", "人工智慧基本法", "data centres", "耕地"]
    loose = pl.Series(texts).str.contains(AI_TERM_PREFILTER).to_list()
    assert loose == [True, True, True, True, False]
    assert all(lo for t, lo in zip(texts, loose, strict=True) if about_ai(t))
