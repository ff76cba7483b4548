"""File mechanics of the tables: partition folders, atomic Parquet files and folder swaps."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from storage.schema import TableSpec

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def partition_of(spec: TableSpec, row: Any) -> str:
    """Return the hive partition folder (``year=YYYY/month=MM``) a row belongs to."""
    if spec.partitioning == "none":
        return ""
    value = getattr(row, spec.date_column)
    if value is None and spec.fallback_date_column:
        value = getattr(row, spec.fallback_date_column)
    if isinstance(value, datetime):
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if not isinstance(value, date):
        return "year=0000/month=00" if spec.partitioning == "month" else "year=0000"
    if spec.partitioning == "year":
        return f"year={value.year:04d}"
    return f"year={value.year:04d}/month={value.month:02d}"


def fingerprint(record: dict[str, Any], volatile: tuple[str, ...] = ()) -> str:
    """Return a stable hash of a row's values (``volatile`` columns left out)."""
    stable = {k: v for k, v in record.items() if k not in volatile}
    blob = json.dumps(stable, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(blob.encode("utf-8"), usedforsecurity=False).hexdigest()


def exchange_dirs(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2); return False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    rc = fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if rc != 0:
        err = ctypes.get_errno()
        if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
            return False
        raise OSError(err, os.strerror(err), str(b))
    return True


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries to disk (best effort)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_parquet(table: pa.Table, staging: Path, dest_dir: Path) -> Path:
    """Write a zstd Parquet file in staging, fsync it, then rename it into ``dest_dir``."""
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    name = f"part-{stamp}-{uuid.uuid4().hex[:12]}.parquet"
    tmp = staging / f".{name}.tmp"
    pq.write_table(table, tmp, compression="zstd", write_statistics=True, row_group_size=64 * 1024)
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    dest = dest_dir / name
    os.replace(tmp, dest)
    return dest


def swap_without_exchange(staging: Path, target: Path) -> None:
    """Fallback where renameat2 is missing: move new files in, then drop old ones."""
    old = {p.name for p in target.glob("*.parquet")}
    new = {p.name for p in staging.glob("*.parquet")}
    for name in sorted(new - old):
        os.replace(staging / name, target / name)
    for name in sorted(old - new):
        (target / name).unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)


def chunks_by_size(pieces: list[pa.Table], max_bytes: int) -> Iterator[pa.Table]:
    """Concatenate tables into chunks of at most ``max_bytes`` (in memory) each."""
    batch: list[pa.Table] = []
    size = 0
    for piece in pieces:
        if batch and size + piece.nbytes > max_bytes:
            yield pa.concat_tables(batch)
            batch, size = [], 0
        batch.append(piece)
        size += piece.nbytes
    if batch:
        yield pa.concat_tables(batch)
