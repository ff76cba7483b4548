"""Near-duplicate detection: 64-bit SimHash over character/word shingles.

Two articles are near-duplicates when the Hamming distance of their fingerprints is at most
``HAMMING_THRESHOLD`` (3 of 64 bits, the usual web-scale setting for SimHash).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from datetime import datetime

HAMMING_THRESHOLD = 3
_SHINGLE = 4
_MAX_FEATURES = 4000
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]|[^\W_]+")
_MASK = (1 << 64) - 1


def _features(text: str) -> Counter[str]:
    tokens = _TOKEN.findall(unicodedata.normalize("NFKC", text).lower())
    if len(tokens) < _SHINGLE:
        return Counter(["".join(tokens)]) if tokens else Counter()
    grams = ("\x1f".join(tokens[i : i + _SHINGLE]) for i in range(len(tokens) - _SHINGLE + 1))
    counts: Counter[str] = Counter()
    for gram in grams:
        counts[gram] += 1
        if len(counts) >= _MAX_FEATURES:
            break
    return counts


def _hash64(feature: str) -> int:
    return int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "big")


def _to_signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def simhash_text(text: str) -> int:
    """Return the 64-bit SimHash of a text as a signed int64-compatible int."""
    features = _features(text)
    if not features:
        return 0
    weights = [0] * 64
    for feature, weight in features.items():
        h = _hash64(feature)
        for bit in range(64):
            weights[bit] += weight if h >> bit & 1 else -weight
    value = sum(1 << bit for bit, w in enumerate(weights) if w > 0)
    return _to_signed(value & _MASK)


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
