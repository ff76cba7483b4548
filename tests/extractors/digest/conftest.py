"""Fixtures of the digest tests: row factories and an empty DATA folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from digest_rows import Rows, write_history

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


@pytest.fixture
def rows() -> Rows:
    """Return the row factories."""
    return Rows()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Return an empty DATA folder."""
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def history_data(data_dir: Path, rows: Rows) -> Path:
    """Return DATA holding a small history around ISO week 2025-W02 (Jan 6-12, 2025)."""
    return write_history(data_dir, rows)
