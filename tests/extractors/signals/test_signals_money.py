"""Money parser: examples from the issue plus hypothesis round-trips in every notation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.signals import parse_amounts
from extractors.signals.money import _SUFFIX_CUR, parse_chinese_numeral

CN_DIGITS = "零一二三四五六七八九"


def render_chinese(n: int) -> str:
    """Render 1..9999 as a Chinese numeral (十五, 一百零五, 八千二百)."""
    out, zero, started = "", False, False
    for unit, char in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit % 10
        if digit == 0:
            zero = zero or started
            continue
        if zero:
            out += "零"
            zero = False
        if not (digit == 1 and unit == 10 and not started):
            out += CN_DIGITS[digit]
        out += char
        started = True
    return out


@pytest.mark.parametrize(
    ("text", "value", "currency", "qualifier"),
    [
        ("计划投入约800亿美元用于数据中心", 80e9, "USD", "approx"),
        ("阿里巴巴宣布3800亿元人工智能投资", 380e9, "CNY", None),
        ("向日本投资超过4万亿日元", 4e12, "JPY", "at_least"),
        ("筹集最高\n1000 亿美元的资金", 100e9, "USD", "up_to"),
        ("近五百亿元", 50e9, "CNY", "nearly"),
        ("八百亿美元", 80e9, "USD", None),
        ("$80 billion of capex", 80e9, "USD", None),
        ("up to US$100bn", 100e9, "USD", "up_to"),
        ("HK$3.2 billion", 3.2e9, "HKD", None),
        ("NT$150 billion", 150e9, "TWD", None),
        ("新台币1500亿元", 150e9, "TWD", None),
        ("€5m grant", 5e6, "EUR", None),
        ("£2.5bn fund", 2.5e9, "GBP", None),
        ("₩9.4 trillion", 9.4e12, "KRW", None),
        ("韩元100万亿", 100e12, "KRW", None),
        ("1,500万美元", 15e6, "USD", None),
        ("3.5万亿美金", 3.5e12, "USD", None),
        ("50亿港元", 5e9, "HKD", None),
        ("10亿英镑", 1e9, "GBP", None),
        ("¥4 trillion for data centres in Japan", 4e12, "JPY", None),
        ("¥380 billion from China's Alibaba", 380e9, "CNY", None),
        ("380 billion yuan", 380e9, "CNY", None),
        ("100亿欧元左右", 10e9, "EUR", "approx"),
        ("to mobilise 200 billion euros for AI", 200e9, "EUR", None),
        ("200 billion\nEuros", 200e9, "EUR", None),
        ("a new 20 billion-euro fund", 20e9, "EUR", None),
        ("a 5 billion-dollar data centre", 5e9, "USD", None),
        ("EUR 200 billion", 200e9, "EUR", None),
        ("Rs 10,000 crore for compute", 100e9, "INR", None),
        ("₹10,372 crore", 103.72e9, "INR", None),
        ("50 lakh rupees", 5e6, "INR", None),
        ("as much as€50 billion", 50e9, "EUR", "up_to"),
        ("losses of about T$5.3 billion", 5.3e9, "TWD", "approx"),
    ],
)
def test_examples(text: str, value: float, currency: str, qualifier: str | None) -> None:
    amounts = parse_amounts(text)
    assert len(amounts) == 1, amounts
    assert amounts[0].value == pytest.approx(value)
    assert amounts[0].currency == currency
    assert amounts[0].qualifier == qualifier


@pytest.mark.parametrize(
    "text",
    [
        "2080亿个晶体管",
        "下载量达3.853亿次",
        "约69吉瓦(GW)",
        "大模型数量已达238个",
        "裁减约1.4万名员工",
        "36亿千瓦",
        "3亿人",
        "70160件专利",
        "2024-2025财年",
        "1960～1973年",
        "增长17.4%",
        "10万个家庭",
    ],
)
def test_counts_are_not_money(text: str) -> None:
    assert parse_amounts(text) == []


def test_range_with_a_currency_on_both_ends() -> None:
    amounts = parse_amounts("a pledge of €30 to €50 billion")
    assert [(a.value, a.high, a.currency) for a in amounts] == [(30e9, 50e9, "EUR")]


def test_english_conversion_after_or() -> None:
    amounts = parse_amounts("loans for 10 billion euros, or $10.3 billion.")
    assert [a.currency for a in amounts] == ["EUR", "USD"]
    assert amounts[1].conversion_of == 0


@pytest.mark.parametrize(
    "text",
    [
        "NZ$5 billion",
        "R$ 10 billion",
        "an amateur 5 million",
        "the users 500 million",
        "grew 3 billion eurozone",
        "Tours 5 million",
    ],
)
def test_currency_letters_inside_a_word_are_not_a_currency(text: str) -> None:
    assert parse_amounts(text) == []


def test_range_and_conversion() -> None:
    rng = parse_amounts("投资50亿至80亿美元")
    assert [(a.value, a.high, a.qualifier) for a in rng] == [(5e9, 8e9, "range")]
    conv = parse_amounts("超过2511亿美元（约合人民币1.80万亿元）")
    assert [a.conversion_of for a in conv] == [None, 0]
    assert conv[1].currency == "CNY" and conv[1].value == pytest.approx(1.8e12)


def test_currency_inherited_from_same_amount() -> None:
    amounts = parse_amounts(
        "高达1.8万亿投向AI。预算约合人民币1.80万亿元。另投资1.2万亿之巨的项目。"
    )
    assert [(a.value, a.currency, a.inherited) for a in amounts] == [
        (1.8e12, "CNY", True),
        (1.8e12, "CNY", False),
        (1.2e12, None, False),
    ]


SCALES_ZH = {"": 1, "万": 10**4, "亿": 10**8, "万亿": 10**12}
SCALES_EN = {" million": 10**6, " billion": 10**9, " trillion": 10**12, "bn": 10**9, "m": 10**6}
SUFFIX = {
    "USD": "美元",
    "CNY": "元",
    "JPY": "日元",
    "EUR": "欧元",
    "GBP": "英镑",
    "HKD": "港元",
    "TWD": "新台币",
    "KRW": "韩元",
}
PREFIX = {
    "USD": "US$",
    "EUR": "€",
    "GBP": "£",
    "HKD": "HK$",
    "TWD": "NT$",
    "KRW": "₩",
    "CNY": "RMB ",
}
QUALS = {"": None, "约": "approx", "超过": "at_least", "最高": "up_to", "近": "nearly"}


@st.composite
def amounts_zh(draw: st.DrawFn) -> tuple[str, Decimal, str, str | None]:
    """Draw a Chinese-notation amount with its expected value, currency and qualifier."""
    whole = draw(st.integers(1, 9999))
    frac = draw(st.sampled_from(["", ".5", ".25", ".05"]))
    scale = draw(st.sampled_from(sorted(SCALES_ZH)))
    currency = draw(st.sampled_from(sorted(SUFFIX)))
    qual = draw(st.sampled_from(sorted(QUALS)))
    style = draw(st.sampled_from(["plain", "comma", "chinese", "break"]))
    if style == "chinese" and scale:
        number, frac = render_chinese(whole), ""
    elif style == "comma" and whole >= 1000:
        number = f"{whole:,}"
    else:
        number = str(whole)
    sep = "\n" if style == "break" else ""
    text = f"报道称，{qual}{number}{frac}{sep}{scale}{SUFFIX[currency]}用于人工智能。"
    value = (Decimal(whole) + (Decimal(frac) if frac else 0)) * SCALES_ZH[scale]
    return text, value, currency, QUALS[qual]


@st.composite
def amounts_en(draw: st.DrawFn) -> tuple[str, Decimal, str, str | None]:
    """Draw an English-notation amount with its expected value, currency and qualifier."""
    whole = draw(st.integers(1, 999))
    frac = draw(st.sampled_from(["", ".5", ".75"]))
    scale = draw(st.sampled_from(sorted(SCALES_EN)))
    currency = draw(st.sampled_from(sorted(PREFIX)))
    qual = draw(st.sampled_from(["", "about ", "up to ", "more than ", "nearly "]))
    text = f"The firm will spend {qual}{PREFIX[currency]}{whole}{frac}{scale} on AI."
    value = (Decimal(whole) + (Decimal(frac) if frac else 0)) * SCALES_EN[scale]
    expected = {
        "": None,
        "about ": "approx",
        "up to ": "up_to",
        "more than ": "at_least",
        "nearly ": "nearly",
    }[qual]
    return text, value, currency, expected


@settings(max_examples=300, deadline=None)
@given(amounts_zh() | amounts_en())
def test_round_trip(case: tuple[str, Decimal, str, str | None]) -> None:
    text, value, currency, qualifier = case
    found = parse_amounts(text)
    assert len(found) == 1, (text, found)
    assert found[0].value == pytest.approx(float(value), rel=1e-12)
    assert found[0].currency == currency
    assert found[0].qualifier == qualifier
    assert text[found[0].start : found[0].end] == found[0].surface


@given(st.integers(1, 9999))
def test_chinese_numerals(n: int) -> None:
    assert parse_chinese_numeral(render_chinese(n)) == n


MONEYISH = st.text(
    alphabet="0123456789.,，。万亿元美金约超过最高近至-~$€£¥￥₩个次名\n billionUSRMB（）()八百千十",
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), MONEYISH))
def test_never_raises(text: str) -> None:
    for amount in parse_amounts(text):
        assert text[amount.start : amount.end] == amount.surface
        assert amount.value >= 0


def test_corpus_regressions() -> None:
    assert parse_amounts("二元经济发展与一元化的社会") == []
    assert [(a.value, a.high, a.qualifier) for a in parse_amounts("六七万元的小车")] == [
        (6e4, 7e4, "range")
    ]
    assert [(a.value, a.currency) for a in parse_amounts("价值7万元美金的车")] == [(7e4, "USD")]
    assert parse_amounts("获得了5 00万元") == [] or parse_amounts("获得了5 00万元")[0].value > 0


# A scale word keeps its amount whatever word follows it, also when earlier money words (dollar,
# yuan, euro …) open the parser's scan window before the amount.
_FILLER = [
    "the", "dollar", "fell", "yuan", "euro", "pound", "rose", "and", "million", "investors",
    "said", "that", "Meta", "spent", "billions", "of", "dollars", "yen", "weakened", "AI",
]  # fmt: skip
_SUFFIX_WORDS = {w.lower() for w in _SUFFIX_CUR}
_FOLLOWING = st.from_regex(r"[A-Za-z]{1,12}", fullmatch=True).filter(
    lambda w: w.lower() not in _SUFFIX_WORDS
)
_EN_PREFIX = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "HK$": "HKD", "NT$": "TWD"}
_EN_SCALE = {
    "trillion": 10**12, "billion": 10**9, "million": 10**6, "thousand": 10**3,
    "bn": 10**9, "tn": 10**12, "mn": 10**6,
}  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_FILLER), max_size=12),
    st.sampled_from(sorted(_EN_PREFIX)),
    st.integers(1, 999),
    st.sampled_from(["", ".1", ".25"]),
    st.sampled_from(sorted(_EN_SCALE)),
    _FOLLOWING,
    st.sampled_from([" ", ", ", ". "]),
)
def test_an_english_scale_word_keeps_its_scale_before_any_word(
    filler: list[str], prefix: str, whole: int, frac: str, scale: str, word: str, gap: str
) -> None:
    text = " ".join([*filler, "spent"]) + f" {prefix}{whole}{frac} {scale}{gap}{word} more."
    found = [a for a in parse_amounts(text) if a.surface.startswith(prefix)]
    value = (Decimal(whole) + (Decimal(frac) if frac else 0)) * _EN_SCALE[scale]
    assert [(a.value, a.currency) for a in found] == [(float(value), _EN_PREFIX[prefix])], text


_ZH_FILLER = [
    "美元",
    "汇率",
    "人民币",
    "走弱",
    "日元",
    "欧元",
    "市场",
    "投资者",
    "表示",
    "亿元",
    "，",
]
_ZH_FOLLOWING = st.text(alphabet="在周三宣布用于建设数据中心的计划并表示将会以及公司", min_size=1)
_ZH_SUFFIX = {"美元": "USD", "欧元": "EUR", "日元": "JPY", "港元": "HKD", "人民币": "CNY"}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_ZH_FILLER), max_size=10),
    st.integers(1, 9999),
    st.sampled_from(["", ".5"]),
    st.sampled_from(["万", "亿", "万亿", "千万", "兆"]),
    st.sampled_from(sorted(_ZH_SUFFIX)),
    _ZH_FOLLOWING,
)
def test_a_chinese_scale_word_keeps_its_scale_before_any_word(
    filler: list[str], whole: int, frac: str, scale: str, currency: str, word: str
) -> None:
    text = "".join(filler) + f"。公司投资{whole}{frac}{scale}{currency}{word}。"
    found = [a for a in parse_amounts(text) if a.start > len("".join(filler))]
    mult = {"万": 10**4, "亿": 10**8, "万亿": 10**12, "千万": 10**7, "兆": 10**12}[scale]
    value = (Decimal(whole) + (Decimal(frac) if frac else 0)) * mult
    assert [(a.value, a.currency) for a in found] == [(float(value), _ZH_SUFFIX[currency])], text


def test_a_window_opened_by_an_earlier_money_word_keeps_the_scale() -> None:
    text = "The dollar fell; Meta spent $44.1 billion on Wednesday."
    assert [(a.value, a.surface) for a in parse_amounts(text)] == [(44.1e9, "$44.1 billion")]


# Chinese compound amounts: several groups, each a number (Arabic, with thousands separators, or
# Chinese) and a smaller scale, read as one amount.
_GROUPS = (
    (10**12, ("兆", "万亿", "萬億")),
    (10**8, ("亿", "億")),
    (10**4, ("万", "萬")),
    (10**3, ("千",)),
)


@st.composite
def compounds(draw: st.DrawFn) -> tuple[str, int]:
    """Draw a compound Chinese amount (1兆6,443億, 三亿五千万, 2万5千) with its value."""
    top = draw(st.integers(0, 2))
    parts: list[str] = []
    total = 0
    for i, (unit, words) in enumerate(_GROUPS[top:]):
        limit = 9 if unit == 10**3 else 9999
        n = draw(st.integers(1 if i == 0 else 0, limit))
        if n == 0:
            continue
        style = draw(st.sampled_from(["plain", "comma", "chinese"]))
        number = {"plain": str(n), "comma": f"{n:,}", "chinese": render_chinese(n)}[style]
        parts.append(number + draw(st.sampled_from(words)))
        total += n * unit
    return "".join(parts), total


@settings(max_examples=400, deadline=None)
@given(
    compounds(),
    st.sampled_from([("新台幣", "元", "TWD"), ("", "美元", "USD"), ("", "元人民币", "CNY")]),
)
def test_a_chinese_compound_amount_is_one_amount(
    case: tuple[str, int], currency: tuple[str, str, str]
) -> None:
    compound, value = case
    prefix, suffix, code = currency
    text = f"計劃投資{prefix}{compound}{suffix}發展人工智能。"
    found = parse_amounts(text, "TW")
    assert [(a.value, a.currency) for a in found] == [(float(value), code)], text
    assert found[0].surface == text[found[0].start : found[0].end]


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("行政院核定新台幣1兆6,443億元的總預算", 1.6443e12, "TWD"),
        ("總額一兆六千四百四十三億元新台幣", 1.6443e12, "TWD"),
        ("中央财政安排1.2万亿元", 1.2e12, "CNY"),
        ("創投基金規模3千萬新台幣", 3e7, "TWD"),
        ("这项基金规模为3亿5000万元人民币", 3.5e8, "CNY"),
        ("拨款1亿零500万元", 1.05e8, "CNY"),
        ("一次性补贴两万五千元", 2.5e4, "CNY"),
    ],
)
def test_compound_examples(text: str, value: float, currency: str) -> None:
    found = parse_amounts(text, "TW" if "新台幣" in text else None)
    assert len(found) == 1, found
    assert found[0].value == pytest.approx(value)
    assert found[0].currency == currency


def test_groups_that_do_not_shrink_are_not_one_amount() -> None:
    assert all(a.value != 1.5e9 for a in parse_amounts("投资5亿10亿美元"))


def test_dollars_named_by_place_have_their_currency() -> None:
    got = [
        (a.value, a.currency) for a in parse_amounts("a plan worth 12 billion New Taiwan dollars")
    ]
    assert got == [(12e9, "TWD")]
    got = [(a.value, a.currency) for a in parse_amounts("2 billion Hong Kong dollars for AI")]
    assert got == [(2e9, "HKD")]
    got = [(a.value, a.currency) for a in parse_amounts("3 million Singapore dollars")]
    assert got == [(3e6, "SGD")]


@pytest.mark.parametrize(
    ("text", "value", "surface"),
    [
        ("The lab was valued at $150B+ after the round.", 150e9, "$150B+"),
        ("The listing could value the group at $1+ trillion.", 1e12, "$1+ trillion"),
        ("The fund gathered €300m+ from pension savers.", 300e6, "€300m+"),
    ],
)
def test_a_plus_sign_after_an_amount_means_more_than(text: str, value: float, surface: str) -> None:
    """A plus sign after the number or its scale is part of the amount: "more than" it."""
    [amount] = parse_amounts(text)
    assert (amount.value, amount.surface, amount.qualifier) == (value, surface, "at_least")
