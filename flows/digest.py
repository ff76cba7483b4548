"""The digest flow: read one ISO week, build the digest, write files, rows and artifacts."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from extractors.digest import build_digest, render_html, render_markdown
from extractors.digest.embed import similar_pairs
from extractors.digest.headline import format_usd
from extractors.digest.weeks import iso_week_of, last_complete_week, parse_week, zone_of
from extractors.digest.weeks import weeks_between as _weeks_between
from extractors.rows import DigestItem
from flows.config import default_data_dir
from flows.runtime import writer_store
from storage.digests import write_digest_files
from storage.read import read_week

ARTIFACT_KEY = "weekly-digest"
TABLE_ARTIFACT_KEY = "weekly-digest-items"
TIMEZONE_ENV = "RADAR_TIMEZONE"


def default_timezone() -> str:
    """Return the configured timezone of digest weeks: $RADAR_TIMEZONE, else UTC."""
    return os.environ.get(TIMEZONE_ENV, "").strip() or "UTC"


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
        }


def weeks_between(since: date, until: date) -> list[str]:
    """Return every ISO week ('YYYY-Www') touching since..until, oldest first."""
    return _weeks_between(since, until)


__all__ = [
    "DigestResult",
    "digest_flow",
    "iso_week_of",
    "parse_week",
    "weeks_between",
    "write_digest",
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
    """Build one week's digest from DATA and write its files and `digest_items` rows."""
    parse_week(week)
    zone_of(timezone)
    week = week.strip()
    store = writer_store(data)
    with store.session():  # writer slot + file lock; on s3: pull first, push files and rows last
        inp = read_week(store.root, week, timezone, actor_kinds())
        digest = build_digest(inp, similar_pairs if embeddings else None)
        markdown = render_markdown(digest)
        md_path, html_path = write_digest_files(store.root, week, markdown, render_html(digest))
        rows = digest.rows()
        store.write_rows("digest_items", rows, replace_groups=[week])
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
    )


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


@task(name="write-digest", cache_policy=NO_CACHE, task_run_name="digest-{week}")
def write_digest_task(data: str, week: str, timezone: str) -> DigestResult:
    """Build and write one week's digest (one coarse task)."""
    return write_digest(data, week, timezone)


@flow(name="digest", validate_parameters=True)
def digest_flow(
    week: str | None = None, data: str | None = None, timezone: str | None = None
) -> dict[str, Any]:
    """Write the weekly digest of AI-policy signals for one ISO week.

    Args:
        week: ISO week like 2025-W02 (default: the last complete week in the timezone).
        data: DATA folder or s3://bucket/prefix (default: $RADAR_DATA or ./radar-data).
        timezone: IANA timezone the weeks are counted in (default: $RADAR_TIMEZONE, else UTC).
    """
    logger = get_run_logger()
    timezone = timezone or default_timezone()
    zone_of(timezone)
    chosen = week.strip() if week else last_complete_week(datetime.now(UTC), timezone)
    parse_week(chosen)
    data_dir = data or default_data_dir()
    result = write_digest_task(data_dir, chosen, timezone)
    create_markdown_artifact(
        markdown=result.markdown, key=ARTIFACT_KEY, description=f"Weekly digest {chosen}"
    )
    create_table_artifact(
        table=item_table(result.rows),
        key=TABLE_ARTIFACT_KEY,
        description=f"Digest items {chosen}",
    )
    logger.info(
        "digest %s: %d new items, %d updates from %d signals -> %s",
        chosen,
        result.n_new,
        result.n_updates,
        result.n_signals,
        result.html_location,
    )
    return result.summary()
