"""Dask fixtures: one real LocalCluster (2 worker processes on 127.0.0.1) and reference runs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from daskkit import EXAMPLES, table_rows
from distributed import LocalCluster

from flows.config import load_sources
from flows.ingest import run_ingest
from flows.sources import Window


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """Start a real two-process Dask cluster on 127.0.0.1 (no dashboard); close it after."""
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        host="127.0.0.1",
        processes=True,
        dashboard_address=":0",  # None still binds :8787 (a clash warns); :0 picks a free port
    ) as running:
        yield running


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Return the rows a local-pool ingest of examples/ writes."""
    data = tmp_path_factory.mktemp("reference") / "data"
    run_ingest(load_sources(EXAMPLES / "sources.toml"), str(data), Window())
    rows = table_rows(data)
    assert rows["articles"] and rows["signals"] and rows["pages"]
    return rows
