"""The run summary's new signals are signals the table did not hold, whichever source stored them."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from fetchkit import Site, example

from flows.config import load_sources
from flows.ingest import run_ingest
from flows.sources import Window


# trafilatura deprecations raised inside the extractor are not this module's concern.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_one_page_listed_by_two_sources_counts_its_signals_once(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_FETCH_MIN_INTERVAL", "0.01")
    site.page("/chips.html", example("en/policywire-bis-dec2024-chip-controls.html"))
    block = (
        '[[sources]]\nname = "{name}"\nkind = "urls"\nurls = ["{url}"]\n'
        'allow_private = true\ntimezone = "UTC"\n'
    )
    toml = tmp_path / "sources.toml"
    toml.write_text(
        "".join(block.format(name=n, url=site.url("/chips.html")) for n in ("first", "second")),
        encoding="utf-8",
    )
    data = tmp_path / "data"
    stats = run_ingest(load_sources(toml), str(data), Window())
    stored = pl.read_parquet(data / "signals" / "**" / "*.parquet", hive_partitioning=True)
    assert stored.height > 0
    assert [s.new_signals for s in stats] == [stored.height, 0]
    assert sum(s.new_articles for s in stats) == 1
    assert [s.new_signals for s in run_ingest(load_sources(toml), str(data), Window())] == [0, 0]
