"""The store facade: tables, raw pages and ingest state of one DATA folder."""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Iterable, Sequence
from datetime import UTC, date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from extractors.exceptions import StorageError
from extractors.rows import Article, PageResult, make_reject_id
from storage.dataset import Dataset, Guard, TableChange, TableResult
from storage.neardups import MarkCache, Marker
from storage.raw import RawStore
from storage.remote import Mirror, is_remote, parse_url
from storage.schema import TABLES, from_arrow
from storage.state import PageState


class Store:
    """Everything under one DATA folder or ``s3://bucket/prefix``; the only writer of its files.

    For an s3 URL, ``root`` is a local mirror (see storage.remote): every write session pulls
    the remote prefix first and pushes its changes at the end, under the same guard and lock.
    """

    def __init__(self, data: Path | str, guard: Guard | None = None) -> None:
        self.location = str(data)
        self.mirror: Mirror | None = None
        if is_remote(data):
            self.mirror = Mirror(parse_url(str(data)))
            self.location = str(self.mirror.url)
            self.root = self.mirror.local
        else:
            self.root = Path(data)
        self.dataset = Dataset(self.root, guard, self.mirror)
        self.raw = RawStore(self.root, self.mirror.fetch if self.mirror else None)
        self._marks = MarkCache(self.dataset)

    @property
    def remote(self) -> bool:
        """Return True when DATA is an s3 URL (``root`` is then its local mirror)."""
        return self.mirror is not None

    def prepare(self) -> None:
        """Create the folder layout (pull an s3 DATA); raise StorageError when unwritable.

        Only write sessions (commits, ``session()``) finish an interrupted push or upload
        anything: they run under the writer guard, which ``prepare`` does not take.
        """
        if self.mirror is not None:
            self.mirror.check()
            self.pull()
        self.dataset.ensure_layout()
        self.dataset.clean_if_idle()  # a run with nothing to commit must not keep a crash's files
        # Not in .staging: another writer empties that folder under the lock.
        probe = self.root / f".write-probe-{os.getpid()}"
        try:
            probe.write_bytes(b"ok")
            probe.unlink()
        except OSError as exc:
            raise StorageError(f"cannot write to {self.root}: {exc.strerror}") from exc

    def session(self) -> contextlib.AbstractContextManager[None]:
        """Hold the writer guard and lock; on s3 pull first and push what changed at the end."""
        return self.dataset.locked()

    def pull(self) -> None:
        """Bring an s3 mirror up to date for reading (file lock only); no-op for a folder."""
        if self.mirror is not None:
            with self.dataset.locked(write=False):
                pass

    def display(self, path: Path) -> str:
        """Return where a file under ``root`` lives for users: a path, or its s3 URL."""
        if self.mirror is None:
            return str(path)
        return f"{self.location}/{path.relative_to(self.root).as_posix()}"

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

    def commit_results(
        self,
        results: Sequence[PageResult],
        states: Sequence[PageState],
        cleared: Iterable[str] = (),
        mark: Marker | None = None,
    ) -> dict[str, TableResult]:
        """Commit a batch: articles, signals, rejects (less ``cleared`` ids), then its state.

        With ``mark`` the articles' ``near_duplicate_of`` is set here, against what is committed
        now; stored articles whose mark the batch changes are rewritten in the same commit
        (only those rows' groups; their signals stay).
        """
        articles = [r.article for r in results if r.article is not None]
        signals = [s for r in results if r.article is not None for s in r.signals]
        rejects = [r.reject for r in results if r.reject is not None]
        gone = frozenset(cleared) | frozenset(
            make_reject_id(r.page.source, r.page.locator) for r in results if r.article is not None
        )
        try:
            with self.dataset.locked():  # the state is compared with what is committed now
                marked, relinked = self._marked(articles, mark) if mark else (articles, [])
                changes = [
                    TableChange("articles", marked + relinked),
                    TableChange("signals", signals, frozenset(a.article_id for a in articles)),
                    TableChange("rejects", rejects, gone),
                    TableChange("pages", self._not_weaker(states)),
                ]
                return self.dataset.commit([c for c in changes if c.rows or c.replace_groups])
        except OSError as exc:  # taking the session (clearing .staging) failed
            raise StorageError(f"cannot write to {self.root}: {exc.strerror or exc}") from exc

    def _marked(self, articles: list[Article], mark: Marker) -> tuple[list[Article], list[Article]]:
        """Return the articles with their near-duplicate marks, and the stored rows re-marked."""
        if not articles:
            return [], []
        marks = mark(self._marks.stored(), articles)
        marked = [
            dataclasses.replace(a, near_duplicate_of=marks.batch[a.article_id]) for a in articles
        ]
        if not marks.relinked:
            return marked, []
        where = pc.field("article_id").isin(pa.array(sorted(marks.relinked), pa.string()))
        stored = [
            row
            for _, data in self.dataset.read("articles", where=where)
            for row in from_arrow(TABLES["articles"], data)
        ]
        relinked = [
            dataclasses.replace(row, near_duplicate_of=marks.relinked[row.article_id])
            for row in stored
        ]
        return marked, relinked

    def _not_weaker(self, states: Sequence[PageState]) -> list[PageState]:
        """Drop ``out_of_range`` rows for pages already stored as articles of the same bytes.

        A run with a date window that read the state before another run committed the page
        as an article would otherwise undo it (run one after the other, it skips the page).
        """
        weak = {s.page_key: s for s in states if s.outcome == "out_of_range"}
        if not weak:
            return list(states)
        where = pc.field("page_key").isin(pa.array(sorted(weak), pa.string()))
        stronger = {
            row.page_key
            for _, data in self.dataset.read("pages", where=where)
            for row in from_arrow(TABLES["pages"], data)
            if row.outcome == "article"
            and (row.raw_hash, row.extractor_version)
            == (weak[row.page_key].raw_hash, weak[row.page_key].extractor_version)
        }
        return [s for s in states if s.page_key not in stronger]

    def write_rows(
        self, table: str, rows: Sequence[Any], replace_groups: Iterable[str] = ()
    ) -> TableResult:
        """Commit rows to one table; the groups named (and those of the rows) are replaced."""
        change = TableChange(table, rows, frozenset(replace_groups))
        return self.dataset.commit([change]).get(table, TableResult())


def write_measures(
    store: Store, measures: Sequence[Any], events: Sequence[Any]
) -> dict[str, TableResult]:
    """Replace both measure tables: changed measures are rewritten, vanished ones removed.

    A measure and its events share the group ``measure_id``: a measure whose rows are unchanged
    is not rewritten, so a rebuild from the same articles writes nothing.
    """
    with store.dataset.locked():
        stored = store.dataset.keys("measures") | store.dataset.keys("measure_events")
        gone = frozenset(stored - {m.measure_id for m in measures})
        changes = [
            TableChange("measures", measures, gone),
            TableChange("measure_events", events, gone),
        ]
        return store.dataset.commit([c for c in changes if c.rows or c.replace_groups])


def published_days(store: Store) -> list[date]:
    """Return the UTC publication day of every stored article that prints a date."""
    days: list[date] = []
    for _, data in store.dataset.read("articles", ["published_at"]):
        for moment in data.column("published_at").to_pylist():
            if moment is not None:
                days.append(moment.astimezone(UTC).date())
    return days
