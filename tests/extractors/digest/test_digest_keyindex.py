"""The first-seen key index: incremental over new signals files, rebuilt after rewrites."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from digest_rows import Rows

from storage.keyindex import INDEX_FILE, first_seen_before, refresh_index
from storage.store import Store

WEEK_START = datetime(2025, 1, 6, tzinfo=UTC)


def test_index_answers_seen_before_and_follows_new_files(history_data: Path, rows: Rows) -> None:
    seen = first_seen_before(history_data, {"amz", "nope"}, WEEK_START, "UTC")
    assert seen == {"amz": date(2024, 12, 10)}
    assert (history_data / INDEX_FILE).is_file()
    older = rows.article("older-amz", datetime(2024, 6, 1, tzinfo=UTC), outlet="Archive")
    store = Store(history_data)
    store.write_rows("articles", [older])
    store.write_rows(
        "signals", [rows.signal(older, "investment_capex", ["Amazon"], "x", 65e9, dedupe_key="amz")]
    )
    assert first_seen_before(history_data, {"amz"}, WEEK_START, "UTC") == {"amz": date(2024, 6, 1)}


def test_index_rebuilds_when_a_covered_file_is_rewritten(history_data: Path, rows: Rows) -> None:
    before = refresh_index(history_data)
    assert "amz" in before.get_column("dedupe_key").to_list()
    store = Store(history_data)
    old = next(a for a in store.read_rows("articles") if a.path == "old-amz.txt")
    store.write_rows("signals", [], replace_groups=[old.article_id])
    seen = first_seen_before(history_data, {"amz"}, WEEK_START, "UTC")
    assert seen == {}


def test_a_broken_index_is_rebuilt(history_data: Path) -> None:
    refresh_index(history_data)
    (history_data / INDEX_FILE).write_bytes(b"garbage")
    seen = first_seen_before(history_data, {"amz"}, WEEK_START, "UTC")
    assert seen == {"amz": date(2024, 12, 10)}
