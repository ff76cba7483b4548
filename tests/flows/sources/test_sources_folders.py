"""Directory sources: a folder larger than max_pages, linked folders and pipes are never silent."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import polars as pl
import pytest
from folderkit import ingest_folder

# trafilatura deprecations raised inside the extractor are not this module's concern.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _post(folder: Path, name: str, day: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(
        f"---\ntitle: Ferry timetable story {day}\ndate: 2025-04-{day:02d}\n---\n\n"
        f"The ferry operator said on day {day} that its new booking system will rank standby "
        "passengers with an algorithm, and that the ranking rules will be published.\n\n"
        "Passenger groups asked for the rules to be reviewed by the regional transport board.\n",
        encoding="utf-8",
    )


def _paths(tmp_path: Path, table: str) -> dict[str, str]:
    frames = [pl.read_parquet(f) for f in (tmp_path / "data" / table).rglob("*.parquet")]
    frames = [f for f in frames if f.height]
    if not frames:
        return {}
    rows = pl.concat(frames, how="diagonal")
    value = "reason" if table == "rejects" else "title"
    return dict(zip(rows["path"], rows[value], strict=True))


def test_a_folder_larger_than_max_pages_is_worked_through_over_runs(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    for day in range(1, 6):
        _post(folder, f"post-{day}.md", day)
    news = [ingest_folder(tmp_path, folder, extra="max_pages = 2\n").new_articles for _ in range(4)]
    assert news == [2, 2, 1, 0]
    assert len(_paths(tmp_path, "articles")) == 5
    _post(folder, "post-6.md", 6)  # a new file is read on the next run, however large the folder
    assert ingest_folder(tmp_path, folder, extra="max_pages = 2\n").new_articles == 1


def test_a_linked_folder_outside_the_source_is_a_row(tmp_path: Path) -> None:
    folder, elsewhere = tmp_path / "pages", tmp_path / "elsewhere"
    _post(folder, "kept.md", 1)
    _post(elsewhere, "away.md", 2)
    (folder / "linked").symlink_to(elsewhere, target_is_directory=True)
    (folder / "inside").symlink_to(folder, target_is_directory=True)  # its files are listed anyway
    stats = ingest_folder(tmp_path, folder)
    assert stats.new_articles == 1 and dict(stats.rejects) == {"outside_root": 1}
    assert _paths(tmp_path, "rejects") == {"linked": "outside_root"}


def test_a_named_pipe_is_an_unreadable_row_not_a_hang(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    _post(folder, "kept.md", 1)
    os.mkfifo(folder / "stuck.md")
    stats = ingest_folder(tmp_path, folder)
    assert stats.new_articles == 1 and stats.discovered == 2
    assert _paths(tmp_path, "rejects") == {"stuck.md": "unreadable"}


def test_a_folder_where_nothing_matches_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "minutes.docx").write_bytes(b"PK\x03\x04")
    with caplog.at_level(logging.WARNING, logger="policy_radar.sources"):
        stats = ingest_folder(tmp_path, folder)
    assert stats.discovered == 0 and stats.error is None
    (record,) = [r for r in caplog.records if r.name == "policy_radar.sources"]
    assert "no file in" in record.getMessage() and "*.md" in record.getMessage()
