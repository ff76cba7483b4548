"""The ingest flow: sources -> raw pages -> articles and signals -> Parquet."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import UTC
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State
from prefect.context import FlowRunContext

from extractors.exceptions import ConfigError
from flows.config import SourceConfig
from flows.params import (
    DaskAddress,
    Data,
    IngestRequest,
    OnlySources,
    OptionalSince,
    OptionalUntil,
    Reextract,
    SourcesFile,
    check_ingest,
    refuse,
)
from flows.runner import PagePool, SourceIngest
from flows.runtime import (
    RunProgress,
    check_scheduler,
    current_progress,
    publish_ingest_summary,
    resolve_address,
    retry_unless_our_error,
    route_package_logs,
    writer_store,
)
from flows.settings import apply_s3_credentials, data_location, sources_location
from flows.sources import Discover, SourceStats, Window, discover_directory, discover_web
from storage.store import Store

SOURCE_RETRIES = int(os.environ.get("RADAR_SOURCE_RETRIES", "2"))
SOURCE_TIMEOUT_S = float(os.environ.get("RADAR_SOURCE_TIMEOUT_S", str(4 * 3600)))


def discover_for(kind: str) -> Discover:
    """Return the discovery function of a source kind."""
    return discover_directory if kind == "directory" else discover_web


@task(
    name="ingest-source",
    cache_policy=NO_CACHE,
    task_run_name="ingest-{source.name}",
    retries=SOURCE_RETRIES,
    retry_delay_seconds=[30, 120],
    retry_condition_fn=retry_unless_our_error,
    timeout_seconds=SOURCE_TIMEOUT_S,
)
def ingest_source(
    source: SourceConfig,
    store: Store,
    pool: PagePool,
    window: Window,
    reextract: bool,
    on_page: Callable[[SourceStats, int], None] | None = None,
) -> SourceStats:
    """Ingest one source (one task per source: tasks stay coarse; safe to retry)."""
    logger = run_logger()
    progress = current_progress()

    def advance(n: int) -> None:
        progress.advance(n)
        if on_page is not None:
            on_page(job.stats, n)

    job = SourceIngest(source, store, pool, window, reextract=reextract, on_page=advance)
    try:
        stats = job.run(discover_for(source.kind))
    except OSError as exc:
        stats = job.stats
        stats.error = f"{type(exc).__name__}: {exc}"
        logger.error("source %s failed: %s", source.name, stats.error)
        return stats
    logger.info("source %s: %s", source.name, describe(stats))
    return stats


def describe(stats: SourceStats) -> str:
    """Return one source's counters as a sentence whose numbers add up."""
    rejected = sum(stats.rejects.values())
    other = max(0, stats.discovered - stats.not_modified - stats.extracted)
    return (
        f"{stats.discovered} found = {stats.not_modified} unchanged + {stats.extracted} extracted"
        f" + {other} not read (unreadable, skipped or over max_pages); "
        f"{stats.new_articles} new and {stats.updated_articles} updated articles, "
        f"{stats.out_of_range} out of range, {rejected} rejected"
        f" ({dict(stats.rejects) or 'none'}), {stats.new_signals} new signals"
        + (f", {stats.signal_errors} signal detection errors" if stats.signal_errors else "")
    )


def run_logger() -> logging.Logger | logging.LoggerAdapter[logging.Logger]:
    """Return Prefect's run logger inside a run, else the package logger."""
    if FlowRunContext.get() is None:
        return logging.getLogger("policy_radar.ingest")
    return get_run_logger()


def run_ingest(
    sources: list[SourceConfig],
    data: str,
    window: Window,
    reextract: bool = False,
    dask_address: str | None = None,
) -> list[SourceStats]:
    """Run every source through one extraction pool (local, or Dask); return the counters."""
    route_package_logs()
    address = resolve_address(dask_address)
    if address is not None:
        check_scheduler(address)  # a dead scheduler fails the run before any source
    store = writer_store(data)
    store.prepare()
    results: list[SourceStats] = []
    in_flow = FlowRunContext.get() is not None
    tracker = RunProgress(len(sources))
    with PagePool(dask_address=address) as pool:
        for index, source in enumerate(sources):
            if in_flow:
                hook = tracker.hook(index)
                results.append(ingest_source(source, store, pool, window, reextract, hook))
            else:
                results.append(ingest_source.fn(source, store, pool, window, reextract))
    tracker.finish()
    return results


def summary_rows(stats: list[SourceStats]) -> list[dict[str, Any]]:
    """Return the per-source counters of a run as rows (the flow's result)."""
    return [{**s.as_row(), "rejected": sum(s.rejects.values())} for s in stats]


def ingest_run_name() -> str:
    """Return an ingest run's name: ``ingest-`` and its scheduled time (UTC, to the minute)."""
    from prefect.runtime import flow_run

    when = flow_run.scheduled_start_time
    return f"ingest-{when.astimezone(UTC):%Y-%m-%dT%H:%MZ}"


@flow(name="ingest", validate_parameters=True, flow_run_name=ingest_run_name)
def ingest_flow(
    sources_file: SourcesFile = None,
    data: Data = None,
    only_sources: OnlySources = None,
    since: OptionalSince = None,
    until: OptionalUntil = None,
    reextract: Reextract = False,
    dask_address: DaskAddress = None,
) -> list[dict[str, Any]] | State[Any]:
    """Ingest article sources into the Parquet tables under DATA.

    Args:
        sources_file: Path of the sources TOML file (default: $RADAR_SOURCES, the Prefect
            Variable radar_sources, else ./sources.toml).
        data: DATA folder or s3://bucket/prefix (default: $RADAR_DATA, the Prefect Variable
            radar_data, else ./radar-data).
        only_sources: Names of the sources to ingest (default: every source of the file).
        since: Keep articles published on or after this day.
        until: Keep articles published on or before this day.
        reextract: Re-extract every stored page from the raw store (no network).
        dask_address: Dask scheduler for extraction batches, e.g. tcp://host:8786, or
            "local" (default: $RADAR_DASK_ADDRESS; empty: the local process pool).
    """
    try:
        request = check_ingest(sources_location(sources_file), only_sources, since, until)
        data_dir = data_location(data)
        apply_s3_credentials(data_dir)
        return ingest_checked.fn(request, data_dir, reextract, dask_address)
    except ConfigError as exc:
        return refuse(exc)


@flow(name="ingest", validate_parameters=False, flow_run_name=ingest_run_name)
def ingest_checked(
    request: IngestRequest, data: str, reextract: bool = False, dask_address: str | None = None
) -> list[dict[str, Any]]:
    """Run a checked ingest (the CLI, a backfill window): the sources, then the run summary."""
    logger = get_run_logger()
    stats = run_ingest(list(request.sources), data, request.window, reextract, dask_address)
    rows = summary_rows(stats)
    window = request.window
    span = (
        f" {window.since or '...'} to {window.until or '...'}"
        if window.since or window.until
        else ""
    )
    publish_ingest_summary(rows, f"Ingest{span} into {data}")
    failed = [s.source for s in stats if s.error]
    if failed:
        logger.warning("sources that failed entirely: %s", ", ".join(failed))
    logger.info("ingest done into %s", data)
    return rows
