"""Near-duplicate marks: which stored rows a batch re-marks, and a commit that rewrites them."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl
from articlekit import make_signal
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.neardup import HAMMING_THRESHOLD
from extractors.rows import Article, Page, PageResult
from extractors.simindex import StoredMark, mark_batch
from storage.store import Store

DAY = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
BASE = 0x5A5A_1234_9876_F0F0


def flip(value: int, *bits: int) -> int:
    """Return a fingerprint with some bits flipped."""
    for bit in bits:
        value ^= 1 << bit
    return value


def article(aid: str, simhash: int | None, published: datetime | None = DAY) -> Article:
    return Article(
        article_id=aid,
        source="s",
        url=None,
        path=f"{aid}.html",
        title=aid,
        author=None,
        outlet=None,
        published_at=published,
        fetched_at=DAY + timedelta(days=1),
        language="en",
        text=f"text of {aid}",
        text_hans=None,
        content_hash=f"h-{aid}",
        extractor_version="1",
        simhash=simhash,
    )


def stored(
    aid: str, simhash: int | None, dup: str | None, when: datetime | None = DAY
) -> StoredMark:
    return (aid, simhash, when, dup)


def test_a_new_first_copy_re_marks_only_the_rows_near_it_or_pointing_at_a_restored_id() -> None:
    far = flip(BASE, *range(0, 64, 3))  # 22 bits away from BASE
    rows = [
        stored("c", BASE, None),  # canonical now
        stored("d", flip(BASE, 1, 2, 3), "c"),  # near c and near the new one: re-marked
        stored("e", flip(BASE, *range(10, 17)), "c"),  # near c (7 bits), 9 bits from "a"
        stored("f", far, None),  # unrelated
        stored("g", flip(far, 5), "f"),
        stored("h", flip(BASE, 4), "b"),  # pointed at "b", which the batch stores again
        stored("b", BASE, None, DAY + timedelta(days=9)),
    ]
    new = article("a", flip(BASE, 20, 21))
    restored = article("b", far, DAY - timedelta(days=1))  # re-extracted: new text and date
    marks = mark_batch(rows, [new, restored])
    assert marks.batch == {"a": None, "b": None}
    # e keeps c: "a" is 9 bits away from it (over the threshold), c is still its earliest
    assert bin(flip(BASE, 20, 21) ^ flip(BASE, *range(10, 17))).count("1") > HAMMING_THRESHOLD
    assert marks.relinked == {"c": "a", "d": "a", "f": "b", "g": "b", "h": "a"}


def test_a_later_copy_re_marks_nothing() -> None:
    rows = [stored("b", BASE, None), stored("c", flip(BASE, 9), "b")]
    late = article("a", flip(BASE, 30), DAY + timedelta(hours=1))  # smaller id, later date
    same = article("z", flip(BASE, 31))  # same date, larger id
    undated = article("0", flip(BASE, 32), None)
    marks = mark_batch(rows, [late, same, undated])
    assert marks.batch == {"a": "b", "z": "b", "0": "b"}
    assert marks.relinked == {}


def full_marks(entries: dict[str, tuple[int, datetime | None]]) -> dict[str, str | None]:
    """Mark a set of articles all at once (one batch over an empty store)."""
    batch = [article(aid, h, when) for aid, (h, when) in sorted(entries.items())]
    return mark_batch([], batch).batch


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(st.integers(0, 63), max_size=6), st.none() | st.integers(0, 3)),
        min_size=2,
        max_size=9,
    ),
    st.randoms(use_true_random=False),
)
def test_storing_in_any_order_and_batches_ends_with_the_marks_of_storing_at_once(
    drawn: list[tuple[list[int], int | None]], rnd: random.Random
) -> None:
    entries = {
        f"a{i}": (flip(BASE, *bits), None if day is None else DAY + timedelta(days=day))
        for i, (bits, day) in enumerate(drawn)
    }
    order = list(entries)
    rnd.shuffle(order)
    store: dict[str, StoredMark] = {}
    while order:
        size = rnd.randint(1, len(order))
        batch = [article(aid, *entries[aid]) for aid in order[:size]]
        order = order[size:]
        marks = mark_batch(list(store.values()), batch)
        for row in batch:
            store[row.article_id] = stored(
                row.article_id, row.simhash, marks.batch[row.article_id], row.published_at
            )
        for aid, dup in marks.relinked.items():
            store[aid] = (*store[aid][:3], dup)
    assert {aid: row[3] for aid, row in store.items()} == full_marks(entries)


def result(row: Article, signals: int = 0) -> PageResult:
    page = Page(source=row.source, body=b"", fetched_at=row.fetched_at, path=row.path)
    sigs = [make_signal(row.article_id, n, row.published_at) for n in range(signals)]
    return PageResult(page, article=row, signals=sigs)


def test_a_commit_rewrites_the_re_marked_row_keeps_its_signals_and_other_files(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path)
    store.prepare()
    other = article("x", flip(BASE, *range(0, 64, 2)), DAY - timedelta(days=60))
    store.commit_results([result(other)], [], mark=mark_batch)
    other_files = sorted((tmp_path / "articles").rglob("*.parquet"))
    # inode and modification time: a rewrite (a new file renamed in) may reuse a freed inode
    stamps = {(p.stat().st_ino, p.stat().st_mtime_ns) for p in other_files}
    store.commit_results([result(article("m", BASE), signals=2)], [], mark=mark_batch)
    store.commit_results([result(article("n", flip(BASE, 3)))], [], mark=mark_batch)
    done = store.commit_results([result(article("k", flip(BASE, 7)))], [], mark=mark_batch)
    assert done["articles"].added == 3 and done["articles"].replaced_groups == 2  # k; m, n
    frame = pl.read_parquet(tmp_path / "articles" / "**" / "*.parquet", hive_partitioning=True)
    got = dict(zip(frame["article_id"], frame["near_duplicate_of"], strict=True))
    assert got == {"x": None, "k": None, "m": "k", "n": "k"}
    texts = dict(zip(frame["article_id"], frame["text"], strict=True))
    assert texts["m"] == "text of m"  # the rest of the row as stored
    signals = pl.read_parquet(tmp_path / "signals" / "**" / "*.parquet", hive_partitioning=True)
    assert sorted(signals["signal_id"]) == ["m-0", "m-1"]
    # the other month's file was not rewritten
    assert {(p.stat().st_ino, p.stat().st_mtime_ns) for p in other_files if p.exists()} == stamps
