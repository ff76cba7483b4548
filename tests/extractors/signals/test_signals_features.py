"""The fast feature paths give exactly what the plain string versions give (same buckets, rows)."""

from __future__ import annotations

import re
from itertools import pairwise

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.signals.align import _CHANGING_RUN, _SENT_END
from extractors.signals.classify import LinearHead
from extractors.signals.cues import _ASCII_LOWER, _lower_ascii
from extractors.signals.features import (
    _BACKGROUND,
    _BUCKET_OF,
    _TOKEN,
    BACKGROUND_WORDS,
    BUCKETS,
    WINDOWS,
    Row,
    _text_features,
    hash_features,
)
from extractors.signals.gram_hash import hash_rows, span_grams
from extractors.signals.money import _AMOUNT_RE, _HEADS
from extractors.signals.rules import COREF

# Mixed Chinese (inside and at the edges of the n-gram range), English, digits, joiners,
# punctuation and every whitespace character the match text handles.
ALPHABET = st.sampled_from(
    list("人工智能芯片出口管制美国投资亿元㐀鿿")
    + list("AIaiModelchipsbn-'.,$0123456789")
    + [" ", "  ", "\n", "\t", "\r", "\u3000", "\xa0", "。", "，", "：", "İ", "\u212a", "é"]
)
TEXTS = st.lists(ALPHABET, max_size=60).map("".join)


def _reference_strings(text: str, prefix: str, near: bool) -> list[str]:
    """Return the feature strings of a text window as the first classifier built them."""
    out: list[str] = []
    prev = ""
    for m in _TOKEN.finditer(text.lower()):
        tok = m.group()
        if tok[0].isdigit():
            out.append(prefix + "#")
            prev = "#"
        elif tok[0].isascii():
            out.append(prefix + "w" + tok)
            if prev:
                out.append(prefix + "b" + prev + " " + tok)
            prev = tok
        else:
            prev = ""
            n = len(tok)
            out.extend(prefix + tok[i : i + k] for k in (1, 2, 3, 4) for i in range(n - k + 1))
    if near:  # the words right next to an amount: words, numbers and 1-2-grams only
        out = [f for f in out if len(f) <= 5 or f.startswith(("n:<w", "n:>w"))]
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=4))
def test_hash_rows_equals_hashing_the_feature_strings(texts: list[str]) -> None:
    joined = "|".join(texts)  # each row reads its own span of one text
    rows: list[Row] = []
    expected: list[list[int]] = []
    lo = 0
    for i, text in enumerate(texts):
        window = i % len(WINDOWS)
        prefix, kmax = WINDOWS[window]
        row = Row([_BUCKET_OF["_bias_"]])
        _text_features(joined, lo, lo + len(text), window, row)
        rows.append(row)
        strings = ["_bias_", *_reference_strings(text, prefix, kmax < 4)]
        expected.append(sorted(hash_features(strings)))
        lo += len(text) + 1
    assert [r.tolist() for r in hash_rows(rows, joined)] == expected


def test_structural_prefixes_hash_to_the_upper_half() -> None:
    row = Row()
    _text_features("投资", 0, 2, WINDOWS.index(("n:<", 2)), row)
    assert hash_rows([row], "投资")[0].tolist() == sorted(
        hash_features(["n:<投", "n:<资", "n:<投资"])
    )
    assert all(b >= BUCKETS for b in hash_rows([row], "投资")[0])


def _reference_runs(text: str) -> list[tuple[int, int]]:
    """Return the whitespace runs that can change, found run by run."""
    out = []
    for m in re.finditer(r"[ \t\r\n\u3000\xa0]+", text):
        s, e = m.span()
        lone = e - s == 1 and text[s] == " " and s > 0 and e <= len(text) - 1
        if not (lone and text[s - 1].isascii() and text[e].isascii()):
            out.append((s, e))
    return out


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_changing_runs_equal_the_run_by_run_rule(text: str) -> None:
    assert [m.span() for m in _CHANGING_RUN.finditer(text)] == _reference_runs(text)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_lower_ascii_agrees_with_the_translation_on_ascii(text: str) -> None:
    fast, slow = _lower_ascii(text), text.translate(_ASCII_LOWER)
    assert len(fast) == len(slow)
    for a, b in zip(fast, slow, strict=True):
        assert a == b or not (a.isascii() or b.isascii())


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(0, 30), st.integers(0, 60))
def test_background_words_match_like_the_plain_pattern(text: str, lo: int, hi: int) -> None:
    text = text + " market size 营收 Valuation forecast"[: hi % 40]
    plain = re.compile(_BACKGROUND, re.IGNORECASE)
    assert bool(BACKGROUND_WORDS.search(text, lo, hi)) == bool(plain.search(text, lo, hi))


def _reference_scores(head: LinearHead, rows: list[list[int]]) -> np.ndarray:
    """Return scores computed with searchsorted, as the first classifier did."""
    out = np.tile(head.bias, (len(rows), 1))
    for i, r in enumerate(rows):
        flat = np.array(r, dtype=np.int64)
        n_grams = max(int((flat < BUCKETS).sum()), 1)
        for b in flat:
            pos = np.searchsorted(head.buckets, b)
            if pos < len(head.buckets) and head.buckets[pos] == b:
                value = 1 / np.sqrt(n_grams) if b < BUCKETS else 1.0
                out[i] += head.weights[pos] * value
    return out


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(st.integers(0, 2 * BUCKETS - 1), max_size=12, unique=True), max_size=5))
def test_bitmap_rank_scores_equal_searchsorted(rows: list[list[int]]) -> None:
    rng = np.random.default_rng(7)
    drawn = [b for r in rows for b in r]
    extra = rng.integers(0, 2 * BUCKETS, 50).tolist()
    buckets = np.unique(np.array(drawn[::2] + extra + [0, 2 * BUCKETS - 1], dtype=np.int64))
    weights = rng.normal(size=(len(buckets), 3)).astype(np.float32)
    head = LinearHead(buckets, weights, np.zeros(3), np.ones((3, 2)))
    arrays = [np.array(sorted(r), dtype=np.int64) for r in rows]
    assert np.allclose(head.scores(arrays), _reference_scores(head, rows), atol=1e-9)
    assert np.allclose(head.scores(rows), _reference_scores(head, rows), atol=1e-9)


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.lists(st.integers(0, 60), max_size=6), st.integers(1, 2))
def test_span_grams_equal_the_sentences_string_n_grams(
    text: str, cuts: list[int], step: int
) -> None:
    bounds = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    spans = [(lo, hi) for lo, hi in pairwise(bounds) if hi > lo][::step]  # adjacent or not
    buckets, owner = span_grams(text, [(lo, hi, 0) for lo, hi in spans])
    got = [sorted(set(buckets[owner == k].tolist())) for k in range(len(spans))]
    expected = []
    for lo, hi in spans:
        strings = [f for f in _reference_strings(text[lo:hi], "", False) if f[0] > "{"]
        expected.append(sorted(hash_features(strings)))
    assert got == expected


def test_a_lone_surrogate_does_not_break_the_sentence_n_grams() -> None:
    text = "美国\ud800投资人工智能"
    buckets, owner = span_grams(text, [(0, len(text), 0)])
    strings = [
        f
        for f in _reference_strings("美国", "", False)
        + _reference_strings("投资人工智能", "", False)
    ]
    assert sorted(set(buckets.tolist())) == sorted(hash_features(strings))
    assert set(owner.tolist()) == {0}


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=6))
def test_span_grams_of_overlapping_spans_of_every_family(
    text: str, bounds: list[tuple[int, int]]
) -> None:
    spans = [(lo, hi, i % len(WINDOWS)) for i, (lo, hi) in enumerate(bounds)]  # any order
    buckets, owner = span_grams(text, spans)
    got = [sorted(set(buckets[owner == k].tolist())) for k in range(len(spans))]
    expected = []
    for lo, hi, family in spans:  # hi < lo reads as an empty span, like text[lo:hi]
        prefix, kmax = WINDOWS[family]
        strings = _reference_strings(text[lo:hi], prefix, kmax < 4)
        expected.append(sorted(hash_features([f for f in strings if f[len(prefix)] > "{"])))
    assert got == expected


def _without_lookahead(pattern: str, lookahead: str) -> re.Pattern[str]:
    """Return a pattern compiled without one of its (speed-only) look-aheads."""
    assert lookahead in pattern
    return re.compile(pattern.replace(lookahead, "", 1))


# Pieces of money text: numerals, scales, currencies, qualifiers and the letters around them.
MONEY_PIECES = st.sampled_from(
    [
        *"0123456789一二两十百千万亿元美$€£¥₩.,- 约超近多逾\n。，",
        *("bn", "billion", "million", "Rs.", "US$", "HK$", "EUR", "usd", "yuan", "dollars"),
        *("about", "over", "up to", "as much as", "nearly", "some", "more than", "approximately"),
        *(
            "美元",
            "人民币",
            "港元",
            "至",
            "to",
            "约合",
            "左右",
            "以上",
            "the",
            "years",
            "Europe",
            "A$",
        ),
    ]
)
MONEY_TEXTS = st.lists(MONEY_PIECES, max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(MONEY_TEXTS, st.integers(0, 20))
def test_amount_regex_heads_lookahead_changes_no_match(text: str, lo: int) -> None:
    plain = _without_lookahead(
        _AMOUNT_RE.pattern, r"(?=[\d零〇一二两兩三四五六七八九十拾百佰千仟]|" + _HEADS + ")"
    )
    plain = re.compile(plain.pattern, re.IGNORECASE)
    got = [(m.span(), m.groupdict()) for m in _AMOUNT_RE.finditer(text, lo)]
    assert got == [(m.span(), m.groupdict()) for m in plain.finditer(text, lo)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*'该公司我们其集团项目计划.。！？!?；;\n ”"aZ1%)', "Ab. Cd"]), max_size=30
    )
)
def test_coref_and_sentence_end_lookaheads_change_no_match(pieces: list[str]) -> None:
    text = "".join(pieces)
    coref = _without_lookahead(COREF.pattern, "(?=[该我其公])")
    for lo in range(0, len(text) + 1, 3):
        fast, slow = COREF.search(text, lo), coref.search(text, lo)
        assert (fast and fast.span()) == (slow and slow.span())
    sent_end = _without_lookahead(_SENT_END.pattern, r"(?=[。！？!?；;\n.])")
    assert [m.span() for m in _SENT_END.finditer(text)] == [
        m.span() for m in sent_end.finditer(text)
    ]


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=6))
def test_hash_rows_in_one_batch_equal_row_by_row(text: str, bounds: list[tuple[int, int]]) -> None:
    rows = []
    for i, (lo, hi) in enumerate(bounds):  # overlapping windows of one text, every family
        row = Row([_BUCKET_OF["_bias_"]])
        _text_features(text, lo, hi, i % len(WINDOWS), row)
        rows.append(row)
    batch = [r.tolist() for r in hash_rows(rows, text)]
    assert batch == [hash_rows([row], text)[0].tolist() for row in rows]
