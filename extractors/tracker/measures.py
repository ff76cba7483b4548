"""What the measures page shows: one line per measure, its status and its dated timeline.

Shared by the Markdown page, the HTML page and the Prefect table artifact. Inputs are the rows of
the `measures` and `measure_events` tables; rows outside the contract raise ValueError.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from extractors.digest.headline import jurisdiction_name
from extractors.digest.markdown import escape_md
from extractors.rows import MEASURE_KINDS, MEASURE_STATUSES, Measure, MeasureEvent

PAGE_TITLE = "AI policy measures: where each one stands"
STATUS_LABELS = {s: s.replace("_", " ") for s in MEASURE_STATUSES}
KIND_LABELS = {k: k.replace("_", " ") for k in MEASURE_KINDS}
NO_JURISDICTION = "unknown"
TABLE_COLUMNS = ("measure", "name_zh", "kind", "jurisdiction", "status", "since", "timeline")
HEADERS = ("Measure", "Chinese name", "Kind", "Jurisdiction", "Status", "Since", "Timeline")


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One status on one date (or undated), with how many event rows report it."""

    status: str
    day: date | None
    n_reports: int
    evidence: str
    article_ids: tuple[str, ...]
    scheduled: bool = False  # dated after the page's reference day: still to come

    @property
    def label(self) -> str:
        """Return the event as short text: '2024-08-01 in force', '2026-08-02 in force (scheduled)'."""
        when = self.day.isoformat() if self.day else "undated"
        return f"{when} {STATUS_LABELS[self.status]}" + (" (scheduled)" if self.scheduled else "")


@dataclass(frozen=True, slots=True)
class MeasureLine:
    """One measure with its timeline, oldest event first (undated events last)."""

    measure: Measure
    events: tuple[TimelineEvent, ...]

    @property
    def upcoming(self) -> TimelineEvent | None:
        """Return the next scheduled event, or None."""
        return next((e for e in self.events if e.scheduled), None)

    @property
    def name(self) -> str:
        """Return the measure's display name: English, else Chinese, else its id."""
        return self.measure.name_en or self.measure.name_zh or self.measure.measure_id

    @property
    def jurisdiction(self) -> str:
        """Return the jurisdiction code used for filtering ('unknown' when absent)."""
        return self.measure.jurisdiction or NO_JURISDICTION

    @property
    def jurisdiction_label(self) -> str:
        """Return the jurisdiction's display name."""
        code = self.measure.jurisdiction
        return jurisdiction_name(code) if code else NO_JURISDICTION

    @property
    def kind_label(self) -> str:
        """Return the kind's display name."""
        return KIND_LABELS[self.measure.kind]

    @property
    def status_text(self) -> str:
        """Return the current status with its date: 'in force since 2024-08-01'."""
        label = STATUS_LABELS[self.measure.status]
        since = self.measure.status_since
        return f"{label} since {since.isoformat()}" if since else f"{label} (date unknown)"

    @property
    def timeline_text(self) -> str:
        """Return the timeline as one line of text, oldest first."""
        return " → ".join(e.label for e in self.events) or "no dated events"


def _check(measure: Measure) -> None:
    if measure.kind not in KIND_LABELS:
        raise ValueError(f"measure {measure.measure_id!r} has unknown kind {measure.kind!r}")
    if measure.status not in STATUS_LABELS:
        raise ValueError(f"measure {measure.measure_id!r} has unknown status {measure.status!r}")


def _timeline(events: Sequence[MeasureEvent], as_of: date | None) -> tuple[TimelineEvent, ...]:
    """Merge event rows reporting the same status on the same date; order by date.

    Events dated after ``as_of`` are marked scheduled (None: nothing is).
    """
    groups: dict[tuple[str, date | None], list[MeasureEvent]] = {}
    for event in events:
        groups.setdefault((event.status, event.event_date), []).append(event)
    merged = [
        TimelineEvent(
            status=status,
            day=day,
            n_reports=len(group),
            evidence=min(group, key=lambda e: e.event_id).evidence,
            article_ids=tuple(sorted({e.article_id for e in group})),
            scheduled=as_of is not None and day is not None and day > as_of,
        )
        for (status, day), group in groups.items()
    ]
    order = {s: i for i, s in enumerate(MEASURE_STATUSES)}
    return tuple(sorted(merged, key=lambda e: (e.day is None, e.day or date.min, order[e.status])))


def measure_lines(
    measures: Sequence[Measure], events: Sequence[MeasureEvent], as_of: date | None = None
) -> list[MeasureLine]:
    """Return one line per measure, latest status change first, then by name.

    ``as_of`` is the day the statuses hold on (`MeasureTables.as_of`); later events are scheduled.
    """
    by_id: dict[str, list[MeasureEvent]] = {}
    for measure in measures:
        _check(measure)
        if measure.measure_id in by_id:
            raise ValueError(f"measure {measure.measure_id!r} appears twice")
        by_id[measure.measure_id] = []
    for event in events:
        if event.measure_id not in by_id:
            raise ValueError(f"event {event.event_id!r} names unknown measure {event.measure_id!r}")
        if event.status not in STATUS_LABELS:
            raise ValueError(f"event {event.event_id!r} has unknown status {event.status!r}")
        by_id[event.measure_id].append(event)
    lines = [MeasureLine(m, _timeline(by_id[m.measure_id], as_of)) for m in measures]
    lines.sort(key=lambda ln: (ln.name.casefold(), ln.measure.measure_id))
    lines.sort(key=lambda ln: ln.measure.status_since or ln.measure.last_seen, reverse=True)
    return lines


def measure_table(
    measures: Sequence[Measure], events: Sequence[MeasureEvent], as_of: date | None = None
) -> list[dict[str, str]]:
    """Return the measures as table records (the Prefect table artifact), plain text."""
    return [
        {
            "measure": ln.name,
            "name_zh": ln.measure.name_zh or "",
            "kind": ln.kind_label,
            "jurisdiction": ln.jurisdiction_label,
            "status": STATUS_LABELS[ln.measure.status],
            "since": ln.measure.status_since.isoformat() if ln.measure.status_since else "",
            "timeline": ln.timeline_text,
        }
        for ln in measure_lines(measures, events, as_of)
    ]


def as_of_text(as_of: date | None) -> str:
    """Return the sentence saying which day the statuses hold on ('' when none is given)."""
    if as_of is None:
        return ""
    return (
        f"Statuses as of {as_of.isoformat()} (the newest article); "
        "events dated later are marked scheduled."
    )


def render_measures_markdown(
    measures: Sequence[Measure], events: Sequence[MeasureEvent], as_of: date | None = None
) -> str:
    """Return measures.md: one table row per measure with its status and timeline."""
    records = measure_table(measures, events, as_of)
    lines = [f"# {PAGE_TITLE}", ""]
    if not records:
        lines += ["No measures found yet.", ""]
        return "\n".join(lines)
    lines += [
        f"{len(records)} measures, the latest status change first. Statuses: "
        + ", ".join(STATUS_LABELS[s] for s in MEASURE_STATUSES)
        + "."
        + (" " + as_of_text(as_of) if as_of else ""),
        "",
        "| " + " | ".join(HEADERS) + " |",
        "|" + "---|" * len(TABLE_COLUMNS),
    ]
    lines += [
        "| " + " | ".join(escape_md(rec[col]) for col in TABLE_COLUMNS) + " |" for rec in records
    ]
    return "\n".join(lines) + "\n"
