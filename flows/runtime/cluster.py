"""Which Dask scheduler extraction uses, a quick check that it answers, its error (no dask import)."""

from __future__ import annotations

import os
import socket
from urllib.parse import urlsplit

from extractors.exceptions import ConfigError, RadarError

DASK_ENV = "RADAR_DASK_ADDRESS"
LOCAL = "local"  # RADAR_DASK_ADDRESS=local: a temporary LocalCluster on this machine
CONNECT_SECONDS = 10.0
DEFAULT_PORT = 8786


class ClusterError(RadarError):
    """The Dask cluster lost an extraction batch (workers or scheduler died beyond retries)."""


def resolve_address(value: str | None) -> str | None:
    """Return the scheduler to use (parameter, else ``$RADAR_DASK_ADDRESS``); None: local pool."""
    address = (value or "").strip() or os.environ.get(DASK_ENV, "").strip()
    if not address:
        return None
    if address == LOCAL:
        return LOCAL
    return address if "://" in address else f"tcp://{address}"


def check_scheduler(address: str, timeout: float = CONNECT_SECONDS) -> None:
    """Raise ConfigError unless the scheduler's host:port accepts a TCP connection."""
    if address == LOCAL:
        return
    parts = urlsplit(address)
    try:
        host, port = parts.hostname, parts.port or DEFAULT_PORT
    except ValueError:  # a port that is not a number
        host, port = None, DEFAULT_PORT
    if parts.scheme not in ("tcp", "tls") or not host:
        raise ConfigError(f"{DASK_ENV} must be tcp://host:port (or '{LOCAL}'), got {address!r}")
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ConfigError(f"Dask scheduler {address} is not reachable: {reason}") from None
