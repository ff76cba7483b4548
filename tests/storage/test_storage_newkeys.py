"""A commit counts as new only the rows whose key the table did not hold before."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

from articlekit import make_signal

from storage.dataset import Dataset, TableChange

T0 = datetime(2025, 1, 6, 9, 30, tzinfo=UTC)


def test_rows_stored_again_with_other_values_are_not_new(tmp_path: Path) -> None:
    ds = Dataset(tmp_path)
    rows = [make_signal("a1", n, T0) for n in range(3)]
    first = ds.commit([TableChange("signals", rows)])["signals"]
    assert (first.added, first.new_keys) == (3, 3)
    # Another source stores the same article: same ids, another source name and confidence.
    moved = [dataclasses.replace(r, source="other", confidence=0.5) for r in rows]
    again = ds.commit([TableChange("signals", moved)])["signals"]
    assert (again.added, again.replaced_groups, again.new_keys) == (3, 1, 0)


def test_a_replaced_group_counts_only_its_new_ids(tmp_path: Path) -> None:
    ds = Dataset(tmp_path)
    ds.commit([TableChange("signals", [make_signal("a1", n, T0) for n in range(3)])])
    ds.commit([TableChange("signals", [make_signal("a2", 0, T0)])])
    changed = [make_signal("a1", 1, T0), make_signal("a1", 2, T0), make_signal("a1", 9, T0)]
    result = ds.commit([TableChange("signals", changed, frozenset({"a1"}))])["signals"]
    assert (result.replaced_groups, result.new_keys) == (1, 1)
    fresh = ds.commit([TableChange("signals", [make_signal("a3", 0, T0)])])["signals"]
    assert fresh.new_keys == 1
