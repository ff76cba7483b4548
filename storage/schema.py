"""The Parquet data contract: one pyarrow schema per table, mirroring one row dataclass."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

import pyarrow as pa

from extractors.rows import Article, DigestItem, Measure, MeasureEvent, Reject, Signal
from storage.state import PageState

SCHEMA_VERSION = "1"
TS = pa.timestamp("us", tz="UTC")
STRINGS = pa.list_(pa.string())

Partitioning = Literal["month", "year", "none"]


def _schema(table: str, fields: list[pa.Field]) -> pa.Schema:
    meta = {
        b"policy_radar.table": table.encode(),
        b"policy_radar.schema_version": SCHEMA_VERSION.encode(),
    }
    return pa.schema(fields, metadata=meta)


ARTICLES = _schema(
    "articles",
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("path", pa.string()),
        pa.field("title", pa.string()),
        pa.field("author", pa.string()),
        pa.field("outlet", pa.string()),
        pa.field("published_at", TS),
        pa.field("fetched_at", TS, nullable=False),
        pa.field("language", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("text_hans", pa.string()),
        pa.field("content_hash", pa.string(), nullable=False),
        pa.field("extractor_version", pa.string(), nullable=False),
        pa.field("near_duplicate_of", pa.string()),
        pa.field("simhash", pa.int64()),
        pa.field("raw_hash", pa.string()),
    ],
)

SIGNALS = _schema(
    "signals",
    [
        pa.field("signal_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("signal_type", pa.string(), nullable=False),
        pa.field("actors", STRINGS, nullable=False),
        pa.field("jurisdictions", STRINGS, nullable=False),
        pa.field("amount_value", pa.float64()),
        pa.field("amount_currency", pa.string()),
        pa.field("amount_usd", pa.float64()),
        pa.field("evidence", pa.string(), nullable=False),
        pa.field("evidence_start", pa.int32(), nullable=False),
        pa.field("evidence_end", pa.int32(), nullable=False),
        pa.field("confidence", pa.float64(), nullable=False),
        pa.field("dedupe_key", pa.string(), nullable=False),
        pa.field("published_at", TS),
        pa.field("amount_qualifier", pa.string()),
        pa.field("fx_rate", pa.float64()),
        pa.field("fx_year", pa.int32()),
        pa.field("period_start", pa.date32()),
        pa.field("period_end", pa.date32()),
        pa.field("source", pa.string()),
        pa.field("extractor_version", pa.string(), nullable=False),
        pa.field("fetched_at", TS),
        pa.field("targets", STRINGS, nullable=False),
    ],
)

REJECTS = _schema(
    "rejects",
    [
        pa.field("reject_id", pa.string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("path", pa.string()),
        pa.field("url", pa.string()),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("detail", pa.string(), nullable=False),
        pa.field("seen_at", TS, nullable=False),
        pa.field("raw_hash", pa.string()),
    ],
)

DIGEST_ITEMS = _schema(
    "digest_items",
    [
        pa.field("week", pa.string(), nullable=False),
        pa.field("item_id", pa.string(), nullable=False),
        pa.field("rank", pa.int32(), nullable=False),
        pa.field("signal_type", pa.string(), nullable=False),
        pa.field("headline", pa.string(), nullable=False),
        pa.field("actors", STRINGS, nullable=False),
        pa.field("jurisdictions", STRINGS, nullable=False),
        pa.field("amount_usd", pa.float64()),
        pa.field("n_articles", pa.int32(), nullable=False),
        pa.field("n_outlets", pa.int32(), nullable=False),
        pa.field("first_seen", pa.date32(), nullable=False),
        pa.field("is_new", pa.bool_(), nullable=False),
        pa.field("signal_ids", STRINGS, nullable=False),
        pa.field("article_ids", STRINGS, nullable=False),
        pa.field("evidence", pa.string(), nullable=False),
    ],
)

MEASURES = _schema(
    "measures",
    [
        pa.field("measure_id", pa.string(), nullable=False),
        pa.field("name_en", pa.string()),
        pa.field("name_zh", pa.string()),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("jurisdiction", pa.string()),
        pa.field("actors", STRINGS, nullable=False),
        pa.field("first_seen", pa.date32(), nullable=False),
        pa.field("status", pa.string(), nullable=False),
        pa.field("status_since", pa.date32()),
        pa.field("last_seen", pa.date32(), nullable=False),
        pa.field("aliases", STRINGS, nullable=False),
    ],
)

MEASURE_EVENTS = _schema(
    "measure_events",
    [
        pa.field("event_id", pa.string(), nullable=False),
        pa.field("measure_id", pa.string(), nullable=False),
        pa.field("status", pa.string(), nullable=False),
        pa.field("event_date", pa.date32()),
        pa.field("date_source", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("evidence", pa.string(), nullable=False),
        pa.field("evidence_start", pa.int32(), nullable=False),
        pa.field("evidence_end", pa.int32(), nullable=False),
        pa.field("signal_id", pa.string()),
        pa.field("published_at", TS),
    ],
)

PAGES = _schema(
    "pages",
    [
        pa.field("page_key", pa.string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("locator", pa.string(), nullable=False),
        pa.field("raw_hash", pa.string()),
        pa.field("content_type", pa.string()),
        pa.field("etag", pa.string()),
        pa.field("last_modified", pa.string()),
        pa.field("fetched_at", TS, nullable=False),
        pa.field("extractor_version", pa.string(), nullable=False),
        pa.field("outcome", pa.string(), nullable=False),
        pa.field("article_id", pa.string()),
        pa.field("published_at", TS),
    ],
)


@dataclass(frozen=True, slots=True)
class TableSpec:
    """How one table is stored: its schema, row type, key, group and partitioning."""

    name: str
    schema: pa.Schema
    row_type: type[Any]
    key: str
    group: str
    partitioning: Partitioning
    date_column: str
    fallback_date_column: str | None = None
    directory: str = ""
    volatile: tuple[str, ...] = ()

    @property
    def folder(self) -> str:
        """Return the table's folder below DATA."""
        return self.directory or self.name


TABLES: dict[str, TableSpec] = {
    "articles": TableSpec(
        "articles",
        ARTICLES,
        Article,
        "article_id",
        "article_id",
        "month",
        "published_at",
        "fetched_at",
    ),
    "signals": TableSpec(
        "signals", SIGNALS, Signal, "signal_id", "article_id", "month", "published_at", "fetched_at"
    ),
    "rejects": TableSpec(
        "rejects",
        REJECTS,
        Reject,
        "reject_id",
        "reject_id",
        "month",
        "seen_at",
        volatile=("seen_at",),
    ),
    "digest_items": TableSpec(
        "digest_items", DIGEST_ITEMS, DigestItem, "item_id", "week", "year", "week_date"
    ),
    # A measure and its events are one group: rebuilding a measure rewrites both, nothing else.
    "measures": TableSpec(
        "measures", MEASURES, Measure, "measure_id", "measure_id", "year", "first_seen"
    ),
    "measure_events": TableSpec(
        "measure_events",
        MEASURE_EVENTS,
        MeasureEvent,
        "event_id",
        "measure_id",
        "year",
        "event_date",
        "published_at",
    ),
    "pages": TableSpec(
        "pages",
        PAGES,
        PageState,
        "page_key",
        "page_key",
        "none",
        "fetched_at",
        directory="state/pages",
    ),
}


def to_arrow(spec: TableSpec, rows: list[Any]) -> pa.Table:
    """Return rows (dataclass instances of the table's row type) as an Arrow table."""
    names = spec.schema.names
    columns = {name: [getattr(row, name) for row in rows] for name in names}
    return pa.Table.from_pydict(columns, schema=spec.schema)


def from_arrow(spec: TableSpec, table: pa.Table) -> list[Any]:
    """Return the rows of an Arrow table as the table's dataclass instances."""
    names = [f.name for f in dataclasses.fields(spec.row_type)]
    present = [n for n in names if n in table.column_names]
    return [
        spec.row_type(**{n: rec[n] for n in present}) for rec in table.select(present).to_pylist()
    ]


__all__ = [
    "ARTICLES",
    "DIGEST_ITEMS",
    "MEASURES",
    "MEASURE_EVENTS",
    "PAGES",
    "REJECTS",
    "SCHEMA_VERSION",
    "SIGNALS",
    "TABLES",
    "TableSpec",
    "from_arrow",
    "to_arrow",
]
