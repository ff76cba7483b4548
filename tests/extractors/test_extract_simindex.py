"""The SimHash index answers exactly what a Python scan of every fingerprint answers."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.neardup import HAMMING_THRESHOLD, find_near_duplicate, measure_distance
from extractors.simindex import SimhashIndex

BASE = datetime(2025, 1, 1, tzinfo=UTC)


def _flip(value: int, bits: list[int]) -> int:
    for bit in bits:
        value ^= 1 << bit
    return value


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[tuple[str, int, datetime | None]], int]:
    """A query and stored fingerprints, many of them a few bits away from it."""
    query = draw(st.integers(0, 2**64 - 1))
    entries = []
    for i in range(draw(st.integers(0, 40))):
        bits = draw(st.lists(st.integers(0, 63), max_size=14))
        day = draw(st.none() | st.integers(0, 30))
        when = None if day is None else BASE + timedelta(days=day)
        entries.append((f"a{i:02d}", _flip(query, bits), when))
    return entries, query


@settings(max_examples=300, deadline=None)
@given(histories(), st.none() | st.integers(0, 30))
def test_index_equals_a_full_scan(
    history: tuple[list[tuple[str, int, datetime | None]], int], day: int | None
) -> None:
    entries, query = history
    when = None if day is None else BASE + timedelta(days=day)
    index = SimhashIndex(entries)
    assert index.find(query, when, "a00") == find_near_duplicate(query, when, entries, "a00")
    near = {e[0] for e in entries if measure_distance(e[1], query) <= HAMMING_THRESHOLD}
    assert {e[0] for e in index.near(query)} == near


def test_distance_eight_in_one_band_and_spread_are_found_nine_is_not() -> None:
    query = random.Random(7).getrandbits(64)
    index = SimhashIndex(
        [
            ("same-band", _flip(query, list(range(8))), None),  # 8 bits in 13, side by side
            ("spread", _flip(query, [0, 1, 16, 17, 32, 33, 48, 49]), None),
            ("nine", _flip(query, [0, 1, 2, 16, 17, 32, 33, 48, 49]), None),
            ("same-band", query, None),  # a second entry of an id is ignored
        ]
    )
    assert len(index) == 3
    assert [e[0] for e in index.near(query)] == ["same-band", "spread"]
    signed = query - 2**64 if query >= 2**63 else query  # stored rows hold signed int64
    assert [e[0] for e in index.near(signed)] == ["same-band", "spread"]
