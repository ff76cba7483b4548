"""Near-duplicate marks of stored articles that do not depend on the order of storing.

An article's ``near_duplicate_of`` is the stored article within the Hamming threshold that
sorts first by publication, then by ``article_id`` (``find_near_duplicate``'s order), or null
when the article sorts first itself. That is a function of the set of stored articles, so
every order of storing gives the same marks: a commit marks its own articles and re-marks the
stored articles whose answer it changes (those near one of its articles, and those that
pointed at one of its article ids), nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from extractors.rows import Article
from extractors.simindex import SimhashIndex
from storage.dataset import Dataset
from storage.schema import TABLES

MARK_COLUMNS = ["article_id", "simhash", "published_at", "near_duplicate_of"]


@dataclass(frozen=True, slots=True)
class StoredMark:
    """What marking reads of one stored article."""

    article_id: str
    simhash: int | None
    published_at: datetime | None
    near_duplicate_of: str | None


@dataclass(frozen=True, slots=True)
class Marks:
    """The marks of a batch's articles and the stored articles whose mark changes."""

    batch: dict[str, str | None]
    relinked: dict[str, str | None]


def mark_batch(stored: Sequence[StoredMark], batch: Sequence[Article]) -> Marks:
    """Return the marks of ``batch`` over ``stored`` plus the batch, and the stored ones to fix."""
    ids = {a.article_id for a in batch}
    kept = [s for s in stored if s.article_id not in ids]  # the batch replaces its own rows
    index = SimhashIndex(
        [(s.article_id, s.simhash, s.published_at) for s in kept if s.simhash is not None]
    )
    for article in batch:
        if article.simhash is not None:
            index.add((article.article_id, article.simhash, article.published_at))
    marks = {a.article_id: _mark(index, a.article_id, a.simhash, a.published_at) for a in batch}
    near = {
        entry[0]
        for a in batch
        if a.simhash is not None
        for entry in index.near(a.simhash, a.article_id)
    }
    relinked: dict[str, str | None] = {}
    for row in kept:
        if row.article_id in near or row.near_duplicate_of in ids:
            mark = _mark(index, row.article_id, row.simhash, row.published_at)
            if mark != row.near_duplicate_of:
                relinked[row.article_id] = mark
    return Marks(marks, relinked)


def _mark(
    index: SimhashIndex, article_id: str, simhash: int | None, published_at: datetime | None
) -> str | None:
    return None if simhash is None else index.find(simhash, published_at, article_id)


class MarkCache:
    """The marking columns of every articles file, read once per file (files never change)."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._files: dict[str, list[StoredMark]] = {}

    def stored(self) -> list[StoredMark]:
        """Return the marks of every stored article; call under the writer lock."""
        spec = TABLES["articles"]
        root = self.dataset.root
        current = {str(p.relative_to(root)): p for p in self.dataset.files("articles")}
        for gone in set(self._files) - set(current):
            del self._files[gone]
        for rel, path in current.items():
            if rel not in self._files:
                self._files[rel] = _read_marks(path, spec.schema)
        return [mark for rel in sorted(self._files) for mark in self._files[rel]]


def _read_marks(path: Path, schema: pa.Schema) -> list[StoredMark]:
    table = pq.read_table(path, columns=MARK_COLUMNS, schema=schema)
    return [StoredMark(**rec) for rec in table.to_pylist()]
