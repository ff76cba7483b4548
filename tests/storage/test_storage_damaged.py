"""A Parquet file of DATA damaged from outside is named in one StorageError, never a traceback."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from articlekit import make_article, make_signal

from extractors.exceptions import StorageError
from storage.dataset import Dataset, TableChange
from storage.read import read_week

SEVEN = datetime(2025, 1, 7, 8, 0, tzinfo=UTC)


def _filled(root: Path) -> Dataset:
    ds = Dataset(root)
    rows = [
        make_article(f"Tram fares story {n}.", article_id=f"a{n}", path=f"p{n}.md")
        for n in range(3)
    ]
    ds.commit(
        [
            TableChange("articles", rows),
            TableChange("signals", [make_signal(f"a{n}", n, SEVEN) for n in range(3)]),
        ]
    )
    return ds


def _only_file(root: Path, table: str) -> Path:
    (path,) = [p for p in (root / table).rglob("*.parquet") if "year=0000" not in str(p)]
    return path


@pytest.mark.parametrize("damage", [b"", b"PAR1 not really", b"\x00" * 64])
def test_a_damaged_table_file_is_named_by_the_dataset_reader(tmp_path: Path, damage: bytes) -> None:
    ds = _filled(tmp_path)
    victim = _only_file(tmp_path, "articles")
    victim.write_bytes(damage + victim.read_bytes()[:40])  # cut short, as a partial copy is
    with pytest.raises(StorageError, match="not a readable Parquet file") as err:
        list(ds.read("articles"))
    assert str(victim) in str(err.value) and "move it out of DATA" in str(err.value)


def test_a_damaged_file_is_named_by_the_digest_readers(tmp_path: Path) -> None:
    _filled(tmp_path)
    victim = _only_file(tmp_path, "signals")
    victim.write_bytes(b"garbage")
    with pytest.raises(StorageError, match="not a readable Parquet file") as err:
        read_week(tmp_path, "2025-W02", "UTC", {})
    assert str(victim) in str(err.value)
