"""Sentence and amount features of the signal classifier, hashed to stable integer buckets."""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

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
_CHAR_NGRAMS = (1, 2, 3, 4)
_SENTENCE_FLAGS = frozenset({"ai", "bgword", "zh", "en", "inherited", "bgnear"})
_STRUCTURAL_FIRST = frozenset(p[0] for p in (*_STRUCTURAL, *_SENTENCE_FLAGS))
_LEFT, _RIGHT = 36, 24  # characters of context on each side of an amount
_NEAR = 8
BACKGROUND_WORDS = re.compile(
    r"市场规模|产业规模|营收|收入|估值|市值|营业额|利润|销售额|预测|预计|统计|数据显示|报告|增长率|"
    r"valuation|valued|revenue|sales|earnings|profit|market (?:size|value|cap)|forecast|estimate",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Prepared:
    """One text ready for classification: match text, sentences, amounts and cues."""

    mt: MatchText
    spans: list[tuple[int, int]]
    amounts: list[Amount]
    cues: list[CueHit]


def prepare_text(text: str, text_hans: str | None = None, region: str | None = None) -> Prepared:
    """Return the match text of a text with its sentences, amounts (read in a region) and cues."""
    mt = build_match_text(text, text_hans)
    amounts = parse_amounts(mt.text, region)
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


# A feature piece: a hashed feature (bucket), or a Chinese token (prefix, token, longest n-gram)
# whose character n-grams are hashed for a whole batch of rows at once (hash_rows).
Piece = int | tuple[str, str, int]


def _text_features(text: str, prefix: str, out: list[Piece], near: bool = False) -> None:
    """Append word uni/bigrams (English, lower case) and character 1-4-grams (Chinese).

    near: the words right next to an amount, which keep only words, numbers and 1-2-grams.
    """
    bucket = _BUCKET_OF
    prev = ""
    kmax = 2 if near else 4
    for tok in _TOKEN.findall(text.lower()):
        first = tok[0]
        if first.isdigit():
            out.append(bucket[prefix + "#"])
            prev = "#"
        elif first.isascii():
            out.append(bucket[prefix + "w" + tok])
            if prev and not near:
                out.append(bucket[prefix + "b" + prev + " " + tok])
            prev = tok
        else:
            prev = ""
            out.append((prefix, tok, kmax))


def sentence_features(
    text: str,
    lo: int,
    hi: int,
    cues: Sequence[CueHit],
    actors: Sequence[ActorHit],
    amounts: Sequence[Amount],
    ai: bool,
    rules: Sequence[str] = (),
) -> tuple[list[Piece], list[str]]:
    """Return the feature pieces of one sentence (text[lo:hi] of the match text; rules: rule
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
    out: list[Piece] = [bucket["_bias_"]]
    out.extend([bucket[f] for f in head])
    _text_features(text[lo:hi], "", out)
    out.extend([bucket[f] for f in tail])
    return out, head + tail


def amount_features(
    text: str,
    amount: Amount,
    lo: int,
    hi: int,
    actor: ActorHit | None,
    sentence: Sequence[str],
    rules: Sequence[str] = (),
) -> list[Piece]:
    """Return the feature pieces of one amount: its context windows, qualifier, actor kind and
    sentence (sentence: the structural features of its sentence)."""
    bucket = _BUCKET_OF
    head = ["_bias_", f"cur:{amount.currency}", f"qual:{amount.qualifier}"]
    if amount.value > 0:  # order of magnitude: a price per hour is not a programme
        head.append(f"mag:{min(int(math.log10(amount.value)), 13)}")
    head.extend("r:" + r for r in rules)
    out: list[Piece] = [bucket[f] for f in head]
    _text_features(text[max(lo, amount.start - _LEFT) : amount.start], "L:", out)
    _text_features(text[amount.end : min(hi, amount.end + _RIGHT)], "R:", out)
    # The words right next to the amount (估值为 / valued at / 营收 / invest) weigh fully.
    left = _NEAR * (3 if text[amount.start - 1 : amount.start].isascii() else 1)
    right = _NEAR * (3 if text[amount.end : amount.end + 1].isascii() else 1)
    _text_features(text[max(lo, amount.start - left) : amount.start], "n:<", out, near=True)
    _text_features(text[amount.end : min(hi, amount.end + right)], "n:>", out, near=True)
    tail: list[str] = []
    if BACKGROUND_WORDS.search(text, max(lo, amount.start - 2 * _NEAR), amount.start):
        tail.append("n:bg")
    tail.append("ak:" + (actor.kind if actor is not None else "none"))
    if amount.inherited:
        tail.append("inherited")
    if BACKGROUND_WORDS.search(text, max(lo, amount.start - _LEFT), min(hi, amount.end + _RIGHT)):
        tail.append("bgnear")
    tail.extend("s:" + f for f in sentence if ":" in f or f in _SENTENCE_FLAGS)
    out.extend([bucket[f] for f in tail])
    return out


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


_CACHE_LIMIT = 200_000  # about 30 MB of short strings; n-grams repeat across articles
_BUCKET_OF = _BucketCache()


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
        return table[(reg ^ byte) & 0xFF] ^ (reg >> 8)

    zero = np.zeros(1, dtype=np.uint32)
    low = np.arange(1 << 16, dtype=np.uint32)
    high = low << 16
    for _ in range(3):
        low, high = step(low, zero), step(high, zero)
    cp = np.arange(_HAN_FIRST, _HAN_LAST + 1, dtype=np.uint32)
    reg = np.zeros(len(cp), dtype=np.uint32)
    for byte in (0xE0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F)):
        reg = step(reg, byte.astype(np.uint32))
    return _CrcTables(low, high, reg)


@lru_cache(maxsize=64)
def _prefix_register(prefix: str) -> int:
    """Return the CRC-32 register after a feature prefix (zlib's initial register if empty)."""
    return zlib.crc32(prefix.encode()) ^ _MASK32


@lru_cache(maxsize=64)
def _prefix_offset(prefix: str) -> int:
    """Return the bucket offset of n-grams under a prefix: BUCKETS for a structural one (n:<)."""
    return BUCKETS if prefix.startswith(_STRUCTURAL) else 0  # a Chinese token is never a flag


def _hash_tokens(keys: list[tuple[str, str, int]]) -> list[list[int]]:
    """Return the n-gram buckets of Chinese tokens (prefix, token, longest n), in the order of
    the string features prefix + token[i:i+k] for k = 1..n, then i (all tokens in one batch)."""
    tables = _crc_tables()
    tokens = [k[1] for k in keys]
    lens = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    codes = np.frombuffer("".join(tokens).encode("utf-32-le"), dtype=np.uint32)
    size = len(codes)
    starts = np.cumsum(lens) - lens
    char = tables.char[codes - _HAN_FIRST]
    reg = np.repeat(
        np.fromiter((_prefix_register(k[0]) for k in keys), dtype=np.uint32, count=len(keys)),
        lens,
    )
    pos = np.arange(size)
    grams = np.empty((len(_CHAR_NGRAMS), size), dtype=np.int64)
    for k in _CHAR_NGRAMS:  # register of the k-gram at i = shift(register of the (k-1)-gram) ^ char
        nxt = np.minimum(pos + (k - 1), size - 1)
        reg = tables.shift_lo[reg & 0xFFFF] ^ tables.shift_hi[reg >> 16] ^ char[nxt]
        grams[k - 1] = (reg ^ np.uint32(_MASK32)) & np.uint32(BUCKETS - 1)
    kmax = np.fromiter((k[2] for k in keys), dtype=np.int64, count=len(keys))
    ks = np.arange(1, len(_CHAR_NGRAMS) + 1)
    counts = np.clip(lens[:, None] - ks[None, :] + 1, 0, None) * (ks[None, :] <= kmax[:, None])
    base = ((ks[None, :] - 1) * size + starts[:, None]).ravel()
    seg = counts.ravel()
    offsets = np.cumsum(seg) - seg
    index = np.repeat(base - offsets, seg) + np.arange(int(seg.sum()))
    offset = np.fromiter((_prefix_offset(k[0]) for k in keys), dtype=np.int64, count=len(keys))
    flat = (grams.ravel()[index] + np.repeat(offset, counts.sum(axis=1))).tolist()
    bounds = np.cumsum(counts.sum(axis=1)).tolist()
    out: list[list[int]] = []
    lo = 0
    for hi in bounds:
        out.append(flat[lo:hi])
        lo = hi
    return out


def hash_rows(rows: list[list[Piece]]) -> list[list[int]]:
    """Return each row's distinct buckets, in the order hash_features gives for its feature strings."""
    keys: dict[tuple[str, str, int], int] = {}
    for row in rows:
        for piece in row:
            if type(piece) is tuple and piece not in keys:
                keys[piece] = len(keys)
    grams = _hash_tokens(list(keys)) if keys else []
    out: list[list[int]] = []
    for row in rows:
        seq: list[int] = []
        for piece in row:
            if type(piece) is int:
                seq.append(piece)
            else:
                seq.extend(grams[keys[piece]])  # type: ignore[index]  # a tuple piece
        out.append(list(set(seq)))
    return out
