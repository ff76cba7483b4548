"""Currency by place: what a bare 元, $ or ¥ means in a Hong Kong, Taiwan or mainland source."""

from __future__ import annotations

import pytest

from extractors.signals import parse_amounts
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
