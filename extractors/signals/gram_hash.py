"""Chinese character n-grams of the classifier's rows, hashed to buckets in numpy (CRC-32 as tables)."""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, pairwise

import numpy as np
import numpy.typing as npt

from extractors.signals.features import BUCKETS, STRUCTURAL, WINDOWS, Row

_CHAR_NGRAMS = (1, 2, 3, 4)
# The Chinese token range of features' _TOKEN: 3 UTF-8 bytes each.
_HAN_FIRST, _HAN_LAST = 0x3400, 0x9FFF
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
    registers = [zlib.crc32(p.encode()) ^ _MASK32 for p, _ in WINDOWS]
    offsets = [BUCKETS if p.startswith(STRUCTURAL) else 0 for p, _ in WINDOWS]
    return (
        np.array(registers, dtype=np.uint32),
        np.array(offsets, dtype=np.int64),
        np.array([k for _, k in WINDOWS], dtype=np.int64),
    )


IntArray = npt.NDArray[np.int64]
_GRAM_SIZES = np.array(_CHAR_NGRAMS, dtype=np.int64)


def span_grams(text: str, spans: Sequence[tuple[int, int, int]]) -> tuple[IntArray, IntArray]:
    """Return the buckets of the Chinese character n-grams of text spans and the index of the
    span each comes from, hashed for all spans at once (spans may overlap).

    A span is (lo, hi, family): family indexes WINDOWS, whose prefix starts each n-gram string
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
    prefix, kmax = WINDOWS[window]
    offset = BUCKETS if prefix.startswith(STRUCTURAL) else 0
    start = zlib.crc32(prefix.encode())
    out: list[int] = []
    crc32 = zlib.crc32
    for m in _HAN_RUN.finditer(text, lo, max(lo, hi)):
        # Every character of the run is 3 UTF-8 bytes: the k-gram at character i is the bytes
        # [3i, 3i + 3k) of the run's encoding (one encode per run, not one per n-gram).
        raw = m.group().encode()
        n = len(raw)
        for size in range(3, min(3 * kmax, n) + 1, 3):
            out.extend(
                [
                    crc32(raw[i : i + size], start) % BUCKETS + offset
                    for i in range(0, n - size + 1, 3)
                ]
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
    if spans and _HAN_RUN.search(text):  # a text without Chinese characters has no n-grams
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
