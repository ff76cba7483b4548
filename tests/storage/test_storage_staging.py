"""Readers never see a writer's temporary files (kill -9 and concurrent writers: tests/reliability)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flows.config import load_sources
from flows.ingest import run_ingest
from flows.sources import Window

REPO = Path(__file__).resolve().parents[2]
TABLES = ("articles", "signals", "rejects")


@pytest.mark.parametrize("table", TABLES)
def test_no_stray_files_visible_to_readers(tmp_path: Path, table: str) -> None:
    toml = tmp_path / "sources.toml"
    shutil.copytree(REPO / "examples" / "pages" / "en", tmp_path / "pages")
    toml.write_text('[[sources]]\nname = "a"\nkind = "directory"\npath = "pages"\n')
    run_ingest(load_sources(toml), str(tmp_path / "d"), Window())
    for path in (tmp_path / "d" / table).rglob("*"):
        assert not path.name.startswith("."), f"temporary file left in {table}: {path}"
