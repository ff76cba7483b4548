"""An index of SimHash fingerprints that finds near-duplicates without scanning them all.

Multi-index hashing: a fingerprint is cut into five bands (13, 13, 13, 13 and 12 bits). Two
fingerprints within ``HAMMING_THRESHOLD`` (8) bits differ in at most one bit in at least one
band (pigeonhole: five bands of two or more would be 10 > 8), so a query probes, in each
band, its own key and the keys one bit away (70 probes in all) and checks the exact distance
of what it finds there. The answer is exactly that of ``find_near_duplicate`` over every
stored fingerprint, at a cost that grows with the number of near neighbours and slowly with
the size of the history (a bucket holds about n / 8192 fingerprints).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from extractors.neardup import HAMMING_THRESHOLD, find_near_duplicate, measure_distance
from extractors.rows import Article

_WIDTHS = (13, 13, 13, 13, 12)
_SHIFTS = tuple(itertools.accumulate((0, *_WIDTHS[:-1])))
_MASK = (1 << 64) - 1
_PROBE_BITS = HAMMING_THRESHOLD // len(_WIDTHS)  # some band is within this many bits
_FLIPS: tuple[tuple[int, ...], ...] = tuple(
    tuple(
        sum(1 << bit for bit in bits)
        for n in range(_PROBE_BITS + 1)
        for bits in itertools.combinations(range(width), n)
    )
    for width in _WIDTHS
)
Entry = tuple[str, int, datetime | None]
# (article_id, simhash, published_at, near_duplicate_of) of one stored article
StoredMark = tuple[str, int | None, datetime | None, str | None]


class SimhashIndex:
    """Stored (article_id, fingerprint, published_at) entries, searchable by Hamming distance."""

    def __init__(self, entries: list[Entry] | None = None) -> None:
        self._bands: list[defaultdict[int, list[Entry]]] = [defaultdict(list) for _ in _WIDTHS]
        self._ids: set[str] = set()
        for entry in entries or []:
            self.add(entry)

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, entry: Entry) -> None:
        """Store one entry (an article id already stored is ignored)."""
        if entry[0] in self._ids:
            return
        self._ids.add(entry[0])
        value = entry[1] & _MASK
        for shift, width, table in zip(_SHIFTS, _WIDTHS, self._bands, strict=True):
            table[value >> shift & ((1 << width) - 1)].append(entry)

    def near(self, fingerprint: int, exclude: str | None = None) -> list[Entry]:
        """Return every stored entry within the threshold (but ``exclude``), by article id."""
        value = fingerprint & _MASK
        found: dict[str, Entry] = {}
        for shift, width, flips, table in zip(_SHIFTS, _WIDTHS, _FLIPS, self._bands, strict=True):
            key = value >> shift & ((1 << width) - 1)
            for flip in flips:
                for entry in table.get(key ^ flip, ()):
                    if (
                        entry[0] != exclude
                        and entry[0] not in found
                        and measure_distance(value, entry[1]) <= HAMMING_THRESHOLD
                    ):
                        found[entry[0]] = entry
        return [found[k] for k in sorted(found)]

    def find(self, fingerprint: int, published_at: datetime | None, article_id: str) -> str | None:
        """Return what ``find_near_duplicate`` returns for this article over every entry."""
        return find_near_duplicate(
            fingerprint, published_at, self.near(fingerprint, article_id), article_id
        )


@dataclass(frozen=True, slots=True)
class Marks:
    """The marks of a batch's articles and the stored articles whose mark changes."""

    batch: dict[str, str | None]
    relinked: dict[str, str | None]


def mark_batch(stored: Sequence[StoredMark], batch: Sequence[Article]) -> Marks:
    """Return the marks of ``batch`` over ``stored`` plus the batch, and the stored ones to fix.

    An article's mark is the article within the threshold that sorts first by publication,
    then by id, or None when it sorts first itself: a function of the set of stored articles,
    so every order (and batching) of storing gives the same marks. A batch changes the mark
    only of stored articles near one of its own, or pointing at an id it stores again.
    """
    ids = {a.article_id for a in batch}
    kept = [s for s in stored if s[0] not in ids]  # the batch replaces its own rows
    index = SimhashIndex([(s[0], s[1], s[2]) for s in kept if s[1] is not None])
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
    for aid, simhash, published_at, dup in kept:
        if aid in near or dup in ids:
            mark = _mark(index, aid, simhash, published_at)
            if mark != dup:
                relinked[aid] = mark
    return Marks(marks, relinked)


def _mark(
    index: SimhashIndex, article_id: str, simhash: int | None, published_at: datetime | None
) -> str | None:
    return None if simhash is None else index.find(simhash, published_at, article_id)
