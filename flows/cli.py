"""The `radar` command line: each command runs the matching Prefect flow."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from extractors.exceptions import ConfigError, RadarError, StorageError
from flows.config import parse_day
from flows.params import as_flag, check_backfill, check_data_held, check_digest, check_ingest
from flows.runtime import (
    api_of,
    check_scheduler,
    early_server,
    progress_bar,
    quiet_our_errors,
    resolve_address,
)

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

SourcesOpt = Annotated[
    Path | None,
    typer.Option(
        "--sources-file",
        "--sources",
        help="Sources TOML file [default: $RADAR_SOURCES, else ./sources.toml; "
        "the bundled samples: examples/sources.toml].",
    ),
]
OnlyOpt = Annotated[
    list[str] | None,
    typer.Option("--only-sources", "--only", help="Source name (repeatable) [default: all]."),
]
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


def _guard(action: Callable[[], T]) -> T:
    """Run an action; turn our errors into one clear line and a non-zero exit."""
    quiet_our_errors()
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


def _prepare(data: str | None, held: bool = False) -> str:
    """Return DATA (option, $RADAR_DATA, Variable radar_data, ./radar-data), ready to write.

    held=True: the command reads what an ingest wrote, so a local DATA must already exist.
    """
    from flows.settings import apply_s3_credentials, data_location
    from storage.store import Store

    folder = data_location(data)
    if held:
        check_data_held(folder)
    apply_s3_credentials(folder)
    Store(folder).prepare()
    return folder


SUMMARY_COLUMNS = {
    "source": "source",
    "discovered": "found",
    "not_modified": "unchanged",
    "extracted": "extracted",
    "rejected": "rejected",
    "new_articles": "new",
    "new_signals": "signals",
}


def _print_summary(rows: list[dict[str, Any]]) -> None:
    """Print the per-source counters as a compact table, then reject reasons and errors."""
    if not rows:
        return
    table = Table(title="ingest summary", show_lines=False)
    for label in SUMMARY_COLUMNS.values():
        left = label == "source"
        table.add_column(label, justify="left" if left else "right", no_wrap=True)
    for row in rows:
        table.add_row(*(str(row.get(key, "")) for key in SUMMARY_COLUMNS))
    console.print(table)
    for row in rows:
        if row.get("rejected"):
            console.print(f"{row['source']} rejects: {row['rejects']}", soft_wrap=True)
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
    sources_file: Path | None,
    data: str | None,
    only_sources: list[str] | None,
    since: date | None,
    until: date | None,
    reextract: bool,
    dask_address: str | None = None,
) -> list[dict[str, Any]]:
    with early_server() as server:  # boots while the flow modules import
        from flows.ingest import ingest_checked
        from flows.runner import warm_forkserver

        request = check_ingest(_sources(sources_file), only_sources, since, until, as_flag)
        address = _dask(dask_address)
        if server is not None and address is None:
            warm_forkserver()  # its model loading overlaps the server's boot
        folder = _prepare(data)
        with api_of(server), progress_bar("ingest"):
            rows: list[dict[str, Any]] = ingest_checked(request, folder, reextract, address)
    return rows


def _sources(sources_file: Path | None) -> str:
    """Return the sources file: the option, else $RADAR_SOURCES, else ./sources.toml."""
    from flows.settings import sources_location

    return sources_location(str(sources_file) if sources_file else None)


@app.command()
def ingest(
    sources_file: SourcesOpt = None,
    only_sources: OnlyOpt = None,
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
            sources_file,
            data,
            only_sources,
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
    feed_base_url: Annotated[
        str | None,
        typer.Option(
            help="Public URL of DATA/digests/ for absolute links in feed.xml "
            "[default: $RADAR_FEED_BASE_URL; unset: relative links]."
        ),
    ] = None,
) -> None:
    """Write the weekly digest (Markdown + HTML) of one ISO week, and refresh digests/feed.xml."""

    def run() -> dict[str, Any]:
        with early_server() as server:
            from flows.digest import digest_checked

            request = check_digest(week, timezone, feed_base_url=feed_base_url)
            folder = _prepare(data, held=True)
            with api_of(server):
                result: dict[str, Any] = digest_checked(request, folder)
        return result

    result = _guard(run)
    quiet = " (quiet week)" if not result.get("items") else ""
    console.print(f"digest {result.get('week')}{quiet}: {result.get('markdown')}", soft_wrap=True)


@app.command()
def measures(data: DataOpt = None) -> None:
    """Rebuild the measure tables (measures, measure_events) from the stored signal rows."""

    def run() -> dict[str, Any]:
        with early_server() as server:
            from flows.digest import measures_flow

            folder = _prepare(data, held=True)
            with api_of(server):
                result = measures_flow(folder)
        if not isinstance(result, dict):
            raise RadarError("the measures run did not finish")
        return result

    result = _guard(run)
    console.print(f"measures: {result['measures']} measures, {result['events']} events")


@app.command()
def backfill(
    since: Annotated[str, typer.Option(help="YYYY-MM-DD (required)")],
    until: Annotated[str, typer.Option(help="YYYY-MM-DD (required)")],
    sources_file: SourcesOpt = None,
    only_sources: OnlyOpt = None,
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
            from flows.backfill import backfill_checked

            request = check_backfill(
                parse_day(since, "--since"),
                parse_day(until, "--until"),
                _sources(sources_file),
                only_sources,
                window_days,
                timezone,
                as_flag,
            )
            address = _dask(dask_address)
            folder = _prepare(data)
            with api_of(server):
                result: dict[str, Any] = backfill_checked(request, folder, reextract, address)
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
    from flows.settings import data_location
    from storage.remote import is_remote

    folder = data_location(data)

    def run() -> dict[str, Any]:
        with early_server() as server:
            from flows.demo import run_demo

            prepared = _prepare(folder)
            with api_of(server):
                return run_demo(EXAMPLES, prepared)

    summary = _guard(run)
    _print_summary(summary["ingest"])
    shown = folder if is_remote(folder) else str(Path(folder).resolve())
    tables = "articles,signals,rejects,digest_items,measures,measure_events"
    console.print(f"\n[bold]Parquet tables:[/] {shown}/{{{tables}}}")
    for key in ("latest_markdown", "latest_html"):
        if summary.get(key):
            where = summary[key] if is_remote(folder) else str(Path(summary[key]).resolve())
            week = summary.get("latest_week")
            console.print(f"[bold]latest digest ({week}):[/] {where}", soft_wrap=True)
    console.print(
        f"digests written for weeks: {', '.join(summary['weeks']) or 'none'}", soft_wrap=True
    )
    console.print(f"measures page and Atom feed: {shown}/digests/{{measures.html,feed.xml}}")


@app.command()
def serve(
    sources_file: SourcesOpt = None,
    data: DataOpt = None,
    dask_address: DaskOpt = None,
) -> None:
    """Serve the deployments (scheduled ingest, weekly digest, backfill) from this process."""
    from flows.deploy import serve_deployments
    from storage.remote import is_remote

    def run() -> None:
        sources = check_ingest(_sources(sources_file), names=as_flag).sources_file.resolve()
        address = _dask(dask_address)
        folder = _prepare(data)
        where = folder if is_remote(folder) else str(Path(folder).resolve())
        serve_deployments(sources=str(sources), data=where, dask_address=address)

    _guard(run)


@app.command()
def alerts(
    url: Annotated[
        str | None,
        typer.Argument(help="Webhook URL (Slack, Mattermost, any JSON webhook) to post alerts to."),
    ] = None,
) -> None:
    """Notify on failed or crashed runs: save the block radar-alerts and create the automation.

    Without URL, only the automation is (re)created, for a notification block named radar-alerts
    made in the UI (any type: Slack, Teams, email, ...). Needs PREFECT_API_URL.
    """
    from flows.runtime import (
        AUTOMATION_NAME,
        BLOCK_NAME,
        create_webhook_block,
        ensure_alert_automation,
        server_url,
    )

    def run() -> str:
        if server_url() is None:
            raise ConfigError("PREFECT_API_URL is not set: alerts live on a Prefect server")
        block = create_webhook_block(url) if url else None
        if ensure_alert_automation(block) is None:
            raise ConfigError(
                f"no notification block named {BLOCK_NAME}: give a webhook URL, or create one "
                "in the UI (Blocks, +) and run this again"
            )
        return f"automation {AUTOMATION_NAME} notifies block {BLOCK_NAME} on failed or crashed runs"

    console.print(_guard(run), soft_wrap=True)


def main() -> None:
    """Entry point of the `radar` console script."""
    app()


if __name__ == "__main__":
    main()
