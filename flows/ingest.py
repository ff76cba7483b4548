"""The ingest flow: sources -> raw pages -> articles and signals -> Parquet."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext

from flows.config import (
    SourceConfig,
    check_range,
    default_data_dir,
    load_sources,
    parse_day,
    select_sources,
)
from flows.dask_address import check_scheduler, resolve_address
from flows.locks import writer_store
from flows.progress import current_progress
from flows.run_progress import RunProgress, route_package_logs
from flows.runner import Discover, SourceIngest, SourceStats, Window, discover_directory
from flows.workers import ExtractionPool
from storage.store import Store


def discover_for(kind: str) -> Discover:
    """Return the discovery function of a source kind."""
    if kind == "directory":
        return discover_directory
    from flows.fetch import discover_remote

    remote: Discover = discover_remote
    return remote


@task(name="ingest-source", cache_policy=NO_CACHE, task_run_name="ingest-{source.name}")
def ingest_source(
    source: SourceConfig,
    store: Store,
    pool: ExtractionPool,
    window: Window,
    reextract: bool,
    on_page: Callable[[SourceStats, int], None] | None = None,
) -> SourceStats:
    """Ingest one source (one task per source: tasks stay coarse)."""
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
    logger.info(
        "source %s: %d discovered, %d extracted, %d unchanged, %d new articles, %d new signals, "
        "%d signal errors, rejects %s",
        source.name,
        stats.discovered,
        stats.extracted,
        stats.not_modified,
        stats.new_articles,
        stats.new_signals,
        stats.signal_errors,
        dict(stats.rejects) or "none",
    )
    return stats


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
    with ExtractionPool(dask_address=address) as pool:
        for index, source in enumerate(sources):
            if in_flow:
                hook = tracker.hook(index)
                results.append(ingest_source(source, store, pool, window, reextract, hook))
            else:
                results.append(ingest_source.fn(source, store, pool, window, reextract))
    tracker.finish()
    return results


def summary_markdown(stats: list[SourceStats]) -> str:
    """Return the run summary as a Markdown table."""
    rows = [s.as_row() for s in stats]
    if not rows:
        return "No sources."
    head = list(rows[0])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(r[h]) for h in head) + " |" for r in rows]
    return "\n".join(lines)


@flow(name="ingest", validate_parameters=True)
def ingest_flow(
    sources: str = "sources.toml",
    data: str | None = None,
    only: list[str] | None = None,
    since: date | None = None,
    until: date | None = None,
    reextract: bool = False,
    dask_address: str | None = None,
) -> list[dict[str, Any]]:
    """Ingest article sources into the Parquet tables under DATA.

    Args:
        sources: Path of the sources TOML file.
        data: DATA folder or s3://bucket/prefix (default: $RADAR_DATA or ./radar-data).
        only: Names of the sources to ingest (default: all).
        since: Keep articles published on or after this day.
        until: Keep articles published on or before this day.
        reextract: Re-extract every stored page from the raw store (no network).
        dask_address: Dask scheduler for extraction batches, e.g. tcp://host:8786, or
            "local" (default: $RADAR_DASK_ADDRESS; empty: the local process pool).
    """
    logger = get_run_logger()
    since_d, until_d = parse_day(since, "since"), parse_day(until, "until")
    check_range(since_d, until_d)
    selected = select_sources(load_sources(Path(sources)), only)
    data_dir = data or default_data_dir()
    window = Window(since_d, until_d)
    stats = run_ingest(selected, data_dir, window, reextract, dask_address)
    rows = [s.as_row() for s in stats]
    create_table_artifact(
        table=rows, key="ingest-summary", description="Per-source ingest counters"
    )
    failed = [s.source for s in stats if s.error]
    if failed:
        logger.warning("sources that failed entirely: %s", ", ".join(failed))
    logger.info("ingest done into %s", data_dir)
    return rows
