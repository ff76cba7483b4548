"""The read side: lazy polars scans of the tables, pruned to the partitions a window needs."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl

from extractors.digest.model import ArticleRef, Mention, PastMention, WeekInput
from extractors.digest.weeks import iso_week_of, shift_week, utc_bounds, week_days
from extractors.rows import Article, Measure, MeasureEvent, Signal
from storage.damaged import damage_named
from storage.keyindex import first_seen_before, polars_schema
from storage.schema import TABLES

UNDATED = "year=0000/month=00"
LOOKBACK_WEEKS = 26
CHART_WEEKS = 8
ARTICLE_COLUMNS = (
    "article_id",
    "source",
    "url",
    "path",
    "title",
    "outlet",
    "published_at",
    "fetched_at",
    "language",
    "near_duplicate_of",
)
SIGNAL_FIELDS = tuple(TABLES["signals"].schema.names)


def _root(root: Path | str, *_: object, **__: object) -> Path | str:
    """Return the DATA root a reader was given (its first argument)."""
    return root


def _empty(table: str) -> pl.LazyFrame:
    return pl.LazyFrame(schema=polars_schema(table))


def table_files(
    root: Path | str, table: str, partitions: Iterable[str] | None = None
) -> list[Path]:
    """Return a table's Parquet files, only those of the partitions named when given."""
    base = Path(root) / TABLES[table].folder
    folders = [base] if partitions is None else [base / p for p in sorted(set(partitions))]
    files: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            pattern = "**/*.parquet" if partitions is None else "*.parquet"
            files += [p for p in folder.glob(pattern) if not p.name.startswith((".", "_"))]
    return sorted(files)


def scan_table(root: Path | str, table: str) -> pl.LazyFrame:
    """Return a lazy scan of a whole table with its hive columns (year, month) for pruning."""
    base = Path(root) / TABLES[table].folder
    if not table_files(root, table):
        return _empty(table)
    return pl.scan_parquet(
        base / "**" / "*.parquet",
        hive_partitioning=True,
        schema=polars_schema(table),
        missing_columns="insert",
        extra_columns="ignore",
    )


def scan_partitions(root: Path | str, table: str, partitions: Iterable[str]) -> pl.LazyFrame:
    """Return a lazy scan of only the partitions named (no other file is opened)."""
    files = table_files(root, table, partitions)
    if not files:
        return _empty(table)
    return pl.scan_parquet(
        files,
        hive_partitioning=False,
        schema=polars_schema(table),
        missing_columns="insert",
        extra_columns="ignore",
    )


def month_partitions(start: datetime, end: datetime) -> list[str]:
    """Return the ``year=YYYY/month=MM`` partitions overlapping the UTC instants [start, end)."""
    first = start.astimezone(UTC)
    last = (end - timedelta(microseconds=1)).astimezone(UTC)
    out: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append(f"year={year:04d}/month={month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _local_day(column: str, timezone: str) -> pl.Expr:
    return pl.col(column).dt.convert_time_zone(timezone).dt.date()


def _articles_in(root: Path | str, start: datetime, end: datetime, timezone: str) -> pl.LazyFrame:
    """Articles whose published_at (else fetched_at) falls in [start, end), with a local day."""
    when = pl.coalesce(pl.col("published_at"), pl.col("fetched_at"))
    return (
        scan_partitions(root, "articles", month_partitions(start, end))
        .select(ARTICLE_COLUMNS)
        .with_columns(when.alias("when"))
        .filter((pl.col("when") >= start) & (pl.col("when") < end))
        .with_columns(_local_day("when", timezone).alias("day"))
    )


def _signals_of(root: Path | str, start: datetime, end: datetime) -> pl.LazyFrame:
    """Signals stored in the month partitions of [start, end) plus the undated partition."""
    return scan_partitions(root, "signals", [*month_partitions(start, end), UNDATED])


def read_mentions(root: Path | str, start: datetime, end: datetime, timezone: str) -> list[Mention]:
    """Return the signals of the articles dated in [start, end), each with its article."""
    articles = _articles_in(root, start, end, timezone).collect()
    if articles.height == 0:
        return []
    ids = articles.get_column("article_id").unique()
    signals = (
        _signals_of(root, start, end)
        .select(SIGNAL_FIELDS)
        .filter(pl.col("article_id").is_in(ids.implode()))
        .collect()
    )
    refs = {rec["article_id"]: _article_ref(rec) for rec in articles.iter_rows(named=True)}
    mentions = [
        Mention(Signal(**rec), refs[rec["article_id"]]) for rec in signals.iter_rows(named=True)
    ]
    return sorted(mentions, key=lambda m: (m.day, m.signal.signal_id))


def _article_ref(rec: dict[str, Any]) -> ArticleRef:
    return ArticleRef(
        article_id=rec["article_id"],
        day=rec["day"],
        source=rec["source"],
        outlet=rec["outlet"],
        title=rec["title"],
        url=rec["url"],
        path=rec["path"],
        language=rec["language"] or "",
        near_duplicate_of=rec["near_duplicate_of"],
    )


def first_seen_by_key(
    root: Path | str, keys: Iterable[str], before: datetime, timezone: str
) -> dict[str, date]:
    """Return the earliest local day of each dedupe key before an instant (two columns read)."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    hits = (
        scan_table(root, "signals")
        .select("dedupe_key", pl.coalesce("published_at", "fetched_at").alias("when"))
        .filter(pl.col("dedupe_key").is_in(wanted) & (pl.col("when") < before))
        .group_by("dedupe_key")
        .agg(pl.col("when").min())
        .with_columns(_local_day("when", timezone).alias("day"))
        .collect()
    )
    return {rec["dedupe_key"]: rec["day"] for rec in hits.iter_rows(named=True)}


def read_history(
    root: Path | str, types: Iterable[str], before: datetime, weeks: int, timezone: str
) -> list[PastMention]:
    """Return compact earlier signals with an amount, of the given types, in the lookback."""
    since = before - timedelta(weeks=weeks)
    frame = (
        scan_partitions(root, "signals", month_partitions(since, before))
        .select(
            "dedupe_key",
            "signal_type",
            "actors",
            "amount_usd",
            pl.coalesce("published_at", "fetched_at").alias("when"),
        )
        .filter(
            pl.col("signal_type").is_in(sorted(set(types)))
            & pl.col("amount_usd").is_not_null()
            & (pl.col("when") >= since)
            & (pl.col("when") < before)
        )
        .with_columns(_local_day("when", timezone).alias("day"))
        .collect()
    )
    return [
        PastMention(
            r["dedupe_key"], r["signal_type"], tuple(r["actors"]), r["amount_usd"], r["day"]
        )
        for r in frame.sort("day", "dedupe_key").iter_rows(named=True)
    ]


def weekly_counts(
    root: Path | str, week: str, timezone: str, weeks: int = CHART_WEEKS
) -> dict[str, dict[str, int]]:
    """Return signal counts per ISO week and type for the weeks ending with ``week``."""
    first, _ = week_days(shift_week(week, 1 - weeks))
    _, last = week_days(week)
    start, end = utc_bounds(first, last, timezone)
    articles = _articles_in(root, start, end, timezone).select("article_id", "day")
    counts = (
        _signals_of(root, start, end)
        .select("article_id", "signal_type")
        .join(articles, on="article_id", how="inner")
        .group_by("day", "signal_type")
        .agg(pl.len().alias("n"))
        .collect()
    )
    out: dict[str, dict[str, int]] = {}
    for rec in counts.iter_rows(named=True):
        per_week = out.setdefault(iso_week_of(rec["day"]), {})
        per_week[rec["signal_type"]] = per_week.get(rec["signal_type"], 0) + int(rec["n"])
    return out


def _first_seen(
    root: Path | str, keys: set[str], before: datetime, timezone: str
) -> dict[str, date]:
    """Use the incremental key index; fall back to a projected scan if it cannot be read."""
    try:
        return first_seen_before(root, keys, before, timezone)
    except (OSError, pl.exceptions.PolarsError):
        return first_seen_by_key(root, keys, before, timezone)


@damage_named(_root)
def read_week(
    root: Path | str,
    week: str,
    timezone: str = "UTC",
    actor_kinds: dict[str, str] | None = None,
    lookback_weeks: int = LOOKBACK_WEEKS,
) -> WeekInput:
    """Return everything the digest of one week needs, touching only the partitions it must."""
    first, last = week_days(week)
    start, end = utc_bounds(first, last, timezone)
    mentions = read_mentions(root, start, end, timezone)
    keys = {m.signal.dedupe_key for m in mentions}
    types = {m.signal.signal_type for m in mentions}
    return WeekInput(
        week=week,
        first_day=first,
        last_day=last,
        timezone=timezone,
        mentions=mentions,
        first_seen_by_key=_first_seen(root, keys, start, timezone),
        history=read_history(root, types, start, lookback_weeks, timezone) if types else [],
        weekly_counts=weekly_counts(root, week, timezone),
        actor_kinds=dict(actor_kinds or {}),
    )


@damage_named(_root)
def read_measure_inputs(root: Path | str, prefilter: str) -> tuple[list[Article], list[Signal]]:
    """Return the measure builder's input: every signal row, and the articles that can name an AI measure.

    Those are the articles with signal rows and, of the others, only those whose text (or its
    Simplified copy) matches `prefilter` (the builder's AI-term regex, matched by polars before
    any row becomes an `Article`): no other article can give a mention the builder keeps.
    """
    signals = scan_table(root, "signals").select(SIGNAL_FIELDS).collect()
    ids = signals.get_column("article_id").unique()
    text = pl.col("text").str.contains(prefilter)
    hans = pl.col("text_hans").fill_null("").str.contains(prefilter)
    articles = (
        scan_table(root, "articles")
        .select(TABLES["articles"].schema.names)
        .filter(pl.col("article_id").is_in(ids.implode()) | text | hans)
        .unique("article_id", keep="first")
        .collect()
    )
    return (
        [Article(**rec) for rec in articles.iter_rows(named=True)],
        [Signal(**rec) for rec in signals.iter_rows(named=True)],
    )


@damage_named(_root)
def measure_inputs_key(root: Path | str) -> str:
    """Return a digest of the measure builder's input, read without any article text.

    It covers every signal row and, of every article (any may name a measure), the id, the hash
    of the text, the extractor version and the publication time: equal keys mean equal input.
    """
    signals = scan_table(root, "signals").select(SIGNAL_FIELDS).collect().sort("signal_id")
    articles = (
        scan_table(root, "articles")
        .select("article_id", "content_hash", "extractor_version", "published_at")
        .unique("article_id", keep="first")
        .collect()
        .sort("article_id")
    )
    digest = hashlib.sha256()
    for frame in (signals, articles):
        digest.update(frame.write_json().encode("utf-8"))
    return digest.hexdigest()


@damage_named(_root)
def read_measures(root: Path | str) -> tuple[list[Measure], list[MeasureEvent]]:
    """Return the stored `measures` and `measure_events` rows, sorted by id."""
    measures = scan_table(root, "measures").select(TABLES["measures"].schema.names).collect()
    events = (
        scan_table(root, "measure_events").select(TABLES["measure_events"].schema.names).collect()
    )
    return (
        [Measure(**r) for r in measures.sort("measure_id").iter_rows(named=True)],
        [MeasureEvent(**r) for r in events.sort("measure_id", "event_id").iter_rows(named=True)],
    )
