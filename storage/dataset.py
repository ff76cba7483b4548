"""Hive-partitioned Parquet tables with atomic, idempotent-by-key commits."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc
from filelock import FileLock, Timeout

from extractors.exceptions import StorageError
from storage.damaged import read_table
from storage.files import (
    chunks_by_size,
    exchange_dirs,
    fingerprint,
    fsync_dir,
    partition_of,
    swap_without_exchange,
    write_parquet,
)
from storage.schema import TABLES, TableSpec, to_arrow

if TYPE_CHECKING:
    from storage.remote import Sync

COMPACT_AT_FILES = 24
PLACEHOLDER = "part-0-empty.parquet"
COMPACT_MAX_BYTES = 256 * 1024 * 1024
LOCK_TIMEOUT_S = 600.0
READ_ATTEMPTS = 8
READ_RETRY_S = 0.05
Guard = Callable[[], contextlib.AbstractContextManager[Any]]


@dataclass(frozen=True, slots=True)
class TableChange:
    """Rows to commit to one table; afterwards each group named holds exactly these rows."""

    table: str
    rows: Sequence[Any]
    replace_groups: frozenset[str] = frozenset()


@dataclass(slots=True)
class TableResult:
    """What one commit did to one table."""

    added: int = 0
    new_keys: int = 0  # rows whose key the table did not hold before (a re-stored row is not new)
    replaced_groups: int = 0
    unchanged_groups: int = 0
    files_written: int = 0


@dataclass(slots=True)
class _FileKeys:
    groups: dict[str, int] = field(default_factory=dict)
    fingerprints: dict[str, list[str]] | None = None
    row_keys: dict[str, set[str]] | None = None


class Dataset:
    """The tables under one DATA folder; every write goes through ``commit``."""

    def __init__(
        self, root: Path | str, guard: Guard | None = None, sync: Sync | None = None
    ) -> None:
        self.root = Path(root)
        self._index: dict[str, dict[str, _FileKeys]] = {}
        self._lock = FileLock(str(self.root / ".radar.lock"), timeout=LOCK_TIMEOUT_S)
        self._guard = guard or contextlib.nullcontext
        self._sync = sync
        self._held = False

    # -- paths -------------------------------------------------------------------------
    def table_dir(self, table: str) -> Path:
        """Return the folder of a table."""
        return self.root / TABLES[table].folder

    def files(self, table: str) -> list[Path]:
        """Return the Parquet files of a table, sorted (re-listed if a commit moves folders)."""
        base = self.table_dir(table)
        for attempt in range(READ_ATTEMPTS):
            if not base.is_dir():
                return []
            try:
                return sorted(
                    p for p in base.rglob("*.parquet") if not p.name.startswith((".", "_"))
                )
            except FileNotFoundError:
                time.sleep(READ_RETRY_S * (attempt + 1))
        raise StorageError(f"{base} kept changing while being listed")

    def read(
        self, table: str, columns: Sequence[str] | None = None, where: pc.Expression | None = None
    ) -> Iterator[tuple[Path, pa.Table]]:
        """Yield (path, rows) of every file of a table, from one listing that no commit swapped."""
        spec = TABLES[table]
        for attempt in range(READ_ATTEMPTS):
            try:
                tables = [
                    (path, read_table(path, columns=columns, schema=spec.schema, filters=where))
                    for path in self.files(table)
                ]
            except FileNotFoundError:
                # Another process swapped a partition between our listing and our read.
                time.sleep(READ_RETRY_S * (attempt + 1))
                continue
            yield from tables
            return
        raise StorageError(f"{self.table_dir(table)} kept changing while being read")

    def ensure_layout(self) -> None:
        """Create DATA and every table folder, so readers find each table from the first run."""
        try:
            (self.root / ".staging").mkdir(parents=True, exist_ok=True)
            for spec in TABLES.values():
                self.table_dir(spec.name).mkdir(parents=True, exist_ok=True)
            if any(self._lacks_placeholder(spec) for spec in TABLES.values()):
                with self._lock:
                    self._write_placeholders()
        except OSError as exc:
            raise StorageError(f"cannot create data folder {self.root}: {exc.strerror}") from exc
        except Timeout as exc:
            raise StorageError(f"another writer held {self.root}/.radar.lock too long") from exc

    def _lacks_placeholder(self, spec: TableSpec) -> bool:
        return spec.partitioning != "none" and not self._has_files(spec.name)

    def _has_files(self, table: str) -> bool:
        """Return True when a table has a Parquet file (stops at the first: no full listing)."""
        base = self.table_dir(table)
        try:
            return any(not p.name.startswith((".", "_")) for p in base.rglob("*.parquet"))
        except FileNotFoundError:  # a commit swapped a folder mid-walk: list properly
            return bool(self.files(table))

    def _write_placeholders(self) -> None:
        """Write the placeholder of every empty table (under the lock: staging is shared)."""
        for spec in TABLES.values():
            if self._lacks_placeholder(spec):
                self._write_placeholder(spec)

    def _placeholder_dir(self, spec: TableSpec) -> Path:
        part = "year=0000" if spec.partitioning == "year" else "year=0000/month=00"
        return self.table_dir(spec.name) / part

    def _write_placeholder(self, spec: TableSpec) -> None:
        """Give an empty table one empty file, so every reader finds its schema."""
        target = self._placeholder_dir(spec)
        target.mkdir(parents=True, exist_ok=True)
        written = self._write_file(spec.schema.empty_table(), target)
        os.replace(written, target / PLACEHOLDER)

    def _drop_placeholder(self, spec: TableSpec) -> None:
        """Remove the empty placeholder file (never real rows that share its partition)."""
        target = self._placeholder_dir(spec)
        (target / PLACEHOLDER).unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            target.rmdir()
            target.parent.rmdir()

    # -- locking -----------------------------------------------------------------------
    @contextlib.contextmanager
    def locked(self, write: bool = True) -> Iterator[None]:
        """Hold the writer guard and lock of DATA; a remote copy is pulled first, pushed last.

        Re-entrant within one Dataset: only the outermost session pulls and pushes. With
        ``write=False`` (readers) the guard is not taken and nothing is pushed.
        """
        if self._held:
            yield
            return
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot create data folder {self.root}: {exc.strerror}") from exc
        guard = self._guard if write else contextlib.nullcontext
        try:
            with guard(), self._lock:
                self._held = True
                try:
                    if self._sync is not None:
                        self._sync.pull(write)
                    if write:
                        self._clean_staging()
                        self.ensure_layout()  # placeholders of empty tables (lock re-entered)
                    yield
                    if write and self._sync is not None:
                        self._sync.push()
                finally:
                    self._held = False
        except Timeout as exc:
            raise StorageError(f"another writer held {self.root}/.radar.lock too long") from exc

    def clean_if_idle(self) -> None:
        """Remove what a killed writer left in .staging, if no writer holds the lock right now."""
        try:
            with self._lock.acquire(timeout=0):
                self._clean_staging()
        except (Timeout, OSError):
            pass  # a writer is busy (its next session cleans up), or DATA is unwritable

    def _clean_staging(self) -> None:
        staging = self.root / ".staging"
        for leftover in staging.iterdir() if staging.is_dir() else []:
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)

    # -- index -------------------------------------------------------------------------
    def _refresh(self, spec: TableSpec) -> dict[str, _FileKeys]:
        index = self._index.setdefault(spec.name, {})
        current = {str(p.relative_to(self.root)): p for p in self.files(spec.name)}
        for gone in set(index) - set(current):
            del index[gone]
        for rel, path in current.items():
            if rel not in index:
                table = read_table(path, columns=[spec.group])
                keys = _FileKeys()
                for group in table.column(spec.group).to_pylist():
                    keys.groups[group] = keys.groups.get(group, 0) + 1
                index[rel] = keys
        return index

    def _fingerprints(self, spec: TableSpec, rel: str, keys: _FileKeys) -> dict[str, list[str]]:
        if keys.fingerprints is None:
            table = read_table(self.root / rel, schema=spec.schema)
            found: dict[str, list[str]] = defaultdict(list)
            row_keys: dict[str, set[str]] = defaultdict(set)
            for record in table.to_pylist():
                found[record[spec.group]].append(fingerprint(record, spec.volatile))
                row_keys[record[spec.group]].add(record[spec.key])
            keys.fingerprints = {g: sorted(v) for g, v in found.items()}
            keys.row_keys = dict(row_keys)
        return keys.fingerprints

    def _row_keys(self, spec: TableSpec, rel: str, keys: _FileKeys, group: str) -> set[str]:
        """Return the keys of one group's rows stored in one file."""
        self._fingerprints(spec, rel, keys)
        assert keys.row_keys is not None  # filled with the fingerprints
        return keys.row_keys.get(group, set())

    def keys(self, table: str) -> set[str]:
        """Return every group value present in a table (article ids for articles)."""
        spec = TABLES[table]
        return {g for keys in self._refresh(spec).values() for g in keys.groups}

    # -- commit ------------------------------------------------------------------------
    def commit(self, changes: Sequence[TableChange]) -> dict[str, TableResult]:
        """Apply changes table by table under the writer lock; each table's write is atomic."""
        results: dict[str, TableResult] = {}
        try:
            with self.locked():
                for change in changes:
                    results[change.table] = self._apply(TABLES[change.table], change)
        except OSError as exc:
            self._clean_staging_quietly()
            reason = "disk full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
            raise StorageError(f"cannot write to {self.root}: {reason}") from exc
        return results

    def _clean_staging_quietly(self) -> None:
        with contextlib.suppress(OSError):
            self._clean_staging()

    def _apply(self, spec: TableSpec, change: TableChange) -> TableResult:
        result = TableResult()
        table = to_arrow(spec, list(change.rows))
        records = table.to_pylist()
        new_by_group: dict[str, list[int]] = defaultdict(list)
        for i, record in enumerate(records):
            new_by_group[record[spec.group]].append(i)
        groups = set(new_by_group) | set(change.replace_groups)
        index = self._refresh(spec)
        where: dict[str, list[str]] = defaultdict(list)
        for rel, keys in index.items():
            for group in groups.intersection(keys.groups):
                where[group].append(rel)
        removed: set[str] = set()
        rewrite: set[str] = set()
        keep_rows: list[int] = []
        for group in sorted(groups):
            wanted = sorted(
                fingerprint(records[i], spec.volatile) for i in new_by_group.get(group, [])
            )
            files = where.get(group, [])
            if files:
                have = sorted(
                    fp
                    for rel in files
                    for fp in self._fingerprints(spec, rel, index[rel]).get(group, [])
                )
                if have == wanted:
                    result.unchanged_groups += 1
                    continue
                removed.add(group)
                rewrite.update(files)
                result.replaced_groups += 1
            held = {k for rel in files for k in self._row_keys(spec, rel, index[rel], group)}
            rows_in = new_by_group.get(group, [])
            result.new_keys += sum(1 for i in rows_in if records[i][spec.key] not in held)
            keep_rows.extend(rows_in)
        if not keep_rows and not rewrite:
            return result
        keep_rows.sort()
        new_table = (
            table.take(pa.array(keep_rows, type=pa.int64())) if keep_rows else table.slice(0, 0)
        )
        result.added = len(keep_rows)
        by_partition: dict[str, list[int]] = defaultdict(list)
        rows = list(change.rows)
        for pos, i in enumerate(keep_rows):
            by_partition[partition_of(spec, rows[i])].append(pos)
        rewrite_by_partition: dict[str, set[str]] = defaultdict(set)
        for rel in rewrite:
            rewrite_by_partition[self._partition_of_file(spec, rel)].add(rel)
        for part in sorted(set(by_partition) | set(rewrite_by_partition)):
            positions = by_partition.get(part, [])
            part_rows = new_table.take(pa.array(positions, type=pa.int64())) if positions else None
            result.files_written += self._write_partition(
                spec, part, part_rows, rewrite_by_partition.get(part, set()), removed
            )
        if spec.partitioning != "none":
            if keep_rows:
                self._drop_placeholder(spec)
            elif not self.files(spec.name):
                self._write_placeholder(spec)
        return result

    def _partition_of_file(self, spec: TableSpec, rel: str) -> str:
        parent = Path(rel).parent
        base = Path(spec.folder)
        return "" if parent == base else str(parent.relative_to(base))

    def _write_file(self, table: pa.Table, dest_dir: Path) -> Path:
        return write_parquet(table, self.root / ".staging", dest_dir)

    def _write_partition(
        self,
        spec: TableSpec,
        part: str,
        rows: pa.Table | None,
        rewrite: set[str],
        removed: set[str],
    ) -> int:
        target = self.table_dir(spec.name) / part if part else self.table_dir(spec.name)
        existing = sorted(p for p in target.glob("*.parquet")) if target.is_dir() else []
        if not rewrite and len(existing) + 1 <= COMPACT_AT_FILES:
            if rows is None or rows.num_rows == 0:
                return 0
            target.mkdir(parents=True, exist_ok=True)
            self._write_file(rows, target)
            fsync_dir(target)
            return 1
        # Rewrite the partition in a staging folder, then swap it in with one atomic exchange.
        staging = self.root / ".staging" / f"part-{uuid.uuid4().hex}"
        staging.mkdir(parents=True)
        pieces: list[pa.Table] = []
        compact = not rewrite or len(existing) + 1 > COMPACT_AT_FILES
        for path in existing:
            rel = str(path.relative_to(self.root))
            if rel in rewrite or compact:
                old = read_table(path, schema=spec.schema)
                if rel in rewrite and removed:
                    mask = pc.invert(pc.is_in(old.column(spec.group), pa.array(sorted(removed))))
                    old = old.filter(mask)
                if old.num_rows:
                    pieces.append(old)
            else:
                os.link(path, staging / path.name)
        if rows is not None and rows.num_rows:
            pieces.append(rows)
        written = 0
        for chunk in chunks_by_size(pieces, COMPACT_MAX_BYTES):
            self._write_file(chunk, staging)
            written += 1
        fsync_dir(staging)
        if target.is_dir():
            if not exchange_dirs(staging, target):
                swap_without_exchange(staging, target)
            else:
                shutil.rmtree(staging, ignore_errors=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(staging, target)
        fsync_dir(target.parent)
        return written
