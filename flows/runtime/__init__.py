"""Prefect plumbing that is not a flow: API server, writer lock, Dask address, progress, logs.

``apiserver`` boots a temporary Prefect API for one CLI run; ``locks`` holds the one-writer
slot; ``cluster`` says which Dask scheduler extraction uses; ``progress`` counts pages (bar and
artifact); ``logs`` is the logging policy. Importing this face is cheap (no Prefect, no pyarrow).
"""

from flows.runtime.apiserver import URL_ENV, TemporaryServer, api_of, early_server
from flows.runtime.cluster import (
    CONNECT_SECONDS,
    DASK_ENV,
    LOCAL,
    ClusterError,
    check_scheduler,
    resolve_address,
)
from flows.runtime.locks import (
    WRITER_LIMIT,
    ensure_writer_limit,
    server_url,
    writer_slot,
    writer_store,
)
from flows.runtime.logs import (
    EXTRA_LOGGERS,
    PACKAGE_LOGGER,
    add_extra_loggers,
    quiet_our_errors,
    route_package_logs,
)
from flows.runtime.progress import (
    PageProgress,
    RunProgress,
    current_progress,
    progress_bar,
)

__all__ = [
    "CONNECT_SECONDS",
    "DASK_ENV",
    "EXTRA_LOGGERS",
    "LOCAL",
    "PACKAGE_LOGGER",
    "URL_ENV",
    "WRITER_LIMIT",
    "ClusterError",
    "PageProgress",
    "RunProgress",
    "TemporaryServer",
    "add_extra_loggers",
    "api_of",
    "check_scheduler",
    "current_progress",
    "early_server",
    "ensure_writer_limit",
    "progress_bar",
    "quiet_our_errors",
    "resolve_address",
    "route_package_logs",
    "server_url",
    "writer_slot",
    "writer_store",
]
