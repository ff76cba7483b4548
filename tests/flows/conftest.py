"""Fixtures of the flows tests: the shared local HTTP server on 127.0.0.1, send times."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from localserver import Site, serve


@pytest.fixture
def site() -> Iterator[Site]:
    """Start a threaded HTTP/1.0 server on 127.0.0.1 for one test."""
    with serve() as running:
        yield running


@pytest.fixture
def sends(monkeypatch: pytest.MonkeyPatch) -> list[tuple[float, str]]:
    """Client-side start times of every request the fetcher sends, with its path."""
    seen: list[tuple[float, str]] = []
    real = httpx.AsyncHTTPTransport.handle_async_request

    async def timed(self: httpx.AsyncHTTPTransport, request: httpx.Request) -> httpx.Response:
        seen.append((time.monotonic(), request.url.path))
        return await real(self, request)

    monkeypatch.setattr(httpx.AsyncHTTPTransport, "handle_async_request", timed)
    return seen
