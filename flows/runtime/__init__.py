"""Prefect plumbing that is not a flow: API server, writer lock, Dask address, progress, logs,
artifacts, alerts and task retries.

``apiserver`` boots a temporary Prefect API for one CLI run; ``locks`` holds the one-writer
slot; ``cluster`` says which Dask scheduler extraction uses; ``progress`` counts pages (bar and
artifact); ``logs`` is the logging policy; ``artifacts`` writes the run summaries and digest
artifacts by key; ``alerts`` keeps the failed-run automation; ``retries`` says which task
failures are retried. Importing this face is cheap (no Prefect, no pyarrow).
"""

from flows.runtime.alerts import (
    AUTOMATION_NAME,
    BLOCK_NAME,
    create_webhook_block,
    ensure_alert_automation,
)
from flows.runtime.apiserver import URL_ENV, TemporaryServer, api_of, early_server
from flows.runtime.artifacts import (
    BACKFILL_PROGRESS_KEY,
    LATEST_KEY,
    BackfillReport,
    DigestLink,
    Progress,
    add_rows,
    publish_digest,
    publish_ingest_summary,
    source_table,
    summary_row,
    ui_link,
    week_key,
)
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
from flows.runtime.retries import retry_unless_our_error

__all__ = [
    "AUTOMATION_NAME",
    "BACKFILL_PROGRESS_KEY",
    "BLOCK_NAME",
    "CONNECT_SECONDS",
    "DASK_ENV",
    "EXTRA_LOGGERS",
    "LATEST_KEY",
    "LOCAL",
    "PACKAGE_LOGGER",
    "URL_ENV",
    "WRITER_LIMIT",
    "BackfillReport",
    "ClusterError",
    "DigestLink",
    "PageProgress",
    "Progress",
    "RunProgress",
    "TemporaryServer",
    "add_extra_loggers",
    "add_rows",
    "api_of",
    "check_scheduler",
    "create_webhook_block",
    "current_progress",
    "early_server",
    "ensure_alert_automation",
    "ensure_writer_limit",
    "progress_bar",
    "publish_digest",
    "publish_ingest_summary",
    "quiet_our_errors",
    "resolve_address",
    "retry_unless_our_error",
    "route_package_logs",
    "server_url",
    "source_table",
    "summary_row",
    "ui_link",
    "week_key",
    "writer_slot",
    "writer_store",
]
