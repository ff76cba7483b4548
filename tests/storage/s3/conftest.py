"""Fixtures of the S3 suite: moto's S3 server on 127.0.0.1 and this process's AWS env."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from s3kit import CREDENTIALS


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """Run moto's S3 server (a real HTTP S3 API) on a free port of 127.0.0.1."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one access-log line per request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def aws_env(s3_endpoint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point this process at the test server; return the mirror cache folder ($RADAR_CACHE)."""
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AWS_ENDPOINT_URL", s3_endpoint)
    monkeypatch.delenv("AWS_ENDPOINT_URL_S3", raising=False)
    cache = tmp_path / "cache"
    monkeypatch.setenv("RADAR_CACHE", str(cache))
    return cache
