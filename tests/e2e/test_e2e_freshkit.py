"""The e2e kit's own rules: how a README command is adapted to a test's port."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from freshkit import Fresh


@pytest.mark.parametrize("port", [44200, 42001, 14200, 54321])
def test_adapt_replaces_the_readme_port_only(port: int) -> None:
    with httpx.Client() as client:
        fresh = Fresh(Path("."), Path("."), port, {}, client)
        command = f".venv/bin/prefect server start --host 127.0.0.1 --port {port}"
        assert fresh.adapt(command) == command  # a port that holds "4200" stays as it is
        url = "PREFECT_API_URL=http://127.0.0.1:4200/api radar ingest --port=4200"
        assert fresh.adapt(url) == (
            f"PREFECT_API_URL=http://127.0.0.1:{port}/api radar ingest --port={port}"
        )
        assert fresh.adapt("radar ingest --limit 42000") == "radar ingest --limit 42000"
