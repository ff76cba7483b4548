"""A compact, rebuildable index of each dedupe key's first mention, kept under DATA/digests.

The digest asks "was this key seen before week W?" for the week's keys only. Scanning every
signals file for that grows with the history, so this index keeps (dedupe_key, first_at) in
one Parquet file and records which signals files it has read: each digest reads only the
files written since. When a covered file disappears (a rewrite or compaction), it rebuilds.
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from datetime import date, datetime
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from storage.schema import TABLES

INDEX_FILE = Path("digests") / ".index" / "first_seen.parquet"
_META = b"policy_radar.covered_files"
_VERSION_KEY = b"policy_radar.keyindex_version"
VERSION = b"2"
_SCHEMA = pl.Schema({"dedupe_key": pl.String(), "first_at": pl.Datetime("us", "UTC")})


def polars_schema(table: str) -> pl.Schema:
    """Return the current polars schema of a table (files written earlier may lack columns)."""
    frame = pl.from_arrow(TABLES[table].schema.empty_table())
    assert isinstance(frame, pl.DataFrame)
    return frame.schema


def _signal_files(root: Path) -> dict[str, int]:
    base = root / TABLES["signals"].folder
    if not base.is_dir():
        return {}
    return {
        str(p.relative_to(root)): p.stat().st_size
        for p in sorted(base.glob("year=*/month=*/*.parquet"))
        if not p.name.startswith((".", "_"))
    }


def _load(path: Path) -> tuple[pl.DataFrame, dict[str, int]]:
    if not path.is_file():
        return pl.DataFrame(schema=_SCHEMA), {}
    table = pq.read_table(path)
    meta = table.schema.metadata or {}
    if meta.get(_VERSION_KEY) != VERSION:
        return pl.DataFrame(schema=_SCHEMA), {}
    covered = json.loads(meta.get(_META, b"{}"))
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    return frame.cast(_SCHEMA), {str(k): int(v) for k, v in covered.items()}


def _save(path: Path, frame: pl.DataFrame, covered: dict[str, int]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    table = frame.to_arrow()
    meta = {_META: json.dumps(covered, sort_keys=True).encode(), _VERSION_KEY: VERSION}
    table = table.replace_schema_metadata(meta)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _first_mentions(root: Path, files: list[str]) -> pl.DataFrame:
    if not files:
        return pl.DataFrame(schema=_SCHEMA)
    return (
        pl.scan_parquet(
            [root / f for f in files],
            hive_partitioning=False,
            schema=polars_schema("signals"),
            missing_columns="insert",
            extra_columns="ignore",
        )
        .select("dedupe_key", pl.coalesce("published_at", "fetched_at").alias("first_at"))
        .filter(pl.col("first_at").is_not_null())
        .group_by("dedupe_key")
        .agg(pl.col("first_at").min())
        .collect()
        .cast(_SCHEMA)
    )


def refresh_index(root: Path | str) -> pl.DataFrame:
    """Return (dedupe_key, first_at) of every signal, reading only the files not yet indexed."""
    root = Path(root)
    path = root / INDEX_FILE
    files = _signal_files(root)
    try:
        frame, covered = _load(path)
    except (OSError, ValueError, pa.ArrowException, pl.exceptions.PolarsError):
        frame, covered = pl.DataFrame(schema=_SCHEMA), {}
    if any(files.get(name) != size for name, size in covered.items()):
        frame, covered = pl.DataFrame(schema=_SCHEMA), {}
    new = sorted(set(files) - set(covered))
    if not new:
        return frame
    merged = (
        pl.concat([frame, _first_mentions(root, new)])
        .group_by("dedupe_key")
        .agg(pl.col("first_at").min())
        .sort("dedupe_key")
    )
    with contextlib.suppress(OSError):
        _save(path, merged, files)
    return merged


def _current(root: Path) -> bool:
    """Return True when the index file covers exactly the signals files there are now."""
    path = root / INDEX_FILE
    if not path.is_file():
        return False
    meta = pq.read_schema(path).metadata or {}
    if meta.get(_VERSION_KEY) != VERSION:
        return False
    covered = {str(k): int(v) for k, v in json.loads(meta.get(_META, b"{}")).items()}
    return covered == _signal_files(root)


def first_seen_before(
    root: Path | str, keys: set[str], before: datetime, timezone: str
) -> dict[str, date]:
    """Return the first local day of each key whose first mention is before an instant."""
    if not keys:
        return {}
    root = Path(root)
    try:  # up to date: scan only the rows of the keys asked for (no whole-index load)
        index = pl.scan_parquet(root / INDEX_FILE) if _current(root) else None
    except (OSError, ValueError, pa.ArrowException):
        index = None
    hits = (
        (index if index is not None else refresh_index(root).lazy())
        .filter(pl.col("dedupe_key").is_in(sorted(keys)) & (pl.col("first_at") < before))
        .with_columns(pl.col("first_at").dt.convert_time_zone(timezone).dt.date().alias("day"))
        .collect()
    )
    return {rec["dedupe_key"]: rec["day"] for rec in hits.iter_rows(named=True)}
