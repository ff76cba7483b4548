"""Fast paths of detection give exactly what the plain computations give."""

from __future__ import annotations

import re
import zlib
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.signals.align import simplify_aligned
from extractors.signals.article_gate import LEAD_CHARS, TEXT_BUCKETS, text_buckets
from extractors.signals.classify import analyse
from extractors.signals.features import (
    BUCKETS,
    WINDOWS,
    Row,
    hash_features,
)
from extractors.signals.gram_hash import _SMALL_SPANS, _small_grams, hash_rows, span_grams
from extractors.signals.money import _scan, _scan_window, parse_amounts
from extractors.signals.money_windows import (
    _ANCHOR_WORD,
    _ANCHOR_WORDS,
    _anchor_word_starts,
    find_windows,
)
from extractors.signals.places import place_money
from extractors.signals.records import ActorHit
from extractors.signals.requirements import _actors_of
from extractors.signals.roles import (
    _DEMONYM,
    _DEMONYM_CODE,
    RESTRICTIVE,
    _is_target,
    find_targets,
    target_code,
)

# Anchor words in every case form and in mixed case, letters they start with, and the characters
# whose lower case is special (Kelvin sign, dotted I, dotless i, long s).
_PIECES = [
    *_ANCHOR_WORDS,
    *(w.upper() for w in _ANCHOR_WORDS),
    *(w.capitalize() for w in _ANCHOR_WORDS),
    "MiLlion",
    "bIllion",
    "YeN",
    *"abmnrstuwyBMTUK $5",
    "\u212a",
    "\u0130",
    "\u0131",
    "\u017f",
    "亿元",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=10))
def test_anchor_words_found_on_the_lower_case_text_are_the_plain_scans(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _anchor_word_starts(text) == [m.start() for m in _ANCHOR_WORD.finditer(text)]


_HAN_OR_NOT = st.text(alphabet=st.sampled_from(list("人工智能芯片出口管制ab 1,。")), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_HAN_OR_NOT, st.integers(0, len(WINDOWS) - 1))
def test_small_rows_hash_their_n_grams_as_span_grams_does(text: str, window: int) -> None:
    grams, _ = span_grams(text, [(0, len(text), window)])
    assert sorted(set(_small_grams(text, 0, len(text), window))) == sorted(set(grams.tolist()))


def test_a_small_row_and_a_large_one_hash_alike() -> None:
    small = "人工智能芯片"
    large = small + "，" + "出口管制" * _SMALL_SPANS  # past the threshold: the numpy path
    for text in (small, large):
        row = Row([7], [(0, len(text), 0)])
        expected = sorted({7, *(hash_features(_grams(text)))})
        assert hash_rows([row], text)[0].tolist() == expected
        assert all(b < BUCKETS for b in expected if b != 7)


def _grams(text: str) -> list[str]:
    """Return the 1-4-grams of the Chinese runs of a text (no prefix: the sentence family)."""
    runs = [r for r in "".join(c if "\u3400" <= c <= "\u9fff" else " " for c in text).split()]
    return [r[i : i + k] for r in runs for k in range(1, 5) for i in range(len(r) - k + 1)]


def _reference_buckets(title: str | None, text: str) -> list[int]:
    """Return text_buckets computed one key at a time in Python integers."""
    head = simplify_aligned(title, None) if title else ""
    keys: set[int] = set()
    for part in (head, text[:LEAD_CHARS]):
        cps = [ord(c) for c in part]
        for n in (1, 2, 3):
            for i in range(len(cps) - n + 1):
                gram = cps[i : i + n]
                if all(0x3400 <= c <= 0x9FFF for c in gram):
                    key = 0
                    for c in gram:
                        key = (key << 16) | c
                    keys.add(key | (n << 48))
        words = re.findall("[a-z]+", part.lower())
        keys.update(zlib.crc32(w.encode()) for w in words)
        keys.update(zlib.crc32(f"{a} {b}".encode()) for a, b in pairwise(words))
    golden = 0x9E3779B97F4A7C15
    return sorted({(k * golden % 2**64) * TEXT_BUCKETS >> 64 for k in keys})


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.none(), _HAN_OR_NOT), _HAN_OR_NOT)
def test_text_buckets_are_the_hashed_n_grams_of_title_and_lead(
    title: str | None, text: str
) -> None:
    assert text_buckets(title, text).tolist() == _reference_buckets(title, text)


_MONEY_PIECES = [
    "投资",
    "亿元",
    "美元",
    "十",
    "三",
    "5",
    "1,200",
    "٣",  # an Arabic-Indic digit: \d in a str pattern
    " billion",
    " dollars",
    "$",
    "€",
    " years",
    " euros",
    "rs",
    "。",
    " about ",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_MONEY_PIECES), max_size=14))
def test_windows_without_a_numeral_hold_no_amount(pieces: list[str]) -> None:
    text = "".join(pieces)
    place = place_money(text, None)
    every = [a for lo, hi in find_windows(text) for a in _scan_window(text, lo, hi, place)]
    assert _scan(text, place) == every


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*_MONEY_PIECES, "元", "¥", "港元", "臺灣", "台湾"]), max_size=14),
    st.sampled_from(["zh-Hans", "zh-Hant"]),
)
def test_the_script_is_asked_for_at_most_once_and_reads_as_given(
    pieces: list[str], script: str
) -> None:
    text = "".join(pieces)
    asked: list[str] = []

    def lazy() -> str:
        asked.append(script)
        return script

    assert parse_amounts(text, None, lazy) == parse_amounts(text, None, script)
    assert len(asked) <= 1


def test_the_script_is_not_asked_for_without_a_bare_currency_mark() -> None:
    asked: list[int] = []

    def lazy() -> str:
        asked.append(1)
        return "zh-Hant"

    parse_amounts("政府投入5亿美元发展人工智能", None, lazy)  # a named currency: no place needed
    assert asked == []
    parse_amounts("政府投入5亿元发展人工智能", None, lazy)  # a bare 元: read by place and script
    assert asked == [1]


_TARGET_TEXT = (
    "The United States restricts exports of AI chips to China. Huawei was added to the list. "
    "Japan joined the rules, and sales to Russia are banned. 美国禁止向中国出售人工智能芯片。"
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    ("China", "country", "CN"),
                    ("Huawei", "company", "CN"),
                    ("Russia", "country", "RU"),
                ]
            ),
            st.integers(0, len(_TARGET_TEXT) - 1),
        ),
        max_size=12,
    ),
    st.lists(st.tuples(st.integers(0, len(_TARGET_TEXT)), st.integers(0, 60)), max_size=6),
    st.sampled_from(["export_control", "entity_list_sanction", "investment_capex"]),
)
def test_row_targets_by_bisection_equal_a_scan_of_every_hit_per_span(
    found: list[tuple[tuple[str, str, str], int]],
    cuts: list[tuple[int, int]],
    signal_type: str,
) -> None:
    hits = [ActorHit(name, kind, country, at, at + 3) for (name, kind, country), at in found]
    spans = [(lo, min(len(_TARGET_TEXT), lo + width)) for lo, width in cuts]
    scanned: list[str] = []
    for lo, hi in spans:
        for h in hits:  # every hit tested against every span, in the hits' order
            hit = lo <= h.start < hi and _is_target(signal_type, _TARGET_TEXT, h, lo)
            if hit and target_code(h) not in scanned:
                scanned.append(target_code(h))
        if signal_type in RESTRICTIVE:
            for m in _DEMONYM.finditer(_TARGET_TEXT, lo, hi):
                if _DEMONYM_CODE[m.group(1)] not in scanned:
                    scanned.append(_DEMONYM_CODE[m.group(1)])
    assert find_targets(signal_type, _TARGET_TEXT, spans, hits) == scanned


def test_a_sentences_actors_by_bisection_equal_a_lookup_table() -> None:
    text = " ".join(
        f"{who} will invest {n} billion dollars in AI data centres this year."
        for n, who in enumerate(["Microsoft", "The company", "Google", "Analysts", "Amazon"], 1)
    )
    analysis = analyse(text)
    table = dict(zip(analysis.sentences, analysis.sentence_actors, strict=True))
    assert analysis.sentences == sorted(set(analysis.sentences))
    for j in range(len(analysis.prep.spans) + 2):
        assert _actors_of(analysis, j) == table.get(j, [])
