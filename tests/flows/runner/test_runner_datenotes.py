"""An ingest logs a page's unusable declared date as a warning naming the file."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from folderkit import ingest_folder

STORY = (
    "The ministry said on Monday it will fund research into safe artificial intelligence with "
    "new grants this year, and that the first calls open in the spring."
)


def test_the_run_log_names_the_file_and_its_unusable_date(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "typo.md").write_text(f"---\ntitle: Grants\ndate: 2026-11-31\n---\n\n{STORY}\n")
    (pages / "fine.md").write_text(f"---\ntitle: Grants\ndate: 2026-11-30\n---\n\n{STORY}\n")
    caplog.set_level(logging.WARNING, logger="policy_radar")
    stats = ingest_folder(tmp_path, pages, name="notes")
    assert stats.new_articles == 2
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warned == ["typo.md: its declared date '2026-11-31' is no date"]
