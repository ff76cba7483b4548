"""The writer slot: one writer of DATA at a time across processes and machines.

Every commit to DATA takes the file lock ``DATA/.radar.lock``. When a Prefect server is
configured (``PREFECT_API_URL``), commits also take one slot of the global concurrency
limit ``radar-writer`` (limit 1), so writers on several machines sharing DATA serialize too.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from flows.runtime.apiserver import URL_ENV

if TYPE_CHECKING:
    from storage.store import Store

WRITER_LIMIT = "radar-writer"
SLOT_TIMEOUT_S = 600.0
LEASE_S = 120.0
log = logging.getLogger("policy_radar.locks")
_ensured: set[str] = set()
_ensure_lock = threading.Lock()
_warned: set[str] = set()


def server_url() -> str | None:
    """Return the configured Prefect API URL, or None in ephemeral mode."""
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    if not url or url == os.environ.get(URL_ENV):
        return None  # no server, or the CLI's own temporary one: the file lock is enough
    return str(url)


def ensure_writer_limit(limit: int = 1) -> bool:
    """Create (or fix) the global concurrency limit ``radar-writer``; False without a server."""
    url = server_url()
    if url is None:
        return False
    from prefect.client.orchestration import get_client

    with _ensure_lock:
        if url in _ensured:
            return True
        with get_client(sync_client=True) as client:
            try:
                client.upsert_global_concurrency_limit_by_name(WRITER_LIMIT, limit)
            except Exception:
                # Two processes may race to create it: a conflict leaves one limit behind.
                client.read_global_concurrency_limit_by_name(WRITER_LIMIT)
        _ensured.add(url)
    log.info("global concurrency limit %s (limit %d) is in place at %s", WRITER_LIMIT, limit, url)
    return True


@contextlib.contextmanager
def writer_slot() -> Iterator[None]:
    """Hold the ``radar-writer`` slot when a server is configured; do nothing otherwise."""
    if not ensure_writer_limit():
        yield
        return
    from prefect.concurrency.sync import concurrency

    with concurrency(
        WRITER_LIMIT,
        occupy=1,
        timeout_seconds=SLOT_TIMEOUT_S,
        lease_duration=LEASE_S,
        strict=True,
    ):
        yield


def writer_store(data: Path | str) -> Store:
    """Return the Store of DATA (folder or s3 URL) whose commits hold the writer slot.

    DATA on s3 without a Prefect server is only serialized between processes of this machine
    (the file lock of the local mirror): that is logged once per DATA.
    """
    from storage.store import Store  # pyarrow loads when a store is opened, not with the CLI

    store = Store(data, guard=writer_slot)
    if store.remote and server_url() is None and store.location not in _warned:
        _warned.add(store.location)
        log.warning(
            "DATA %s is on S3 but PREFECT_API_URL is unset: writers are serialized on this "
            "machine only; run every writer against one Prefect server to share it",
            store.location,
        )
    return store
