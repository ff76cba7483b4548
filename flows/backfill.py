"""The backfill flow: ingest a date range window by window, then rewrite the weeks it touched."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from prefect import flow, get_run_logger

from extractors.exceptions import ConfigError
from flows.config import check_range, parse_day
from flows.ingest import ingest_flow

MAX_WINDOW_DAYS = 366


def split_windows(since: date, until: date, window_days: int) -> list[tuple[date, date]]:
    """Return consecutive inclusive windows of ``window_days`` covering [since, until]."""
    if window_days < 1 or window_days > MAX_WINDOW_DAYS:
        raise ConfigError(f"window_days must be between 1 and {MAX_WINDOW_DAYS}, got {window_days}")
    windows: list[tuple[date, date]] = []
    start = since
    while start <= until:
        end = min(until, start + timedelta(days=window_days - 1))
        windows.append((start, end))
        start = end + timedelta(days=1)
    return windows


@flow(name="backfill", validate_parameters=True)
def backfill_flow(
    since: date,
    until: date,
    sources: list[str] | None = None,
    reextract: bool = False,
    window_days: int = 7,
    sources_file: str = "sources.toml",
    data: str | None = None,
    timezone: str | None = None,
    dask_address: str | None = None,
) -> dict[str, Any]:
    """Ingest [since, until] window by window in date order, then rewrite every touched week's digest.

    Args:
        since: First day of the range (inclusive).
        until: Last day of the range (inclusive).
        sources: Names of the sources to backfill (default: all in the sources file).
        reextract: Re-extract stored pages from the raw store instead of reading sources.
        window_days: Days per ingest window (one named subflow run per window).
        sources_file: Path of the sources TOML file.
        data: DATA folder or s3://bucket/prefix (default: $RADAR_DATA or ./radar-data).
        timezone: IANA timezone of the digest weeks (default: $RADAR_TIMEZONE, else UTC).
        dask_address: Dask scheduler for extraction batches (default: $RADAR_DASK_ADDRESS).
    """
    from extractors.digest.weeks import zone_of
    from flows.digest import default_timezone, digest_flow, weeks_between

    logger = get_run_logger()
    start, end = parse_day(since, "since"), parse_day(until, "until")
    if start is None or end is None:
        raise ConfigError("backfill needs both since and until")
    check_range(start, end)
    timezone = timezone or default_timezone()
    zone_of(timezone)
    windows = split_windows(start, end, window_days)
    totals: dict[str, int] = {"windows": len(windows), "new_articles": 0, "new_signals": 0}
    for lo, hi in windows:
        run = ingest_flow.with_options(flow_run_name=f"backfill-{lo.isoformat()}")
        rows = run(
            sources=sources_file,
            data=data,
            only=sources,
            since=lo,
            until=hi,
            reextract=reextract,
            dask_address=dask_address,
        )
        totals["new_articles"] += sum(int(r["new_articles"]) for r in rows)
        totals["new_signals"] += sum(int(r["new_signals"]) for r in rows)
        logger.info("window %s..%s done", lo, hi)
    weeks = weeks_between(start, end)
    for week in weeks:
        digest_flow.with_options(flow_run_name=f"digest-{week}")(
            week=week, data=data, timezone=timezone
        )
    totals["weeks"] = len(weeks)
    logger.info("backfill %s..%s: %s", start, end, totals)
    # The list of weeks last: totals["weeks"] (their count) must not replace it.
    return {"since": start.isoformat(), "until": end.isoformat(), **totals, "weeks": weeks}
