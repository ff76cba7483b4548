"""Run an ingest of one folder (directory) source into tmp_path/data, as a user's sources file would."""

from __future__ import annotations

from pathlib import Path

from flows.config import load_sources
from flows.ingest import run_ingest
from flows.sources import SourceStats, Window


def ingest_folder(
    tmp_path: Path, folder: Path, name: str = "saved", extra: str = ""
) -> SourceStats:
    """Write tmp_path/sources.toml naming folder (plus extra TOML lines) and ingest it once."""
    toml = tmp_path / "sources.toml"
    toml.write_text(
        f'[[sources]]\nname = "{name}"\nkind = "directory"\npath = "{folder}"\n{extra}',
        encoding="utf-8",
    )
    (stats,) = run_ingest(load_sources(toml), str(tmp_path / "data"), Window())
    return stats
