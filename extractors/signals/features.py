"""Sentence and amount features of the signal classifier, hashed to stable integer buckets."""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, pairwise

import numpy as np
import numpy.typing as npt

from extractors.language import detect_script
from extractors.signals.align import MatchText, build_match_text, split_sentences
from extractors.signals.cues import CueHit, find_cues
from extractors.signals.money import parse_amounts
from extractors.signals.records import ActorHit, Amount

BUCKETS = (
    1 << 22
)  # crc32 buckets per family: collisions are rare at a few hundred thousand features
# Text n-grams hash into [0, BUCKETS) and share an L2-normalised unit of weight per sentence;
# structural features (cues, actor kinds, rule outputs, amounts) hash into [BUCKETS, 2*BUCKETS)
# and count 1 each, so a cue weighs the same in a short and a long sentence.
_STRUCTURAL = ("q:", "k:", "m:", "r:", "s:", "n:", "cur:", "qual:", "ak:", "mag:", "_")
_TOKEN = re.compile(r"[a-z]+(?:[-'][a-z]+)*|[0-9][0-9.,]*|[\u3400-\u9fff]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
# What can start a word or number token: ASCII letters and digits, and the two characters whose
# lower case holds an ASCII letter (İ -> "i̇", the Kelvin sign -> "k").
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9\u0130\u212a]")
_CHAR_NGRAMS = (1, 2, 3, 4)
_SENTENCE_FLAGS = frozenset({"ai", "bgword", "zh", "en", "inherited", "bgnear"})
_STRUCTURAL_FIRST = frozenset(p[0] for p in (*_STRUCTURAL, *_SENTENCE_FLAGS))
_LEFT, _RIGHT = 36, 24  # characters of context on each side of an amount
_NEAR = 8
_BACKGROUND = (
    r"市场规模|产业规模|营收|收入|估值|市值|营业额|利润|销售额|预测|预计|统计|数据显示|报告|增长率|"
    r"valuation|valued|revenue|sales|earnings|profit|market (?:size|value|cap)|forecast|estimate"
)
# The look-ahead on the alternatives' first characters (case-folded like them) lets the engine skip
# most positions without trying every alternative: same matches, about 2.5 times faster.
BACKGROUND_WORDS = re.compile(
    "(?=[" + "".join(sorted({w[0] for w in _BACKGROUND.split("|")})) + "])(?:" + _BACKGROUND + ")",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Prepared:
    """One text ready for classification: match text, sentences, amounts and cues."""

    mt: MatchText
    spans: list[tuple[int, int]]
    amounts: list[Amount]
    cues: list[CueHit]


def prepare_text(
    text: str, text_hans: str | None = None, region: str | None = None, mt: MatchText | None = None
) -> Prepared:
    """Return the match text of a text with its sentences, amounts (read in a region) and cues
    (mt: the match text, when the caller has built it already)."""
    mt = build_match_text(text, text_hans) if mt is None else mt
    # With no source region, the article's own script is a cue to its place (the match text is
    # Simplified whatever the article's script).
    script = detect_script(text) if region is None and _HAN.search(text) else None
    amounts = parse_amounts(mt.text, region, script)
    return Prepared(mt, split_sentences(mt.text), amounts, find_cues(mt.text))


def cue_shape(text: str, hit: CueHit, lo: int) -> str:
    """Return the case shape of a cue hit: zh, low, cap (capitalised), up, or init (sentence start)."""
    phrase = hit.phrase
    if not phrase.isascii():
        return "zh"
    if hit.start == lo:
        return "init"
    if phrase.islower():
        return "low"
    return "up" if phrase.isupper() else "cap"


# Chinese n-gram families: (prefix, longest n). The near-amount windows keep 1-2-grams only.
_WINDOWS = (("", 4), ("L:", 4), ("R:", 4), ("n:<", 2), ("n:>", 2))
_SENT, _LEFT_W, _RIGHT_W, _NEAR_L, _NEAR_R = range(len(_WINDOWS))


@dataclass(slots=True)
class Row:
    """One row's features before hashing: buckets of the string features, and text spans (with
    their n-gram family) whose Chinese character n-grams hash_rows hashes for a batch at once."""

    buckets: list[int] = field(default_factory=list)
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # lo, hi, index into _WINDOWS


def _text_features(text: str, lo: int, hi: int, window: int, row: Row) -> None:
    """Add the word uni/bigrams (English, lower case) of text[lo:hi] and the span for its
    Chinese character 1-4-grams (hashed by hash_rows).

    The near-amount windows keep only words, numbers and 1-2-grams. Rows are sets of buckets,
    so features are added by kind, not in text order. Tokens compare as: number < "a" <= word
    < "{" < Chinese.
    """
    row.spans.append((lo, hi, window))
    if not _ASCII_TOKEN.search(text, lo, hi):
        return  # Chinese only (or nothing): no word or number token
    tokens = _TOKEN.findall(text[lo:hi].lower())
    if tokens:
        prefix, kmax = _WINDOWS[window]
        # A number is "#", a Chinese token "" (it ends a bigram chain), a word itself.
        seq = ["#" if t < "a" else ("" if t > "{" else t) for t in tokens]
        out = row.buckets
        if "#" in seq:
            out.append(_BUCKET_OF[prefix + "#"])
        words = _WORD_BUCKETS[window]
        out.extend([words[t] for t in seq if t > "#"])
        if kmax == 4:  # bigrams: a word after a word or a number (keyed by pair: no string joins)
            pairs = _BIGRAM_BUCKETS[window]
            out.extend([pairs[p] for p in pairwise(seq) if p[0] and p[1] > "#"])


def sentence_features(
    text: str,
    lo: int,
    hi: int,
    cues: Sequence[CueHit],
    actors: Sequence[ActorHit],
    amounts: Sequence[Amount],
    ai: bool,
    rules: Sequence[str] = (),
) -> tuple[Row, list[str]]:
    """Return the features of one sentence (text[lo:hi] of the match text; rules: rule
    outputs) and its structural features, which its amounts inherit."""
    head: list[str] = ["r:" + r for r in rules]
    tail: list[str] = []
    for c in cues:
        shape = cue_shape(text, c, lo)
        tail.append(f"q:{c.signal_type}:{c.weight}")
        tail.append(f"q:{c.signal_type}:{c.weight}:{shape}")
    for a in actors:
        tail.append("k:" + a.kind)
    if amounts:
        tail.append("m:amount")
        tail.extend("m:" + str(a.currency) for a in amounts)
    if ai:
        tail.append("ai")
    if BACKGROUND_WORDS.search(text, lo, hi):
        tail.append("bgword")
    tail.append("zh" if _HAN.search(text, lo, hi) else "en")
    bucket = _BUCKET_OF
    row = Row([bucket["_bias_"], *[bucket[f] for f in head]])
    _text_features(text, lo, hi, _SENT, row)
    row.buckets.extend([bucket[f] for f in tail])
    return row, head + tail


def amount_features(
    text: str,
    amount: Amount,
    lo: int,
    hi: int,
    actor: ActorHit | None,
    sentence: Sequence[str],
    rules: Sequence[str] = (),
) -> Row:
    """Return the features of one amount: its context windows, qualifier, actor kind and
    sentence (sentence: the structural features of its sentence)."""
    bucket = _BUCKET_OF
    head = ["_bias_", f"cur:{amount.currency}", f"qual:{amount.qualifier}"]
    if amount.value > 0:  # order of magnitude: a price per hour is not a programme
        head.append(f"mag:{min(int(math.log10(amount.value)), 13)}")
    head.extend("r:" + r for r in rules)
    row = Row([bucket[f] for f in head])
    _text_features(text, max(lo, amount.start - _LEFT), amount.start, _LEFT_W, row)
    _text_features(text, amount.end, min(hi, amount.end + _RIGHT), _RIGHT_W, row)
    # The words right next to the amount (估值为 / valued at / 营收 / invest) weigh fully.
    left = _NEAR * (3 if text[amount.start - 1 : amount.start].isascii() else 1)
    right = _NEAR * (3 if text[amount.end : amount.end + 1].isascii() else 1)
    _text_features(text, max(lo, amount.start - left), amount.start, _NEAR_L, row)
    _text_features(text, amount.end, min(hi, amount.end + right), _NEAR_R, row)
    tail: list[str] = []
    if BACKGROUND_WORDS.search(text, max(lo, amount.start - 2 * _NEAR), amount.start):
        tail.append("n:bg")
    tail.append("ak:" + (actor.kind if actor is not None else "none"))
    if amount.inherited:
        tail.append("inherited")
    if BACKGROUND_WORDS.search(text, max(lo, amount.start - _LEFT), min(hi, amount.end + _RIGHT)):
        tail.append("bgnear")
    tail.extend("s:" + f for f in sentence if ":" in f or f in _SENTENCE_FLAGS)
    row.buckets.extend([bucket[f] for f in tail])
    return row


def _bucket(feature: str) -> int:
    """Return a feature's bucket: crc32 of its UTF-8 bytes, structural ones in the upper half."""
    bucket = zlib.crc32(feature.encode()) % BUCKETS
    if feature[0] in _STRUCTURAL_FIRST and (
        feature.startswith(_STRUCTURAL) or feature in _SENTENCE_FLAGS
    ):
        bucket += BUCKETS
    return bucket


class _BucketCache(dict[str, int]):
    """Feature -> bucket, filled on first use; cleared when it grows past _CACHE_LIMIT entries."""

    def __missing__(self, feature: str) -> int:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        bucket = self[feature] = _bucket(feature)
        return bucket


class _PrefixedCache(dict[str, int]):
    """Key -> bucket of a fixed prefix + key (a word or bigram of one n-gram family)."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def __missing__(self, key: str) -> int:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        bucket = self[key] = _bucket(self.prefix + key)
        return bucket


class _PairCache(dict[tuple[str, str], int]):
    """Word pair -> bucket of a fixed prefix + "a b" (the bigrams of one n-gram family)."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def __missing__(self, key: tuple[str, str]) -> int:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        bucket = self[key] = _bucket(self.prefix + key[0] + " " + key[1])
        return bucket


_CACHE_LIMIT = 200_000  # about 30 MB of short strings; n-grams repeat across articles
_BUCKET_OF = _BucketCache()
_WORD_BUCKETS = [_PrefixedCache(prefix + "w") for prefix, _ in _WINDOWS]
_BIGRAM_BUCKETS = [_PairCache(prefix + "b") for prefix, _ in _WINDOWS]


def hash_features(features: Iterable[str]) -> list[int]:
    """Return the distinct buckets of features (crc32 of UTF-8, stable across runs and platforms)."""
    return list(set(map(_BUCKET_OF.__getitem__, features)))


_HAN_FIRST, _HAN_LAST = 0x3400, 0x9FFF  # the Chinese token range of _TOKEN: 3 UTF-8 bytes each
_MASK32 = 0xFFFFFFFF
U32 = npt.NDArray[np.uint32]


@dataclass(frozen=True, slots=True)
class _CrcTables:
    """CRC-32 (zlib) as an affine map per Chinese character, for hashing n-grams in numpy."""

    shift_lo: U32  # register after three zero bytes, as a function of its low 16 bits
    shift_hi: U32  # ... and of its high 16 bits (the two XOR together)
    char: U32  # register after the UTF-8 bytes of a character, from a zero register


@lru_cache(maxsize=1)
def _crc_tables() -> _CrcTables:
    """Return the tables (built once per process from the CRC-32 polynomial)."""
    table = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        table = np.where(table & 1, (table >> 1) ^ np.uint32(0xEDB88320), table >> 1)

    def step(reg: U32, byte: U32) -> U32:
        out: U32 = table[(reg ^ byte) & 0xFF] ^ (reg >> 8)
        return out

    zero = np.zeros(1, dtype=np.uint32)
    low: U32 = np.arange(1 << 16, dtype=np.uint32)
    high: U32 = (low << np.uint32(16)).astype(np.uint32)
    for _ in range(3):
        low, high = step(low, zero), step(high, zero)
    cp = np.arange(_HAN_FIRST, _HAN_LAST + 1, dtype=np.uint32)
    reg = np.zeros(len(cp), dtype=np.uint32)
    for byte in (0xE0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F)):
        reg = step(reg, byte.astype(np.uint32))
    return _CrcTables(low, high, reg)


@lru_cache(maxsize=1)
def _window_tables() -> tuple[U32, npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Return per n-gram family: the CRC-32 register after its prefix, its bucket offset
    (BUCKETS for a structural prefix such as n:<) and its longest n."""
    registers = [zlib.crc32(p.encode()) ^ _MASK32 for p, _ in _WINDOWS]
    offsets = [BUCKETS if p.startswith(_STRUCTURAL) else 0 for p, _ in _WINDOWS]
    return (
        np.array(registers, dtype=np.uint32),
        np.array(offsets, dtype=np.int64),
        np.array([k for _, k in _WINDOWS], dtype=np.int64),
    )


IntArray = npt.NDArray[np.int64]
_GRAM_SIZES = np.array(_CHAR_NGRAMS, dtype=np.int64)


def span_grams(text: str, spans: Sequence[tuple[int, int, int]]) -> tuple[IntArray, IntArray]:
    """Return the buckets of the Chinese character n-grams of text spans and the index of the
    span each comes from, hashed for all spans at once (spans may overlap).

    A span is (lo, hi, family): family indexes _WINDOWS, whose prefix starts each n-gram string
    (prefix + k adjacent Chinese characters of text[lo:hi], k = 1..its longest n). Buckets are
    those of zlib.crc32 of the UTF-8 strings (hash_features), as CRC-32 registers advanced by
    one character (3 UTF-8 bytes) per step.
    """
    # Array methods rather than the np.* wrappers: these arrays are small, call overhead counts.
    tables = _crc_tables()
    registers, offsets, longest = _window_tables()
    # surrogatepass: a lone surrogate (not Chinese) must not make the whole text fail to encode
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    han = ((codes >= _HAN_FIRST) & (codes <= _HAN_LAST)).nonzero()[0]
    table = np.fromiter(chain.from_iterable(spans), dtype=np.int64, count=3 * len(spans))
    table = table.reshape(-1, 3)
    bounds = han.searchsorted(table[:, :2])  # the Chinese characters in [lo, hi)
    count = np.maximum(bounds[:, 1] - bounds[:, 0], 0)  # hi < lo: empty
    size = int(count.sum())
    span = np.arange(len(table)).repeat(count)
    pos = han[(bounds[:, 0] - count.cumsum() + count).repeat(count) + np.arange(size)]
    family = table[span, 2]
    # Strictly increasing keys: the k-gram at i is valid iff key[i + k - 1] == key[i] + k - 1
    # (k adjacent characters of one span); -1 pads past the end.
    key = span * (len(text) + len(_CHAR_NGRAMS)) + pos
    pad = len(_CHAR_NGRAMS) - 1
    key_next = np.concatenate([key, np.full(pad, -1, dtype=np.int64)])
    char = np.concatenate([tables.char[codes[pos] - _HAN_FIRST], np.zeros(pad, dtype=np.uint32)])
    reg = registers[family]
    grams = np.empty((len(_CHAR_NGRAMS), size), dtype=np.int64)
    valid = np.empty((len(_CHAR_NGRAMS), size), dtype=bool)
    for k in _CHAR_NGRAMS:  # register of the k-gram at i = shift(register of the (k-1)-gram) ^ char
        last = slice(k - 1, k - 1 + size)
        reg = tables.shift_lo[reg & 0xFFFF] ^ tables.shift_hi[reg >> 16] ^ char[last]
        grams[k - 1] = (reg ^ np.uint32(_MASK32)) & np.uint32(BUCKETS - 1)
        valid[k - 1] = key_next[last] == key + (k - 1)
    valid &= _GRAM_SIZES[:, None] <= longest[family]
    grams += offsets[family]
    at = valid.ravel().nonzero()[0]
    return grams.ravel()[at], span[at % max(size, 1)]


_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
_SMALL_SPANS = 96  # span characters below which hashing n-grams one by one beats numpy's overhead


def _small_grams(text: str, lo: int, hi: int, window: int) -> list[int]:
    """Return the buckets of the Chinese n-grams of one span, hashed one string at a time
    (the same buckets as span_grams)."""
    prefix, kmax = _WINDOWS[window]
    offset = BUCKETS if prefix.startswith(_STRUCTURAL) else 0
    start = zlib.crc32(prefix.encode())
    out: list[int] = []
    for m in _HAN_RUN.finditer(text, lo, max(lo, hi)):
        run = m.group()
        for k in range(1, min(kmax, len(run)) + 1):
            out.extend(
                zlib.crc32(run[i : i + k].encode(), start) % BUCKETS + offset
                for i in range(len(run) - k + 1)
            )
    return out


def hash_rows(rows: list[Row], text: str) -> list[IntArray]:
    """Return each row's distinct buckets, sorted (the set hash_features gives for its strings;
    text: what the rows' spans index, for their Chinese n-grams)."""
    n = len(rows)
    if n == 0:
        return []
    if sum(hi - lo for r in rows for lo, hi, _ in r.spans) < _SMALL_SPANS:  # a title: no numpy
        return [
            np.array(
                sorted({*r.buckets, *chain.from_iterable(_small_grams(text, *s) for s in r.spans)}),
                dtype=np.int64,
            )
            for r in rows
        ]
    n_buckets = np.fromiter(map(len, (r.buckets for r in rows)), dtype=np.int64, count=n)
    flat = np.fromiter(
        chain.from_iterable(r.buckets for r in rows), dtype=np.int64, count=int(n_buckets.sum())
    )
    owner = np.arange(n).repeat(n_buckets)
    spans = list(chain.from_iterable(r.spans for r in rows))
    if spans:
        n_spans = np.fromiter(map(len, (r.spans for r in rows)), dtype=np.int64, count=n)
        grams, span = span_grams(text, spans)
        flat = np.concatenate([flat, grams])
        owner = np.concatenate([owner, np.arange(n).repeat(n_spans)[span]])
    keys = (owner << 24) | flat  # 2 * BUCKETS = 2**23 buckets fit below bit 24
    keys.sort()
    distinct = np.empty(len(keys), dtype=bool)  # (np.unique hashes: slower here)
    distinct[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=distinct[1:])
    keys = keys[distinct]
    bounds = keys.searchsorted(np.arange(n + 1) << 24).tolist()  # where each row's keys start
    flat = keys & ((1 << 24) - 1)
    return [flat[lo:hi] for lo, hi in pairwise(bounds)]
