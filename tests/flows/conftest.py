"""Fixtures of the flows tests: the shared local HTTP server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from localserver import Site, serve


@pytest.fixture
def site() -> Iterator[Site]:
    """Start a threaded HTTP/1.0 server on 127.0.0.1 for one test."""
    with serve() as running:
        yield running
