"""The store facade: tables, raw pages and ingest state of one DATA folder."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from extractors.exceptions import StorageError
from extractors.pipeline import PageResult
from extractors.rows import make_reject_id
from storage.dataset import Dataset, Guard, TableChange, TableResult
from storage.raw import RawStore
from storage.schema import TABLES, from_arrow
from storage.state import PageState


class Store:
    """Everything under one DATA folder; the only writer of its files."""

    def __init__(self, root: Path | str, guard: Guard | None = None) -> None:
        self.root = Path(root)
        self.dataset = Dataset(self.root, guard)
        self.raw = RawStore(self.root)

    def prepare(self) -> None:
        """Create the folder layout; raise StorageError when DATA is not writable."""
        self.dataset.ensure_layout()
        # Not in .staging: another writer empties that folder under the lock.
        probe = self.root / f".write-probe-{os.getpid()}"
        try:
            probe.write_bytes(b"ok")
            probe.unlink()
        except OSError as exc:
            raise StorageError(f"cannot write to {self.root}: {exc.strerror}") from exc

    def read_rows(self, table: str, sources: Iterable[str] | None = None) -> list[Any]:
        """Read a whole table as rows (for small tables such as state), optionally by source."""
        spec = TABLES[table]
        wanted = set(sources) if sources is not None else None
        rows: list[Any] = []
        for _, data in self.dataset.read(table):
            for row in from_arrow(spec, data):
                if wanted is None or getattr(row, "source", None) in wanted:
                    rows.append(row)
        return rows

    def page_states(self, source: str) -> dict[str, PageState]:
        """Return the committed state of every page of a source, by locator."""
        spec = TABLES["pages"]
        out: dict[str, PageState] = {}
        # Only this source's rows become Python objects.
        for _, data in self.dataset.read("pages", where=pc.field("source") == source):
            out.update((row.locator, row) for row in from_arrow(spec, data))
        return out

    def source_articles(
        self, source: str, columns: Sequence[str], limit: int | None = None
    ) -> list[tuple[Any, ...]]:
        """Return some columns of a source's stored articles (the ``limit`` latest fetched)."""
        where = pc.field("source") == source
        if limit is not None:
            seen = [
                (fetched, aid)
                for _, data in self.dataset.read("articles", ["article_id", "fetched_at"], where)
                for aid, fetched in zip(
                    data.column("article_id").to_pylist(),
                    data.column("fetched_at").to_pylist(),
                    strict=True,
                )
            ]
            latest = [aid for _, aid in sorted(seen, reverse=True)[:limit]]
            if not latest:
                return []
            where = where & pc.field("article_id").isin(pa.array(latest, pa.string()))
        rows: list[tuple[Any, ...]] = []
        for _, data in self.dataset.read("articles", list(columns), where):
            rows += zip(*(data.column(c).to_pylist() for c in columns), strict=True)
        return rows

    def simhashes(self) -> list[tuple[str, int, datetime | None]]:
        """Return (article_id, simhash, published_at) for every stored article with a simhash."""
        out: list[tuple[str, int, datetime | None]] = []
        for _, data in self.dataset.read("articles", ["article_id", "simhash", "published_at"]):
            for rec in data.to_pylist():
                if rec["simhash"] is not None:
                    out.append((rec["article_id"], rec["simhash"], rec["published_at"]))
        return out

    def commit_results(
        self,
        results: Sequence[PageResult],
        states: Sequence[PageState],
        cleared: Iterable[str] = (),
    ) -> dict[str, TableResult]:
        """Commit a batch: articles, signals, rejects (less ``cleared`` ids), then its state."""
        articles = [r.article for r in results if r.article is not None]
        signals = [s for r in results if r.article is not None for s in r.signals]
        rejects = [r.reject for r in results if r.reject is not None]
        gone = frozenset(cleared) | frozenset(
            make_reject_id(r.page.source, r.page.locator) for r in results if r.article is not None
        )
        changes = [
            TableChange("articles", articles),
            TableChange("signals", signals, frozenset(a.article_id for a in articles)),
            TableChange("rejects", rejects, gone),
            TableChange("pages", list(states)),
        ]
        return self.dataset.commit([c for c in changes if c.rows or c.replace_groups])

    def write_rows(
        self, table: str, rows: Sequence[Any], replace_groups: Iterable[str] = ()
    ) -> TableResult:
        """Commit rows to one table; the groups named (and those of the rows) are replaced."""
        change = TableChange(table, rows, frozenset(replace_groups))
        return self.dataset.commit([change]).get(table, TableResult())


def article_days(store: Store) -> list[date]:
    """Return the UTC day of every stored article (published, else fetched)."""
    days: list[date] = []
    for _, data in store.dataset.read("articles", ["published_at", "fetched_at"]):
        for rec in data.to_pylist():
            moment = rec["published_at"] or rec["fetched_at"]
            days.append(moment.astimezone(UTC).date())
    return days
