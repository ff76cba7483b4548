"""The measure tables: written by group, idempotent, and read back by polars, DuckDB and pyarrow."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.dataset as ds

from extractors.rows import Measure, MeasureEvent
from storage.read import read_measures
from storage.store import Store, write_measures


def measure(measure_id: str, status: str = "in_force") -> Measure:
    return Measure(
        measure_id=measure_id,
        name_en="EU AI Act",
        name_zh="人工智能法",
        kind="law",
        jurisdiction="EU",
        actors=["European Commission"],
        first_seen=date(2024, 8, 1),
        status=status,
        status_since=date(2024, 8, 1),
        last_seen=date(2025, 2, 3),
        aliases=["AI Act", "人工智能法案"],
    )


def event(measure_id: str, n: int, day: date | None = date(2024, 8, 1)) -> MeasureEvent:
    return MeasureEvent(
        event_id=f"{measure_id}-{n}",
        measure_id=measure_id,
        status="in_force",
        event_date=day,
        date_source="text" if day else "none",
        article_id=f"article-{n}",
        evidence="The Act entered into force on 1 August 2024.",
        evidence_start=0,
        evidence_end=44,
        signal_id=None,
        published_at=datetime(2024, 8, 1, 5, tzinfo=UTC),
    )


def test_round_trip_through_polars_duckdb_and_pyarrow(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.prepare()
    events = [event("eu-ai-act", 1), event("eu-ai-act", 2, date(2025, 2, 2)), event("x", 3, None)]
    write_measures(store, [measure("eu-ai-act"), measure("x", "proposed")], events)
    measures, got = read_measures(tmp_path)
    assert measures == [measure("eu-ai-act"), measure("x", "proposed")]
    assert sorted(got, key=lambda e: e.event_id) == sorted(events, key=lambda e: e.event_id)
    frame = pl.scan_parquet(tmp_path / "measures" / "**" / "*.parquet").collect()
    assert frame.get_column("aliases").to_list()[0] == ["AI Act", "人工智能法案"]
    rows = duckdb.execute(
        f"SELECT measure_id, count(*) FROM read_parquet('{tmp_path}/measure_events/**/*.parquet') "
        "GROUP BY measure_id ORDER BY measure_id"
    ).fetchall()
    assert rows == [("eu-ai-act", 2), ("x", 1)]
    table = ds.dataset(tmp_path / "measures", format="parquet", partitioning="hive").to_table()
    assert table.num_rows == 2


def test_rewrites_only_what_changed_and_drops_vanished_measures(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.prepare()
    write_measures(store, [measure("a"), measure("b")], [event("a", 1), event("b", 2)])
    again = write_measures(store, [measure("a"), measure("b")], [event("a", 1), event("b", 2)])
    assert all(r.files_written == 0 and r.added == 0 for r in again.values())
    changed = write_measures(store, [measure("a", "revoked")], [event("a", 1)])
    assert changed["measures"].replaced_groups == 2  # a rewritten, b removed
    measures, events = read_measures(tmp_path)
    assert [(m.measure_id, m.status) for m in measures] == [("a", "revoked")]
    assert [e.measure_id for e in events] == ["a"]
