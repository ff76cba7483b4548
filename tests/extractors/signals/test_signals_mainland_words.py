"""Taiwan words in the match text: OpenCC's mainland words where the length stays, offsets exact."""

from __future__ import annotations

from articlekit import make_article
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.language import convert_to_simplified, tw2sp_converter
from extractors.signals import detect_signals
from extractors.signals.align import build_match_text, simplify_aligned
from extractors.signals.classify import load_model
from extractors.signals.detect import _detect
from extractors.signals.mainland_words import TABLE, mainland_words

# The same facts in mainland and in Taiwan wording (our own sentences).
_PAIRS = [
    (
        "行政院宣布未来四年投入100亿元新台币，在台南兴建人工智能芯片研发中心与数据中心。",
        "行政院宣布未來四年投入100億元新臺幣，在臺南興建人工智慧晶片研發中心與資料中心。",
    ),
    (
        "美国商务部宣布限制高端人工智能芯片出口到中国。",
        "美國商務部宣布限制高階人工智慧晶片出口到中國。",
    ),
]


def _rows(text: str, language: str) -> set[tuple[str, float | None]]:
    hans = text if language == "zh-Hans" else convert_to_simplified(text)
    rows = detect_signals(make_article(text, text_hans=hans, language=language))
    return {(r.signal_type, r.amount_value) for r in rows}


def test_taiwan_wording_gives_the_rows_of_the_mainland_wording() -> None:
    for hans, hant in _PAIRS:
        want = _rows(hans, "zh-Hans")
        assert want and _rows(hant, "zh-Hant") == want


def test_taiwan_words_become_mainland_words_in_place() -> None:
    text = "臺灣的人工智慧晶片與資料中心需要更多軟體，網路也要升級。"
    simple = simplify_aligned(text, convert_to_simplified(text))
    assert len(simple) == len(text)
    for word in ("人工智能", "芯片", "数据中心", "软件", "网络"):
        assert word in simple
    # the replaced characters stand where the Taiwan word stood
    assert simple[text.index("晶片") : text.index("晶片") + 2] == "芯片"


def test_general_words_and_simplified_text_stay() -> None:
    # OpenCC's table also maps 執行 to 运行 (computing): mainland text prefers 执行, so it stays.
    text = "香港公司首席執行官表示，政府將執行新的人工智慧政策。"
    simple = simplify_aligned(text, None)
    assert "首席执行官" in simple and "将执行" in simple and "人工智能" in simple
    # Simplified text is never touched: 程式化 and 支援 are mainland words too.
    hans = "这份报告写得很程式化，政府支援灾区。"
    assert simplify_aligned(hans, hans) == hans


def test_table_replacements_keep_length_and_agree_with_opencc() -> None:
    rows = [line.split("\t") for line in TABLE.read_text(encoding="utf-8").splitlines()]
    pairs = [(old, new) for old, new in (r for r in rows if len(r) == 2) if old != new]
    assert len(pairs) >= 50
    assert all(len(old) == len(new) for old, new in pairs)
    for word in ("晶片", "人工智慧", "軟體", "積體電路"):
        assert mainland_words(convert_to_simplified(word)) == tw2sp_converter().convert(word)


_PIECES = [
    "人工智慧",
    "晶片",
    "資料中心",
    "輝達",
    "演算法",
    "伺服器",
    "執行長",
    "首席執行官",
    "積體電路",
    "程式",
    "微軟計劃投入約800億美元",
    "出口管制",
    "人工智能芯片",
    "AI",
    " ",
    "\n",
    "\n\n",
    "。",
    "，",
    "２０２５",
    "(wǎng)",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.booleans())
def test_mixed_texts_keep_length_and_evidence_offsets(pieces: list[str], with_hans: bool) -> None:
    text = "".join(pieces)
    hans = convert_to_simplified(text) if with_hans else None
    assert len(simplify_aligned(text, hans)) == len(text)
    mt = build_match_text(text, hans)
    assert all(0 <= mt.original_index(i) < len(text) for i in range(len(mt.text)))
    for row in _detect(make_article(text, text_hans=hans, language="zh-Hant"), load_model()):
        assert text[row.evidence_start : row.evidence_end] == row.evidence
