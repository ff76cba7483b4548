"""Currency by place: what a bare 元, $ or ¥ means in a Hong Kong, Taiwan or mainland source."""

from __future__ import annotations

import pytest
from articlekit import make_article

from extractors.signals import detect_signals, parse_amounts
from extractors.signals.features import prepare_text
from extractors.signals.places import region_of


def _money(text: str, region: str | None) -> list[tuple[float, str | None]]:
    return [(a.value, a.currency) for a in parse_amounts(text, region)]


@pytest.mark.parametrize(
    ("zone", "url", "language", "region"),
    [
        ("Asia/Hong_Kong", None, "zh-Hant", "HK"),
        ("Asia/Taipei", None, "zh-Hant", "TW"),
        ("Asia/Shanghai", None, "zh-Hans", "CN"),
        ("UTC", "https://news.example.com.tw/a/1", "zh-Hant", "TW"),
        ("UTC", None, "zh-Hans", "CN"),
        ("UTC", None, "en", None),
        ("Australia/Sydney", None, "en", "AU"),
    ],
)
def test_region_comes_from_the_url_then_the_zone_then_the_script(
    zone: str, url: str | None, language: str, region: str | None
) -> None:
    assert region_of(zone, url, language) == region


def test_bare_yuan_is_the_local_currency() -> None:
    text = "政府宣布投入100亿元发展人工智能。"
    assert _money(text, "HK") == [(1e10, "HKD")]
    assert _money(text, "TW") == [(1e10, "TWD")]
    assert _money(text, "CN") == [(1e10, "CNY")]
    assert _money(text, None) == [(1e10, "CNY")]


def test_the_text_overrides_the_place() -> None:
    assert _money("腾讯投资人民币100亿元，另投50亿元。", "HK") == [(1e10, "CNY"), (5e9, "CNY")]
    assert _money("投资100亿元人民币", "TW") == [(1e10, "CNY")]
    assert _money("净利润报24亿元(美元‧下同)，收入录得140亿元", "HK") == [
        (2.4e9, "USD"),
        (1.4e10, "USD"),
    ]
    both = "港府投资50亿元，内地另有人民币30亿元，港元计价"
    assert _money(both, "HK")[0] == (5e9, "HKD")


def test_jurisdiction_of_the_sentence_decides_in_another_place() -> None:
    assert _money("香港特区政府新设立的100亿元基金即将推出。", "CN") == [(1e10, "HKD")]
    assert _money("国务院安排100亿元支持算力。", "HK") == [(1e10, "CNY")]


def test_dollar_sign_and_yen_by_place() -> None:
    assert _money("投资$5亿", "HK") == [(5e8, "HKD")]
    assert _money("投资$5亿", "TW") == [(5e8, "TWD")]
    assert _money("invest $5 billion", None) == [(5e9, "USD")]
    assert _money("Alphabet boosts AI investment to $75B", "TW") == [(75e9, "USD")]
    assert _money("S$2 billion for AI", None) == [(2e9, "SGD")]
    assert _money("A$1 billion", None) == [(1e9, "AUD")]
    assert _money("¥500亿", "JP") == [(5e10, "JPY")]
    assert _money("¥500亿", "HK") == [(5e10, "CNY")]
    assert _money("投资2000億歐羅", "HK") == [(2e11, "EUR")]


def test_explicit_currency_words_win_over_everything() -> None:
    assert _money("政府撥款人民幣50億元", "TW") == [(5e9, "CNY")]
    assert _money("投資新台幣50億元", "HK") == [(5e9, "TWD")]
    assert _money("投資NT$50億", None) == [(5e9, "TWD")]
    assert _money("投資港幣50億元", "TW") == [(5e9, "HKD")]
    assert _money("投資HK$50億", None) == [(5e9, "HKD")]
    assert _money("澳門特區政府預留5億澳門元", None) == [(5e8, "MOP")]
    assert _money("一項3,000萬澳門元的計劃", "HK") == [(3e7, "MOP")]


def test_traditional_text_without_a_region_or_a_place_leaves_the_currency_open() -> None:
    assert _money("政府宣布投入300億元發展人工智能。", None) == [(3e10, None)]
    assert _money("售價由1,299元至2,499元不等。", None) == [(1299.0, None), (2499.0, None)]
    assert _money("公司投資$5億發展AI。", None) == [(5e8, None)]
    # The Simplified twin is a mainland text.
    assert _money("政府宣布投入300亿元发展人工智能。", None) == [(3e10, "CNY")]


def test_traditional_text_reads_the_place_it_names() -> None:
    hk = "財政司司長公布預算案。政府將撥款100億元推動人工智能。"
    tw = "行政院會通過特別預算。政府將撥款100億元推動人工智能。"
    assert _money(hk, None) == [(1e10, "HKD")]
    assert _money(tw, None) == [(1e10, "TWD")]
    assert _money("立法會與立法院先後討論。政府將撥款100億元推動人工智能。", None) == [(1e10, None)]
    # A place named in the amount's sentence decides it; named elsewhere, it is only a subject.
    assert _money("香港將撥款100億元推動人工智能。", None) == [(1e10, "HKD")]
    exports = "輸往東盟及台灣的貨值增長明顯。同期錄得貿易逆差約350億元。"
    assert _money(exports, None) == [(3.5e10, None)]
    # A text naming one Chinese-region currency uses it for its bare amounts too.
    assert _money("營收為新台幣2,570億元；每股盈餘42.9元。", None) == [
        (2.57e11, "TWD"),
        (42.9, "TWD"),
    ]
    assert _money("本港將在數碼港投資$30億。", None) == [(3e9, "HKD")]


def test_the_source_region_decides_before_place_cues() -> None:
    text = "台灣廠商來港設廠。政府將撥款100億元推動人工智能。"
    assert _money(text, "HK") == [(1e10, "HKD")]
    assert _money(text, "TW") == [(1e10, "TWD")]


def test_yen_with_nothing_to_tell_stays_open_in_english() -> None:
    assert _money("a ¥500 billion programme", None) == [(5e11, None)]
    assert _money("a ¥500 billion programme in Japan", None) == [(5e11, "JPY")]
    assert _money("投资¥500亿", None) == [(5e10, "CNY")]


def test_the_article_script_reaches_the_parser_through_the_simplified_match_text() -> None:
    text = "政府宣布投入300億元發展人工智能。"
    assert [(a.value, a.currency) for a in prepare_text(text).amounts] == [(3e10, None)]
    assert [(a.value, a.currency) for a in prepare_text(text, None, "TW").amounts] == [
        (3e10, "TWD")
    ]
    simplified = "政府宣布投入300亿元发展人工智能。"
    assert [(a.value, a.currency) for a in prepare_text(simplified).amounts] == [(3e10, "CNY")]


def test_an_unresolved_currency_gives_a_row_without_usd_and_a_lower_confidence() -> None:
    text = "數碼發展部長表示，政府將撥款300億元，在三年內發展人工智能算力及培訓人才。"
    article = make_article(text, language="zh-Hant")
    open_rows = [r for r in detect_signals(article) if r.amount_value == 3e10]
    tw_rows = [r for r in detect_signals(article, "TW") if r.amount_value == 3e10]
    assert open_rows and tw_rows
    assert all(r.amount_currency is None and r.amount_usd is None for r in open_rows)
    assert all(r.amount_currency == "TWD" and r.amount_usd for r in tw_rows)
    assert max(r.confidence for r in open_rows) < max(r.confidence for r in tw_rows)
