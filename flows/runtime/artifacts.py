"""Prefect artifacts of our runs: a summary per run, progress on long runs, digests by week.

Keys: ``ingest-summary``, ``backfill-summary``, ``digest-summary`` (one per run, versioned by
Prefect under the key), ``backfill-progress``, ``digest-2025-w04`` and ``digest-items-2025-w04``
(one per week), and ``latest-digest``: the newest week whose digest has items.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast
from uuid import UUID

LATEST_KEY = "latest-digest"
INGEST_KEY = "ingest-summary"
BACKFILL_KEY = "backfill-summary"
DIGEST_KEY = "digest-summary"
BACKFILL_PROGRESS_KEY = "backfill-progress"
COLUMNS = (
    ("source", "source"),
    ("found", "found"),
    ("unchanged", "unchanged"),
    ("extracted", "extracted"),
    ("rejected", "rejected"),
    ("signals", "signals"),
    ("new_articles", "new articles"),
    ("updated_articles", "updated"),
    ("out_of_range", "out of range"),
    ("signal_errors", "signal errors"),
)


def week_key(week: str, prefix: str = "digest") -> str:
    """Return the artifact key of one week (keys are lowercase): ``digest-2025-w04``."""
    return f"{prefix}-{week.strip().lower()}"


def ui_link(key: str) -> str:
    """Return a Markdown link to an artifact key in the Prefect UI (plain key when none is set)."""
    from prefect.settings import PREFECT_UI_URL

    base = PREFECT_UI_URL.value()
    return f"[{key}]({str(base).rstrip('/')}/artifacts/key/{key})" if base else f"`{key}`"


def summary_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """Return one source's run counters under the summary's column names."""
    return {
        "source": row["source"],
        "found": int(row.get("discovered", 0)),
        "unchanged": int(row.get("not_modified", 0)),
        "extracted": int(row.get("extracted", 0)),
        "rejected": int(row.get("rejected", 0)),
        "signals": int(row.get("new_signals", 0)),
        "new_articles": int(row.get("new_articles", 0)),
        "updated_articles": int(row.get("updated_articles", 0)),
        "out_of_range": int(row.get("out_of_range", 0)),
        "signal_errors": int(row.get("signal_errors", 0)),
        "rejects": row.get("rejects", "-"),
        "error": row.get("error") or "",
    }


def add_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return per-source totals of several runs' summary rows (sources in first-seen order)."""
    totals: dict[str, dict[str, Any]] = {}
    for row in rows:
        seen = totals.setdefault(row["source"], {"source": row["source"], "error": ""})
        for key, _ in COLUMNS[1:]:
            seen[key] = int(seen.get(key, 0)) + int(row.get(key, 0))
        seen["error"] = row.get("error") or seen["error"]
    return list(totals.values())


def source_table(rows: Sequence[Mapping[str, Any]]) -> str:
    """Return the per-source counters as a Markdown table (errors listed below it)."""
    if not rows:
        return "No sources."
    head = "| " + " | ".join(label for _, label in COLUMNS) + " |"
    lines = [head, "|---|" + "---:|" * (len(COLUMNS) - 1)]
    for row in rows:
        lines.append("| " + " | ".join(str(row[key]) for key, _ in COLUMNS) + " |")
    lines += [f"\n**{row['source']} failed:** {row['error']}" for row in rows if row.get("error")]
    return "\n".join(lines)


def _markdown(key: str, markdown: str, description: str) -> None:
    from prefect.artifacts import create_markdown_artifact

    create_markdown_artifact(markdown=markdown, key=key, description=description)


def publish_ingest_summary(rows: Sequence[Mapping[str, Any]], title: str) -> None:
    """Record the run-level summary of one ingest run (``ingest-summary``)."""
    table = [summary_row(r) for r in rows]
    _markdown(INGEST_KEY, f"# {title}\n\n{source_table(table)}\n", title)


@dataclass(slots=True)
class DigestLink:
    """One week a run wrote: where its files are and whether it had items."""

    week: str
    markdown: str
    items: int


@dataclass(slots=True)
class BackfillReport:
    """What a backfill did, built up window by window, then published."""

    since: str
    until: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    digests: list[DigestLink] = field(default_factory=list)

    def markdown(self) -> str:
        """Return the summary: per-source totals over every window, then every week's digest."""
        lines = [f"# Backfill {self.since} to {self.until}", "", source_table(add_rows(self.rows))]
        lines += ["", "## Digests", ""]
        for link in self.digests:
            what = f"{link.items} items" if link.items else "quiet week"
            lines.append(
                f"- {link.week}: {what}, {ui_link(week_key(link.week))}, `{link.markdown}`"
            )
        if not self.digests:
            lines.append("None.")
        return "\n".join(lines) + "\n"

    def publish(self) -> None:
        """Record the run-level summary (``backfill-summary``)."""
        _markdown(BACKFILL_KEY, self.markdown(), f"Backfill {self.since}..{self.until}")


def publish_digest(
    week: str, markdown: str, items: list[dict[str, Any]], summary: str, latest: bool
) -> None:
    """Record a week's digest under its own keys, the run summary, and latest-digest if newest."""
    from prefect.artifacts import create_table_artifact

    _markdown(week_key(week), markdown, f"Weekly digest {week}")
    create_table_artifact(
        table=items, key=week_key(week, "digest-items"), description=f"Digest items {week}"
    )
    if latest:
        _markdown(LATEST_KEY, markdown, f"Newest weekly digest with items: {week}")
    _markdown(DIGEST_KEY, summary, f"Digest run {week}")


class Progress:
    """A progress artifact for a run made of a known number of steps (windows, then weeks)."""

    def __init__(self, key: str, steps: int) -> None:
        from prefect.artifacts import create_progress_artifact

        self.steps, self.done = max(1, steps), 0
        made = create_progress_artifact(0.0, key=key, description=f"0 of {self.steps} steps")
        self.id = cast(UUID, made)

    def step(self, what: str) -> None:
        """Count one step done and update the artifact."""
        from prefect.artifacts import update_progress_artifact

        self.done = min(self.steps, self.done + 1)
        percent = round(100.0 * self.done / self.steps, 1)
        update_progress_artifact(
            self.id, percent, description=f"{self.done} of {self.steps} steps; last: {what}"
        )
