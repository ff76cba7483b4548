"""Near-duplicate detection: 64-bit SimHash over character/word shingles.

Two articles are near-duplicates when the Hamming distance of their fingerprints is at most
``HAMMING_THRESHOLD`` (3 of 64 bits, the usual web-scale setting for SimHash).
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable
from datetime import datetime

HAMMING_THRESHOLD = 3
_SHINGLE = 4
_MAX_CHARS = 60_000
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]|[^\W_]+")
_MASK = (1 << 64) - 1


def _features(text: str) -> Counter[str]:
    tokens = _TOKEN.findall(unicodedata.normalize("NFKC", text[:_MAX_CHARS]).lower())
    if len(tokens) < _SHINGLE:
        return Counter(["".join(tokens)]) if tokens else Counter()
    joined = "\x1f".join(tokens)
    starts = [0]
    for tok in tokens:
        starts.append(starts[-1] + len(tok) + 1)
    return Counter(joined[starts[i] : starts[i + _SHINGLE] - 1]
                   for i in range(len(tokens) - _SHINGLE + 1))


def _hash64(feature: str) -> int:
    data = feature.encode()
    return zlib.crc32(data) << 32 | zlib.crc32(data, 0x9E3779B9)


def _to_signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def _spread_table() -> list[int]:
    table = []
    for byte in range(256):
        table.append(sum(1 << (bit * _LANE) for bit in range(8) if byte >> bit & 1))
    return table


_LANE = 32
_LANE_MASK = (1 << _LANE) - 1
_TABLE = _spread_table()
# Consistent sampling: only features whose hash has these low bits clear are kept.
_SAMPLE_MASK = 0b11


def simhash_text(text: str) -> int:
    """Return the 64-bit SimHash of a text as a signed int64-compatible int.

    Features are 4-token shingles (a token is one CJK character or one word), hashed with
    two CRC-32s (fast, stable across processes); long texts keep a consistent 1-in-4 sample of shingles. Bit counts are summed
    in 32-bit lanes of one big integer, eight table lookups per feature.
    """
    features = _features(text)
    if not features:
        return 0
    hashes = [(_hash64(f), w) for f, w in features.items()]
    if len(hashes) > 256:
        hashes = [(h, w) for h, w in hashes if not h & _SAMPLE_MASK] or hashes[:256]
    total = 0
    weight_sum = 0
    for h, w in hashes:
        spread = 0
        for k in range(8):
            spread |= _TABLE[h >> (8 * k) & 255] << (8 * k * _LANE)
        total += spread * w
        weight_sum += w
    value = 0
    for bit in range(64):
        if 2 * (total >> (bit * _LANE) & _LANE_MASK) > weight_sum:
            value |= 1 << bit
    return _to_signed(value)


def measure_distance(a: int, b: int) -> int:
    """Return the Hamming distance of two 64-bit fingerprints (signed or unsigned)."""
    return ((a & _MASK) ^ (b & _MASK)).bit_count()


def _sort_key(published_at: datetime | None, article_id: str) -> tuple[int, float, str]:
    if published_at is None:
        return (1, 0.0, article_id)
    return (0, published_at.timestamp(), article_id)


def find_near_duplicate(
    fingerprint: int,
    published_at: datetime | None,
    candidates: Iterable[tuple[str, int, datetime | None]],
) -> str | None:
    """Return the id of the earliest candidate within the Hamming threshold, if it is earlier.

    Candidates without a date sort after dated ones; ties break by article id, so the choice
    is deterministic. An article is never marked a duplicate of a later one (or of an
    undated one when it has a date itself).
    """
    best: tuple[tuple[int, float, str], str] | None = None
    for article_id, other, other_date in candidates:
        if measure_distance(fingerprint, other) > HAMMING_THRESHOLD:
            continue
        key = _sort_key(other_date, article_id)
        if best is None or key < best[0]:
            best = (key, article_id)
    if best is None:
        return None
    own = _sort_key(published_at, "")
    if own[:2] < best[0][:2]:
        return None
    return best[1]
