"""Unit tests: periods, FX table, actor lexicon, text alignment and detection rules."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest
from articlekit import make_article
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.signals import SIGNAL_TYPES, convert_to_usd, detect_signals, find_actors
from extractors.signals import resolve_period as resolve
from extractors.signals.actors import DATA_DIR, load_lexicon
from extractors.signals.align import build_match_text, split_sentences
from extractors.signals.classify import load_model
from extractors.signals.detect import _detect
from extractors.signals.fx import load_rates

PUB = date(2024, 2, 2)


@pytest.mark.parametrize(
    ("phrase", "fy", "start", "end"),
    [
        ("今年7月底", 1, "2024-07-21", "2024-07-31"),
        ("去年10月30日", 1, "2023-10-30", "2023-10-30"),
        ("昨天", 1, "2024-02-01", "2024-02-01"),
        ("北京时间2月1日", 1, "2024-02-01", "2024-02-01"),
        ("1日", 1, "2024-02-01", "2024-02-01"),
        ("25日", 1, "2024-01-25", "2024-01-25"),
        ("2025财年", 7, "2024-07-01", "2025-06-30"),
        ("2024财年", 10, "2023-10-01", "2024-09-30"),
        ("FY2025", 1, "2025-01-01", "2025-12-31"),
        ("2024-2025财年", 10, "2023-10-01", "2025-09-30"),
        ("2025年下半年", 1, "2025-07-01", "2025-12-31"),
        ("12月3日", 1, "2023-12-03", "2023-12-03"),
        ("January 3, 2025", 1, "2025-01-03", "2025-01-03"),
        ("上个月", 1, "2024-01-01", "2024-01-31"),
    ],
)
def test_resolve_period(phrase: str, fy: int, start: str, end: str) -> None:
    period = resolve(phrase, PUB, fy)
    assert period is not None
    assert (str(period.start), str(period.end)) == (start, end)


def test_fx_table_covers_years_and_marks_provisional() -> None:
    with (DATA_DIR / "fx.toml").open("rb") as fh:
        raw = tomllib.load(fh)
    assert raw["provisional"]
    rates = load_rates()
    for code in ("CNY", "JPY", "EUR", "GBP", "HKD", "TWD", "KRW"):
        assert set(range(2018, 2027)) <= set(rates[code])
    assert 0.13 < rates["CNY"][2024] < 0.15 and 1.0 < rates["EUR"][2024] < 1.2
    usd, rate, year = convert_to_usd(380e9, "CNY", 2025)
    assert year == 2025 and rate is not None and usd == pytest.approx(380e9 * rate)
    assert convert_to_usd(1.0, "CNY", 2031)[2] == 2026
    assert convert_to_usd(1.0, None, 2025) == (None, None, None)


def test_lexicon_size_and_shape() -> None:
    with (DATA_DIR / "actors.toml").open("rb") as fh:
        rows = tomllib.load(fh)["actor"]
    assert len(rows) >= 200
    kinds = {
        "government",
        "agency",
        "legislature",
        "person",
        "company",
        "university",
        "model",
        "analyst",
        "media",
        "intl_org",
        "country",
    }
    for row in rows:
        assert row["kind"] in kinds and (len(row["country"]) == 2 or row["country"] == "INTL")
        assert row["zh_hans"] and row["zh_hant"] and row["en"], row["name"]
    names = set(load_lexicon().entries)
    for must in (
        "White House",
        "Bureau of Industry and Security",
        "Cyberspace Administration of China",
        "METI",
        "Taiwan MODA",
        "UK DSIT",
        "YMTC",
        "Megvii",
        "Qihoo 360",
        "Rapidus",
        "MGX",
    ):
        assert must in names


def test_find_actors_resolves_ambiguous_commerce() -> None:
    us = find_actors("美国商务部长雷蒙多表示")
    assert [a.name for a in us] == ["US Department of Commerce", "Gina Raimondo"]
    cn = find_actors("中国商务部新闻发言人表示")
    assert cn[0].name == "Ministry of Commerce of China"
    assert find_actors("微軟和輝達")[0].name == "Microsoft"


def test_match_text_maps_back_to_traditional_with_pinyin() -> None:
    text = "白宮已經簽署了行政令,網(wǎng)易報道稱微軟計劃投入約800\n億美元。"
    mt = build_match_text(text)
    assert "行政令" in mt.text and "(wǎng)" not in mt.text and "800亿美元" in mt.text
    for lo, hi in split_sentences(mt.text):
        start, end = mt.to_original(lo, hi)
        assert 0 <= start <= end <= len(text)


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet="微軟計劃投入約800億美元。\n 行政命令(wǎng)出口管制特朗普2025财年,，", max_size=120
    ),
    st.booleans(),
)
def test_detect_never_raises_and_offsets_hold(text: str, bad_hans: bool) -> None:
    hans = text + "x" if bad_hans else None
    for row in _detect(make_article(text, text_hans=hans), load_model()):
        assert text[row.evidence_start : row.evidence_end] == row.evidence
        assert row.signal_type in SIGNAL_TYPES


def test_conversion_is_one_signal_and_background_is_none() -> None:
    text = (
        "美国日前公布2024财年政府预算，多个机构累计向AI领域计划投入超过2511亿美元（约合人民币1.80万亿元）。\n\n"
        "根据IDC报告显示，2023年中国AI市场支出规模将增至147.5亿美元。\n\n"
        "前三季度人民币存款增加22.71万亿元。"
    )
    rows = detect_signals(make_article(text, published="2024-02-02"))
    money = [r for r in rows if r.amount_value is not None]
    assert len(money) == 1
    row = money[0]
    assert row.signal_type == "government_ai_budget" and row.actors[0] == "US Government"
    assert row.amount_value == pytest.approx(251.1e9) and row.amount_currency == "USD"
    assert (str(row.period_start), str(row.period_end)) == ("2023-10-01", "2024-09-30")


def test_traditional_article_uses_text_hans_and_yen_usd() -> None:
    text = "美國大型雲計算企業計劃在日本投資超過4萬億日元，用於新建數據中心。"
    rows = detect_signals(make_article(text, published="2024-12-05"))
    capex = [r for r in rows if r.signal_type == "investment_capex"]
    assert len(capex) == 1
    row = capex[0]
    assert row.amount_currency == "JPY" and row.amount_qualifier == "at_least"
    assert row.fx_year == 2024 and row.amount_usd == pytest.approx(4e12 * (row.fx_rate or 0))
    assert "JP" in row.jurisdictions and "US" in row.jurisdictions


def test_same_signal_in_two_articles_shares_dedupe_key() -> None:
    one = detect_signals(make_article("微软计划在2025财年投入约800亿美元建设AI数据中心。"))
    two = detect_signals(
        make_article("Microsoft表示，2025财年将投资800亿美元用于人工智能数据中心。")
    )
    keys_one = {r.dedupe_key for r in one if r.signal_type == "investment_capex"}
    keys_two = {r.dedupe_key for r in two if r.signal_type == "investment_capex"}
    assert keys_one and keys_one == keys_two


def test_english_sentences() -> None:
    text = (
        "Microsoft plans to spend $80 billion on AI data centers in fiscal 2025, the company said. "
        "The Commerce Department's Bureau of Industry and Security proposed a know-your-customer "
        "rule for cloud providers. The Pentagon added YMTC and Megvii to its 1260H list of Chinese "
        "military companies. President Trump signed an executive order on AI exports."
    )
    rows = {r.signal_type: r for r in detect_signals(make_article(text, language="en"))}
    assert rows["investment_capex"].amount_value == 80e9
    assert str(rows["investment_capex"].period_end) == "2025-06-30"
    assert rows["executive_action"].actors[0] == "Donald Trump"
    # The KYC and 1260H sentences score below the type threshold with the learned model (KYC is
    # confused with export_control, 0.47 vs 0.44): a known miss, measured in test_signals_classify.


def test_non_ai_news_yields_nothing() -> None:
    text = (
        "Trump said again that the Senate would vote on the bill. The United Nations said it was "
        "working on sanctions. AIDS researchers said funding of $2 billion was approved.\n\n"
        "中国政府表示，将把更多企业列入黑名单。政府投入一元钱，回报两元钱。"
    )
    assert detect_signals(make_article(text, language="en")) == []


def test_more_types_and_jurisdictions() -> None:
    text = (
        "日本经济产业省3月7日宣布，将向Rapidus追加提供最高8025亿日元的补贴，用于2纳米芯片的研发。\n"
        "欧盟委员会2月4日发布《人工智能法》禁止性条款的实施指南。\n"
        "国家网信办等四部门联合发布《人工智能生成合成内容标识办法》，自2025年9月1日起施行。\n"
        "台湾数位发展部宣布明年将投入新台币150亿元培育人工智能人才。"
    )
    rows = detect_signals(make_article(text, published="2025-03-10"))
    got = {(r.signal_type, r.actors[0], tuple(r.jurisdictions[:1])) for r in rows}
    assert ("government_ai_budget", "METI", ("JP",)) in got
    assert ("legislation_regulation", "European Commission", ("EU",)) in got
    # Known miss of the learned model: the CAC labelling measures score 0.44 for
    # legislation_regulation, below the 0.6 threshold (benchmarks/signal_model.py).
    # A ministry funding AI talent is a budget row; the talent type itself (0.3) stays below threshold.
    assert ("government_ai_budget", "Taiwan MODA", ("TW",)) in got
    meti = next(r for r in rows if r.actors[0] == "METI")
    assert meti.amount_currency == "JPY" and meti.amount_qualifier == "up_to"
    assert str(meti.period_start) == "2025-03-07"


@pytest.mark.parametrize(
    "text",
    [
        "微软AI投资800亿美元，" * 2000,
        "投资800亿，投资700亿美元。" * 1500,
        "1" * 30000,
        "亿" * 20000,
    ],
)
def test_pathological_texts_stay_fast(text: str) -> None:
    import time

    start = time.process_time()
    rows = detect_signals(make_article(text))
    # A guard against superlinear blow-ups (a quadratic pass over 2,000 amounts takes minutes),
    # not a speed target: those are met in benchmarks/. ~2.7 s of CPU on a loaded 2-core machine.
    assert time.process_time() - start < 12.0
    assert len(rows) <= 5
