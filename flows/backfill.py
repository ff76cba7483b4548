"""The backfill flow: ingest a date range window by window, then rewrite the weeks it touched."""

from __future__ import annotations

from datetime import date
from typing import Any

from prefect import flow, get_run_logger
from prefect.client.schemas.objects import State

from extractors.exceptions import ConfigError
from flows.digest import digest_checked
from flows.ingest import ingest_checked
from flows.params import (
    MAX_WINDOW_DAYS,
    BackfillRequest,
    DaskAddress,
    Data,
    DigestRequest,
    IngestRequest,
    OnlySources,
    Reextract,
    Since,
    SourcesFile,
    TimezoneParam,
    Until,
    WindowDays,
    check_backfill,
    refuse,
    split_windows,
)
from flows.runtime import (
    BACKFILL_PROGRESS_KEY,
    BackfillReport,
    DigestLink,
    Progress,
    summary_row,
)
from flows.settings import apply_s3_credentials, data_location, sources_location
from flows.sources import Window

__all__ = ["MAX_WINDOW_DAYS", "backfill_checked", "backfill_flow", "split_windows"]


@flow(
    name="backfill",
    validate_parameters=True,
    flow_run_name="backfill-{since}-to-{until}",
)
def backfill_flow(
    since: Since,
    until: Until,
    only_sources: OnlySources = None,
    reextract: Reextract = False,
    window_days: WindowDays = 7,
    sources_file: SourcesFile = None,
    data: Data = None,
    timezone: TimezoneParam = None,
    dask_address: DaskAddress = None,
) -> dict[str, Any] | State[Any]:
    """Ingest [since, until] window by window in date order, then rewrite every touched week's digest.

    Args:
        since: First day of the range (inclusive).
        until: Last day of the range (inclusive).
        only_sources: Names of the sources to backfill (default: every source of the file).
        reextract: Re-extract stored pages from the raw store instead of reading sources.
        window_days: Days per ingest window (one named subflow run per window).
        sources_file: Path of the sources TOML file (default: $RADAR_SOURCES, the Prefect
            Variable radar_sources, else ./sources.toml).
        data: DATA folder or s3://bucket/prefix (default: $RADAR_DATA, the Prefect Variable
            radar_data, else ./radar-data).
        timezone: IANA timezone of the digest weeks (default: $RADAR_TIMEZONE, else UTC).
        dask_address: Dask scheduler for extraction batches (default: $RADAR_DASK_ADDRESS).
    """
    try:
        request = check_backfill(
            since, until, sources_location(sources_file), only_sources, window_days, timezone
        )
        data_dir = data_location(data)
        apply_s3_credentials(data_dir)
    except ConfigError as exc:
        return refuse(exc)
    return backfill_checked.fn(request, data_dir, reextract, dask_address)


def _window_run(request: BackfillRequest, lo: date, hi: date) -> IngestRequest:
    return IngestRequest(
        sources_file=request.ingest.sources_file,
        sources=request.ingest.sources,
        window=Window(lo, hi),
    )


@flow(
    name="backfill",
    validate_parameters=False,
    flow_run_name="backfill-{request.since}-to-{request.until}",
)
def backfill_checked(
    request: BackfillRequest, data: str, reextract: bool = False, dask_address: str | None = None
) -> dict[str, Any]:
    """Run a checked backfill: one ingest subflow per window, then one digest subflow per week.

    The command line checks its options once and runs this flow directly.
    """
    logger = get_run_logger()
    start, end = request.since, request.until
    report = BackfillReport(start.isoformat(), end.isoformat())
    progress = Progress(BACKFILL_PROGRESS_KEY, len(request.windows) + len(request.weeks))
    totals: dict[str, int] = {"windows": len(request.windows), "new_articles": 0, "new_signals": 0}
    for lo, hi in request.windows:
        window_flow = ingest_checked.with_options(flow_run_name=f"backfill-{lo.isoformat()}")
        rows = window_flow(_window_run(request, lo, hi), data, reextract, dask_address)
        report.rows += [summary_row(r) for r in rows]
        totals["new_articles"] += sum(int(r["new_articles"]) for r in rows)
        totals["new_signals"] += sum(int(r["new_signals"]) for r in rows)
        progress.step(f"window {lo}..{hi}")
        logger.info("window %s..%s done", lo, hi)
    for week in request.weeks:
        summary = digest_checked.with_options(flow_run_name=f"digest-{week}")(
            DigestRequest(week, request.timezone), data
        )
        report.digests.append(DigestLink(week, str(summary["markdown"]), int(summary["items"])))
        progress.step(f"digest {week}")
    report.publish()
    totals["weeks"] = len(request.weeks)
    logger.info("backfill %s..%s: %s", start, end, totals)
    # The list of weeks last: totals["weeks"] (their count) must not replace it.
    return {
        "since": start.isoformat(),
        "until": end.isoformat(),
        **totals,
        "weeks": list(request.weeks),
    }
