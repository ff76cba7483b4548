"""Helpers of the Dask tests: example corpora and the rows a run wrote."""

from __future__ import annotations

import shutil
from pathlib import Path

from storage.store import Store

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
TABLES = ("articles", "signals", "rejects", "pages")


def table_rows(data: Path) -> dict[str, list[str]]:
    """Return every row of every table under DATA, as sorted reprs (file names differ per run)."""
    store = Store(data)
    return {table: sorted(map(repr, store.read_rows(table))) for table in TABLES}


def copy_examples(dest: Path, copies: int = 1) -> Path:
    """Copy the bundled example sources (mtimes kept) ``copies`` times; return the sources file."""
    for lang in (EXAMPLES / "pages").iterdir():
        for n in range(copies):
            shutil.copytree(
                lang, dest / "pages" / lang.name / f"copy{n}", copy_function=shutil.copy2
            )
    shutil.copy2(EXAMPLES / "sources.toml", dest / "sources.toml")
    return dest / "sources.toml"
