"""What a commit needs to set ``near_duplicate_of``: the stored marks, read once per file.

The rule lives in ``extractors.simindex.mark_batch`` (the runner passes it to
``Store.commit_results``, which calls it under the writer lock against what is committed).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Protocol

import pyarrow as pa

from extractors.rows import Article, StoredMark
from storage.damaged import read_table
from storage.dataset import Dataset
from storage.schema import TABLES

MARK_COLUMNS = ["article_id", "simhash", "published_at", "near_duplicate_of"]


class Marks(Protocol):
    """A marker's answer: the marks of the batch and the stored articles whose mark changes."""

    @property
    def batch(self) -> Mapping[str, str | None]:
        """Return the mark of each article of the batch, by article id."""
        ...

    @property
    def relinked(self) -> Mapping[str, str | None]:
        """Return the new mark of each stored article whose mark changes, by article id."""
        ...


# extractors.simindex.mark_batch, passed in by the runner (storage imports row types only)
Marker = Callable[[Sequence[StoredMark], Sequence[Article]], Marks]


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
    table = read_table(path, columns=MARK_COLUMNS, schema=schema)
    return [
        (r["article_id"], r["simhash"], r["published_at"], r["near_duplicate_of"])
        for r in table.to_pylist()
    ]
