"""The digest flow: read one ISO week, build the digest, write files, rows and artifacts."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State

from extractors.digest import build_digest, render_html, render_markdown
from extractors.digest.embed import similar_pairs
from extractors.digest.headline import format_usd
from extractors.digest.quiet import is_quiet, render_quiet_html, render_quiet_markdown
from extractors.digest.weeks import iso_week_of, parse_week
from extractors.digest.weeks import weeks_between as _weeks_between
from extractors.exceptions import ConfigError
from extractors.measures import (
    AI_TERM_PREFILTER,
    MeasureTables,
    build_measures,
    format_update,
    status_updates,
)
from extractors.rows import DigestItem, Measure, MeasureEvent
from extractors.tracker import (
    feed_weeks,
    measure_table,
    render_feed,
    render_measures_html,
    render_measures_markdown,
)
from flows.params import (
    Data,
    DigestRequest,
    TimezoneParam,
    Week,
    check_data_held,
    check_digest,
    check_feed_base_url,
    refuse,
)
from flows.runtime import (
    LATEST_KEY,
    publish_digest,
    retry_unless_our_error,
    ui_link,
    week_key,
    writer_store,
)
from flows.settings import TIMEZONE_ENV, apply_s3_credentials, data_location, default_timezone
from storage.digests import read_feed, write_digest_files, write_feed, write_measure_pages
from storage.feed import read_feed_inputs
from storage.read import measure_inputs_key, read_measure_inputs, read_measures, read_week
from storage.store import Store, write_measures

DIGEST_TIMEOUT_S = float(os.environ.get("RADAR_DIGEST_TIMEOUT_S", "1800"))


@dataclass(frozen=True, slots=True)
class DigestResult:
    """What writing one week's digest produced."""

    week: str
    markdown_path: Path
    html_path: Path
    markdown: str
    rows: list[DigestItem]
    n_new: int
    n_updates: int
    n_signals: int
    n_articles: int
    markdown_location: str = ""
    html_location: str = ""
    newest_with_items: str | None = None
    feed_location: str = ""
    measures: list[Measure] = field(default_factory=list)
    measure_events: list[MeasureEvent] = field(default_factory=list)
    measure_updates: list[str] = field(default_factory=list)
    measures_as_of: date | None = None

    def summary(self) -> dict[str, Any]:
        """Return the result as a small JSON-friendly dict."""
        return {
            "week": self.week,
            "markdown": self.markdown_location or str(self.markdown_path),
            "html": self.html_location or str(self.html_path),
            "items": len(self.rows),
            "new": self.n_new,
            "updates": self.n_updates,
            "signals": self.n_signals,
            "articles": self.n_articles,
            "feed": self.feed_location,
            "measures": len(self.measures),
            "measure_updates": len(self.measure_updates),
        }


def weeks_between(since: date, until: date) -> list[str]:
    """Return every ISO week ('YYYY-Www') touching since..until, oldest first."""
    return _weeks_between(since, until)


__all__ = [
    "TIMEZONE_ENV",
    "DigestResult",
    "default_timezone",
    "digest_checked",
    "digest_flow",
    "iso_week_of",
    "measures_flow",
    "parse_week",
    "rebuild_measures",
    "weeks_between",
    "write_digest",
    "write_week",
]


@lru_cache(maxsize=1)
def actor_kinds() -> dict[str, str]:
    """Return actor name -> kind from the signals lexicon (empty when it is unavailable)."""
    try:
        from extractors.signals.actors import load_lexicon

        return {name: entry.kind for name, entry in load_lexicon().entries.items()}
    except (ImportError, OSError, KeyError, ValueError):
        return {}


def write_digest(
    data: str, week: str, timezone: str = "UTC", *, embeddings: bool = True
) -> DigestResult:
    """Check a week and timezone, then build and write that week's digest (files and rows)."""
    request = check_digest(week, timezone)
    return write_week(request, data, embeddings=embeddings)


def write_week(request: DigestRequest, data: str, *, embeddings: bool = True) -> DigestResult:
    """Build one checked week's digest from DATA and write its files and `digest_items` rows."""
    week, timezone = request.week, request.timezone
    store = writer_store(data)
    with store.session():  # writer slot + file lock; on s3: pull first, push files and rows last
        tables = rebuild_measures(store)
        inp = read_week(store.root, week, timezone, actor_kinds())
        digest = build_digest(inp, similar_pairs if embeddings else None)
        changes = status_updates(
            tables.measures, tables.events, inp.first_day, inp.last_day, inp.timezone
        )
        digest = replace(digest, measure_updates=[format_update(u) for u in changes])
        quiet = is_quiet(digest)
        markdown = render_quiet_markdown(digest) if quiet else render_markdown(digest)
        html = render_quiet_html(digest) if quiet else render_html(digest)
        md_path, html_path = write_digest_files(store.root, week, markdown, html)
        rows = digest.rows()
        store.write_rows("digest_items", rows, replace_groups=[week])
        newest = newest_week_with_items(store)
        base = request.feed_base_url
        feed = refresh_feed(store, check_feed_base_url() if base is None else base)
    return DigestResult(
        week=week,
        markdown_path=md_path,
        html_path=html_path,
        markdown=markdown,
        rows=rows,
        n_new=len(digest.new_items),
        n_updates=len(digest.updates),
        n_signals=digest.n_signals,
        n_articles=len(digest.articles),
        markdown_location=store.display(md_path),
        html_location=store.display(html_path),
        newest_with_items=newest,
        feed_location=store.display(feed),
        measures=tables.measures,
        measure_events=tables.events,
        measure_updates=digest.measure_updates,
        measures_as_of=tables.as_of,
    )


def refresh_feed(store: Store, base_url: str) -> Path:
    """Rebuild digests/feed.xml from the rows of every week (left untouched when unchanged)."""
    weeks = feed_weeks(*read_feed_inputs(store))
    xml = render_feed(weeks, datetime.now(UTC), read_feed(store.root), base_url)
    return write_feed(store.root, xml)


# The last rebuild of each DATA folder in this process: (input key, tables). A backfill or a
# multi-week digest run writes many weeks from the same articles; the measures (statuses as of the
# newest article, never as of the week) are the same for all of them, so they are built once.
_BUILT: dict[str, tuple[str, MeasureTables]] = {}


def rebuild_measures(store: Store, *, reuse: bool = True) -> MeasureTables:
    """Rebuild `measures` and `measure_events` from every signal row and its article; write changes.

    When the builder's input (signal rows, article hashes and dates) is what this process last
    built for this DATA, the tables and pages it wrote then are still right: nothing is read again
    (``reuse=False`` builds anyway).
    """
    folder = str(Path(store.root).resolve())
    key = measure_inputs_key(store.root)
    last = _BUILT.get(folder)
    if reuse and last is not None and last[0] == key and _still_stored(store, last[1]):
        return last[1]
    articles, signals = read_measure_inputs(store.root, AI_TERM_PREFILTER)
    tables = build_measures(articles, signals)
    write_measures(store, tables.measures, tables.events)
    write_measure_pages(
        store.root,
        render_measures_markdown(tables.measures, tables.events, tables.as_of),
        render_measures_html(tables.measures, tables.events, tables.as_of),
    )
    _BUILT[folder] = (key, tables)
    return tables


def _still_stored(store: Store, tables: MeasureTables) -> bool:
    """Return whether DATA still holds those measures and both pages (else they are rebuilt)."""
    pages = Path(store.root) / "digests"
    ids = {m.measure_id for m in tables.measures}
    return (
        (pages / "measures.md").is_file()
        and (pages / "measures.html").is_file()
        and store.dataset.keys("measures") == ids
        and store.dataset.keys("measure_events") == {e.measure_id for e in tables.events}
    )


def publish_measures(
    measures: list[Measure], events: list[MeasureEvent], as_of: date | None = None
) -> None:
    """Record the measure table artifact (key ``measures``): the rows of measures.md."""
    from prefect.artifacts import create_table_artifact

    create_table_artifact(
        table=list(measure_table(measures, events, as_of)),
        key="measures",
        description="Tracked AI-policy measures",
    )


@flow(name="measures", validate_parameters=True)
def measures_flow(data: Data = None) -> dict[str, Any] | State[Any]:
    """Rebuild the measure tables of DATA from its signal rows, and record their artifact.

    Args:
        data: DATA folder or s3://bucket/prefix (default: $RADAR_DATA, the Prefect Variable
            radar_data, else ./radar-data).
    """
    try:
        data_dir = data_location(data)
        check_data_held(data_dir)
        apply_s3_credentials(data_dir)
    except ConfigError as exc:
        return refuse(exc)
    store = writer_store(data_dir)
    with store.session():
        as_of = rebuild_measures(store).as_of
        measures, events = read_measures(store.root)  # what is stored now
    publish_measures(measures, events, as_of)
    get_run_logger().info("measures: %d measures, %d events", len(measures), len(events))
    return {"measures": len(measures), "events": len(events)}


def newest_week_with_items(store: Store) -> str | None:
    """Return the newest week that has `digest_items` rows, or None."""
    weeks = {
        week
        for _, table in store.dataset.read("digest_items", ["week"])
        for week in table.column("week").to_pylist()
    }
    return max(weeks) if weeks else None


def item_table(rows: list[DigestItem]) -> list[dict[str, Any]]:
    """Return digest rows as the table artifact's records."""
    return [
        {
            "rank": r.rank,
            "new": "yes" if r.is_new else "update",
            "type": r.signal_type,
            "headline": r.headline,
            "amount_usd": format_usd(r.amount_usd),
            "outlets": r.n_outlets,
            "articles": r.n_articles,
            "first_seen": r.first_seen.isoformat(),
        }
        for r in rows
    ]


@task(
    name="write-digest",
    cache_policy=NO_CACHE,
    task_run_name="digest-{request.week}",
    retries=2,
    retry_delay_seconds=30,
    retry_condition_fn=retry_unless_our_error,
    timeout_seconds=DIGEST_TIMEOUT_S,
)
def write_digest_task(request: DigestRequest, data: str) -> DigestResult:
    """Build and write one week's digest (one coarse task; safe to retry, it rewrites the week)."""
    return write_week(request, data)


def digest_run_name() -> str:
    """Return a digest run's name: ``digest-`` and the week it writes."""
    from prefect.runtime import flow_run

    params = flow_run.parameters
    week = params.get("week")
    if not week and isinstance(params.get("request"), DigestRequest):
        week = params["request"].week
    if not week:
        try:
            week = check_digest(None, params.get("timezone"), flow_run.scheduled_start_time).week
        except ConfigError:
            return "digest-bad-parameters"
    return f"digest-{str(week).strip()}"


@flow(name="digest", validate_parameters=True, flow_run_name=digest_run_name)
def digest_flow(
    week: Week = None, data: Data = None, timezone: TimezoneParam = None
) -> dict[str, Any] | State[Any]:
    """Write the weekly digest of AI-policy signals for one ISO week.

    Args:
        week: ISO week like 2025-W02 (default: the last complete week in the timezone).
        data: DATA folder or s3://bucket/prefix (default: $RADAR_DATA, the Prefect Variable
            radar_data, else ./radar-data).
        timezone: IANA timezone the weeks are counted in (default: $RADAR_TIMEZONE, else UTC).
    """
    try:
        request = check_digest(week, timezone)
        data_dir = data_location(data)
        check_data_held(data_dir)
        apply_s3_credentials(data_dir)
    except ConfigError as exc:
        return refuse(exc)
    return digest_checked.fn(request, data_dir)


@flow(name="digest", validate_parameters=False, flow_run_name=digest_run_name)
def digest_checked(request: DigestRequest, data: str) -> dict[str, Any]:
    """Write a checked week's digest (the CLI, a backfill), then its artifacts."""
    logger = get_run_logger()
    result = write_digest_task(request, data)
    latest = bool(result.rows) and result.newest_with_items == result.week
    publish_digest(
        result.week, result.markdown, item_table(result.rows), digest_summary(result), latest
    )
    publish_measures(result.measures, result.measure_events, result.measures_as_of)
    logger.info(
        "digest %s: %d new items, %d updates from %d signals -> %s%s",
        result.week,
        result.n_new,
        result.n_updates,
        result.n_signals,
        result.html_location,
        " (quiet week)" if not result.rows else "",
    )
    return result.summary()


def digest_summary(result: DigestResult) -> str:
    """Return the run-level summary of a digest run (Markdown)."""
    lines = [
        f"# Digest {result.week}",
        "",
        "| new items | updates | signals | articles |",
        "|---:|---:|---:|---:|",
        f"| {result.n_new} | {result.n_updates} | {result.n_signals} | {result.n_articles} |",
        "",
        f"- Digest: {ui_link(week_key(result.week))} (`{result.markdown_location}`, "
        f"`{result.html_location}`)",
    ]
    if not result.rows:
        lines.append("- Quiet week: kept out of `latest-digest`.")
    elif result.newest_with_items == result.week:
        lines.append(f"- Newest week with items: also {ui_link(LATEST_KEY)}.")
    return "\n".join(lines) + "\n"
