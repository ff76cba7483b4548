"""Fixtures of the reliability suite: a local HTTP server and fast fetch settings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from relkit import Site, serve


@pytest.fixture
def site() -> Iterator[Site]:
    """Serve routes from 127.0.0.1 for one test."""
    with serve() as running:
        yield running


@pytest.fixture
def fast_fetch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the fetcher quick and impatient (short timeouts, few retries, no pacing)."""
    for name, value in {
        "MIN_INTERVAL": "0.01",
        "CONNECT_TIMEOUT": "1.0",
        "READ_TIMEOUT": "1.5",
        "PAGE_TIMEOUT": "3.0",
        "MAX_ATTEMPTS": "2",
        "BACKOFF_BASE": "0.05",
        "BACKOFF_MAX": "0.1",
        "MAX_SITEMAPS": "20",
    }.items():
        monkeypatch.setenv(f"RADAR_FETCH_{name}", value)
