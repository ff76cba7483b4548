"""The `radar` command line: each command runs the matching Prefect flow."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from extractors.exceptions import ConfigError, RadarError, StorageError
from flows.apiserver import api_of, early_server
from flows.config import check_range, default_data_dir, load_sources, parse_day, select_sources
from flows.dask_address import check_scheduler, resolve_address

app = typer.Typer(
    name="radar",
    help="Policy Radar: ingest AI-policy news into Parquet and write weekly digests.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console()
err = Console(stderr=True)
T = TypeVar("T")

SourcesOpt = Annotated[Path, typer.Option("--sources", help="Sources TOML file.")]
DataOpt = Annotated[
    str | None,
    typer.Option(
        "--data", help="DATA folder or s3://bucket/prefix [default: $RADAR_DATA or ./radar-data]."
    ),
]
DayOpt = Annotated[str | None, typer.Option(help="YYYY-MM-DD")]
TimezoneOpt = Annotated[
    str | None,
    typer.Option(help="IANA timezone of the digest weeks [default: $RADAR_TIMEZONE or UTC]."),
]
DaskOpt = Annotated[
    str | None,
    typer.Option(
        "--dask-address",
        help="Dask scheduler for extraction batches (tcp://host:8786, or 'local') "
        "[default: $RADAR_DASK_ADDRESS; unset: local process pool].",
    ),
]
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "sources.toml"


class _OffTheConsole(logging.Filter):
    """Keep the records marked as repeating one of our errors off the console."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Drop a marked record (the API handlers, which have no such filter, still get it)."""
        return not getattr(record, "radar_error", False)


_OFF_CONSOLE = _OffTheConsole()


def _names_our_error(record: logging.LogRecord) -> bool:
    """Return True for Prefect's failure records about a RadarError (message or exception)."""
    if record.exc_info and isinstance(record.exc_info[1], RadarError):
        return True
    if record.levelno < logging.ERROR and "Failed(" not in str(record.msg):
        return False
    todo, names = [RadarError], []
    while todo:
        cls = todo.pop()
        names.append(cls.__name__)
        todo += cls.__subclasses__()
    message = record.getMessage()
    return any(f"{name}(" in message or f"{name}:" in message for name in names)


class _NoTracebackForOurErrors(logging.Filter):
    """Keep Prefect's failure records of our own errors off the console: the CLI prints one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep the record; strip a RadarError's traceback; mark it for the console filter."""
        if not _names_our_error(record):
            return True
        record.radar_error = True
        for handler in logging.getLogger().handlers:  # set up by Prefect once it is imported
            if "Console" in type(handler).__name__:
                handler.addFilter(_OFF_CONSOLE)  # idempotent: one filter object
        if record.exc_info and isinstance(record.exc_info[1], RadarError):
            record.exc_info = None
            record.exc_text = None
        return True


_QUIET = _NoTracebackForOurErrors()


def _guard(action: Callable[[], T]) -> T:
    """Run an action; turn our errors into one clear line and a non-zero exit."""
    for name in ("prefect.task_runs", "prefect.flow_runs", "prefect.engine"):
        logging.getLogger(name).addFilter(_QUIET)  # idempotent: one filter object
    try:
        return action()
    except ConfigError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except StorageError as exc:
        err.print(f"[bold red]storage error:[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(3) from None
    except RadarError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


def _prepare(data: str | None) -> str:
    from storage.store import Store

    folder = data or default_data_dir()
    Store(folder).prepare()
    return folder


SUMMARY_COLUMNS = {
    "source": "source",
    "discovered": "found",
    "extracted": "extracted",
    "not_modified": "same",
    "new_articles": "new",
    "updated_articles": "updated",
    "new_signals": "signals",
    "rejects": "rejects",
}


def _print_summary(rows: list[dict[str, Any]]) -> None:
    """Print the per-source counters as a compact table, then any source errors."""
    if not rows:
        return
    table = Table(title="ingest summary", show_lines=False)
    for label in SUMMARY_COLUMNS.values():
        table.add_column(
            label, overflow="fold", justify="left" if label in ("source", "rejects") else "right"
        )
    for row in rows:
        table.add_row(*(str(row.get(key, "")) for key in SUMMARY_COLUMNS))
    console.print(table)
    for row in rows:
        if row.get("error"):
            err.print(
                f"source {row['source']} failed: {row['error']}", highlight=False, soft_wrap=True
            )
        if row.get("signal_errors"):
            err.print(
                f"source {row['source']}: signal detection failed on {row['signal_errors']} "
                "articles (a detector bug; see the log)",
                highlight=False,
                soft_wrap=True,
            )


def _dask(value: str | None) -> str | None:
    """Return the Dask scheduler to use, after checking it answers (before Prefect starts)."""
    address = resolve_address(value)
    if address is not None:
        check_scheduler(address)
    return address


def _ingest(
    sources: Path,
    data: str | None,
    only: list[str] | None,
    since: date | None,
    until: date | None,
    reextract: bool,
    dask_address: str | None = None,
) -> list[dict[str, Any]]:
    with early_server() as server:  # boots while the flow modules import
        from flows.ingest import ingest_flow
        from flows.progress import progress_bar
        from flows.workers import warm_forkserver

        select_sources(load_sources(sources), only)
        check_range(since, until)
        address = _dask(dask_address)
        if server is not None and address is None:
            warm_forkserver()  # its model loading overlaps the server's boot
        folder = _prepare(data)
        with api_of(server), progress_bar("ingest"):
            rows: list[dict[str, Any]] = ingest_flow(
                sources=str(sources),
                data=folder,
                only=only,
                since=since,
                until=until,
                reextract=reextract,
                dask_address=address,
            )
    return rows


@app.command()
def ingest(
    sources: SourcesOpt = Path("sources.toml"),
    only: Annotated[
        list[str] | None, typer.Option("--only", help="Source name (repeatable).")
    ] = None,
    since: DayOpt = None,
    until: DayOpt = None,
    data: DataOpt = None,
    reextract: Annotated[
        bool, typer.Option(help="Re-extract stored pages from the raw store.")
    ] = False,
    dask_address: DaskOpt = None,
) -> None:
    """Ingest the sources into Parquet under DATA."""
    rows = _guard(
        lambda: _ingest(
            sources,
            data,
            only,
            parse_day(since, "--since"),
            parse_day(until, "--until"),
            reextract,
            dask_address,
        )
    )
    _print_summary(rows)


@app.command()
def digest(
    week: Annotated[
        str | None, typer.Option(help="ISO week YYYY-Www [default: last complete week].")
    ] = None,
    data: DataOpt = None,
    timezone: TimezoneOpt = None,
) -> None:
    """Write the weekly digest (Markdown + HTML) of one ISO week."""

    def run() -> dict[str, Any]:
        with early_server() as server:
            from extractors.digest.weeks import zone_of
            from flows.digest import digest_flow, parse_week

            if week is not None:
                parse_week(week)
            if timezone is not None:
                zone_of(timezone)
            folder = _prepare(data)
            with api_of(server):
                result: dict[str, Any] = digest_flow(week=week, data=folder, timezone=timezone)
        return result

    result = _guard(run)
    console.print(f"digest {result.get('week')}: {result.get('markdown')}")


@app.command()
def backfill(
    since: Annotated[str, typer.Option(help="YYYY-MM-DD (required)")],
    until: Annotated[str, typer.Option(help="YYYY-MM-DD (required)")],
    sources: SourcesOpt = Path("sources.toml"),
    data: DataOpt = None,
    window_days: Annotated[int, typer.Option(help="Days per ingest window.")] = 7,
    reextract: Annotated[
        bool, typer.Option(help="Re-extract stored pages from the raw store.")
    ] = False,
    timezone: TimezoneOpt = None,
    dask_address: DaskOpt = None,
) -> None:
    """Ingest a date range window by window, then rewrite the digests of the weeks it touched."""

    def run() -> dict[str, Any]:
        with early_server() as server:
            from extractors.digest.weeks import zone_of
            from flows.backfill import backfill_flow, split_windows

            lo, hi = parse_day(since, "--since"), parse_day(until, "--until")
            assert lo is not None and hi is not None
            check_range(lo, hi)
            split_windows(lo, hi, window_days)
            if timezone is not None:
                zone_of(timezone)
            load_sources(sources)
            address = _dask(dask_address)
            folder = _prepare(data)
            with api_of(server):
                result: dict[str, Any] = backfill_flow(
                    since=lo,
                    until=hi,
                    sources=None,
                    reextract=reextract,
                    window_days=window_days,
                    sources_file=str(sources),
                    data=folder,
                    timezone=timezone,
                    dask_address=address,
                )
        return result

    result = _guard(run)
    console.print(
        f"backfill {result['since']}..{result['until']}: {result['windows']} windows, "
        f"{result['new_articles']} new articles, {result['new_signals']} new signals, "
        f"{len(result['weeks'])} digests"
    )


@app.command()
def demo(data: DataOpt = None) -> None:
    """Ingest the bundled sample sources and write the digests of their weeks."""
    from storage.remote import is_remote

    folder = data or default_data_dir()

    def run() -> dict[str, Any]:
        with early_server() as server:
            from flows.demo import run_demo

            prepared = _prepare(folder)
            with api_of(server):
                return run_demo(EXAMPLES, prepared)

    summary = _guard(run)
    _print_summary(summary["ingest"])
    shown = folder if is_remote(folder) else str(Path(folder).resolve())
    console.print(f"\n[bold]Parquet tables:[/] {shown}/{{articles,signals,rejects,digest_items}}")
    for key in ("latest_markdown", "latest_html"):
        if summary.get(key):
            where = summary[key] if is_remote(folder) else str(Path(summary[key]).resolve())
            console.print(f"[bold]latest digest:[/] {where}", soft_wrap=True)
    console.print(
        f"digests written for weeks: {', '.join(summary['weeks']) or 'none'}", soft_wrap=True
    )


@app.command()
def serve(
    sources: SourcesOpt = Path("sources.toml"),
    data: DataOpt = None,
    dask_address: DaskOpt = None,
) -> None:
    """Serve the deployments (scheduled ingest, weekly digest, backfill) from this process."""
    from flows.deploy import serve_deployments
    from storage.remote import is_remote

    def run() -> None:
        load_sources(sources)
        address = _dask(dask_address)
        folder = _prepare(data)
        where = folder if is_remote(folder) else str(Path(folder).resolve())
        serve_deployments(sources=str(sources.resolve()), data=where, dask_address=address)

    _guard(run)


def main() -> None:
    """Entry point of the `radar` console script."""
    app()


if __name__ == "__main__":
    main()
