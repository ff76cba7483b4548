"""Storage: appends, replacement by group, idempotency, placeholders, compaction, readers."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.dataset as pads
import pytest
from articlekit import make_signal

from extractors.rows import Article
from storage import dataset as dataset_mod
from storage.dataset import Dataset, TableChange

T0 = datetime(2025, 1, 6, 9, 30, tzinfo=UTC)


def make_article(i: int, text: str = "body", published: datetime | None = T0) -> Article:
    return Article(
        article_id=f"a{i:04d}",
        source="s",
        url=None,
        path=f"p{i}.html",
        title=f"t{i}",
        author=None,
        outlet=None,
        published_at=published,
        fetched_at=T0 + timedelta(days=60),
        language="en",
        text=text,
        text_hans=None,
        content_hash=f"h-{text}",
        extractor_version="1",
    )


def read_all(root: Path, table: str) -> dict[str, pl.DataFrame]:
    """Read a table with polars, DuckDB and pyarrow, each with hive partitioning only."""
    glob = str(root / table / "**" / "*.parquet")
    return {
        "polars": pl.scan_parquet(glob, hive_partitioning=True).collect(),
        "duckdb": duckdb.sql(f"select * from read_parquet('{glob}', hive_partitioning=true)").pl(),
        "pyarrow": pl.from_arrow(
            pads.dataset(root / table, format="parquet", partitioning="hive").to_table()
        ),
    }


def files_of(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*.parquet")}


def test_append_partitions_and_idempotency(tmp_path: Path) -> None:
    ds = Dataset(tmp_path)
    rows = [make_article(i, published=T0 if i % 2 else None) for i in range(6)]
    first = ds.commit([TableChange("articles", rows)])["articles"]
    assert first.added == 6
    before = files_of(tmp_path)
    again = ds.commit([TableChange("articles", rows)])["articles"]
    assert (again.added, again.replaced_groups, again.unchanged_groups) == (0, 0, 6)
    assert files_of(tmp_path) == before
    assert {
        p.split("/")[1] + "/" + p.split("/")[2] for p in before if p.startswith("articles/")
    } == {"year=2025/month=01", "year=2025/month=03"}


def test_replace_changes_rows_in_place(tmp_path: Path) -> None:
    ds = Dataset(tmp_path)
    ds.commit([TableChange("articles", [make_article(i) for i in range(4)])])
    result = ds.commit([TableChange("articles", [make_article(1, text="new")])])["articles"]
    assert result.replaced_groups == 1
    for name, frame in read_all(tmp_path, "articles").items():
        assert frame.height == 4, name
        assert frame.filter(pl.col("article_id") == "a0001")["text"].to_list() == ["new"], name


def test_replace_groups_removes_stale_signals(tmp_path: Path) -> None:
    ds = Dataset(tmp_path)
    ds.commit(
        [
            TableChange(
                "signals", [make_signal("a1", n, T0) for n in range(3)] + [make_signal("a2", 0, T0)]
            )
        ]
    )
    ds.commit([TableChange("signals", [make_signal("a1", 7, T0)], frozenset({"a1"}))])
    frame = read_all(tmp_path, "signals")["polars"]
    assert sorted(frame["signal_id"].to_list()) == ["a1-7", "a2-0"]


def test_empty_tables_are_readable_by_all_three(tmp_path: Path) -> None:
    ds = Dataset(tmp_path)
    ds.ensure_layout()
    for table in ("articles", "signals", "rejects", "digest_items"):
        for name, frame in read_all(tmp_path, table).items():
            assert frame.height == 0, (table, name)
    ds.commit([TableChange("articles", [make_article(1)])])
    for name, frame in read_all(tmp_path, "articles").items():
        assert frame.height == 1, name
        assert frame["year"].to_list() == [2025], name


def test_types_read_back(tmp_path: Path) -> None:
    ds = Dataset(tmp_path)
    ds.commit(
        [
            TableChange("articles", [make_article(1)]),
            TableChange("signals", [make_signal("a0001", 1, T0)]),
        ]
    )
    articles = read_all(tmp_path, "articles")
    for name, frame in articles.items():
        dtype = frame.schema["published_at"]
        assert isinstance(dtype, pl.Datetime), name
        assert dtype.time_zone in {"UTC", "Etc/UTC"}, name  # DuckDB names it Etc/UTC
        assert frame["published_at"].to_list() == [T0], name
    signals = read_all(tmp_path, "signals")
    for frame in signals.values():
        assert frame.schema["actors"] == pl.List(pl.String)
        assert frame.schema["evidence_start"] == pl.Int32


def test_compaction_keeps_rows_and_bounds_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dataset_mod, "COMPACT_AT_FILES", 4)
    ds = Dataset(tmp_path)
    for i in range(10):
        ds.commit([TableChange("articles", [make_article(i)])])
    part = tmp_path / "articles" / "year=2025" / "month=01"
    assert len(list(part.glob("*.parquet"))) <= 4
    assert sorted(read_all(tmp_path, "articles")["duckdb"]["article_id"].to_list()) == [
        f"a{i:04d}" for i in range(10)
    ]


def test_fallback_without_exchange(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dataset_mod, "exchange_dirs", lambda a, b: False)
    ds = Dataset(tmp_path)
    ds.commit([TableChange("articles", [make_article(i) for i in range(3)])])
    ds.commit([TableChange("articles", [dataclasses.replace(make_article(2), title="x")])])
    frame = read_all(tmp_path, "articles")["pyarrow"]
    assert frame.height == 3
    assert frame.filter(pl.col("article_id") == "a0002")["title"].to_list() == ["x"]


def test_unwritable_data_is_a_storage_error(tmp_path: Path) -> None:
    from extractors.exceptions import StorageError

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError):
        Dataset(blocker / "data").commit([TableChange("articles", [make_article(1)])])


def test_source_articles_reads_one_source_latest_first(tmp_path: Path) -> None:
    from storage.store import Store

    store = Store(tmp_path)
    rows = [
        dataclasses.replace(make_article(i, f"text {i}"), fetched_at=T0 + timedelta(days=i))
        for i in range(5)
    ]
    rows.append(dataclasses.replace(make_article(9, "other"), source="t"))
    store.write_rows("articles", rows)
    every = store.source_articles("s", ["article_id", "text"])
    assert sorted(every) == [(f"a{i:04d}", f"text {i}") for i in range(5)]
    assert sorted(store.source_articles("s", ["article_id"], limit=2)) == [("a0003",), ("a0004",)]
    assert store.source_articles("nobody", ["article_id"], limit=2) == []
