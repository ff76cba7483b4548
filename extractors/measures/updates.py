"""The status changes a digest week reports: new events that move (or extend) a measure's status."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, tzinfo
from zoneinfo import ZoneInfo

from extractors.measures.status import current_status, is_recount, is_scheduled, status_key
from extractors.rows import Measure, MeasureEvent

_PHRASES = {
    "announced": "announced",
    "proposed": "proposed",
    "adopted": "adopted",
    "signed": "signed",
    "in_force": "in force",
    "amended": "amended",
    "suspended": "suspended",
    "revoked": "revoked",
}
# A scheduled event: the text dates it after the week it was reported in.
_SCHEDULED = {
    "announced": "to be announced on",
    "proposed": "to be proposed on",
    "adopted": "to be adopted on",
    "signed": "to be signed on",
    "in_force": "to apply from",
    "amended": "to be amended on",
    "suspended": "to be suspended on",
    "revoked": "to be revoked on",
}
_VERBS = {
    "announced": "announced on",
    "proposed": "proposed on",
    "adopted": "adopted on",
    "signed": "signed on",
    "in_force": "applies from",
    "amended": "amended on",
    "suspended": "suspended on",
    "revoked": "revoked on",
}


@dataclass(frozen=True, slots=True)
class MeasureUpdate:
    """One status event first reported in a week, with the status the measure had before it."""

    measure: Measure
    event: MeasureEvent
    previous: str | None
    previous_since: date | None
    scheduled: bool = False  # dated after the week: announced for later, the status is unchanged


def _reported(event: MeasureEvent, zone: tzinfo = UTC) -> date | None:
    """Return the day an event was reported (its article's publication day in the week's zone)."""
    return event.published_at.astimezone(zone).date() if event.published_at else None


def status_updates(
    measures: Sequence[Measure],
    events: Sequence[MeasureEvent],
    first: date,
    last: date,
    timezone: str = "UTC",
) -> list[MeasureUpdate]:
    """Return the events reported in [first, last] that move a measure's status or schedule a step.

    Days are counted in ``timezone`` (the digest's: an article is in the week its items are).
    Statuses are as of ``last``: an event the text dates after the week is scheduled; it is shown
    once (the first week that reports it) and leaves the status as it was.
    """
    zone = ZoneInfo(timezone)
    by_measure: dict[str, list[MeasureEvent]] = {}
    for event in events:
        by_measure.setdefault(event.measure_id, []).append(event)
    out: list[MeasureUpdate] = []
    for measure in sorted(measures, key=lambda m: m.measure_id):
        mine = by_measure.get(measure.measure_id, [])
        before = [e for e in mine if (day := _reported(e, zone)) is not None and day < first]
        inside = [
            e for e in mine if (day := _reported(e, zone)) is not None and first <= day <= last
        ]
        known = [*before, *inside]
        prior = current_status(before, last)
        told = {(e.status, e.event_date) for e in before if not is_recount(e, before)}
        floor = max(
            (
                status_key(e)
                for e in before
                if not is_recount(e, before) and not is_scheduled(e, last)
            ),
            default=None,
        )
        shown: list[MeasureEvent] = []
        for event in sorted(inside, key=status_key):
            if is_recount(event, known) or any(
                (e.status, e.event_date) == (event.status, event.event_date) for e in shown
            ):
                continue
            later = is_scheduled(event, last)
            if later and (event.status, event.event_date) in told:
                continue  # scheduled in an earlier week already
            if not later and floor is not None and status_key(event) <= floor:
                continue
            out.append(
                MeasureUpdate(
                    measure, event, prior[0] if prior else None, prior[1] if prior else None, later
                )
            )
            shown.append(event)
            prior = current_status([*before, *shown], last)
    return out


def _day(value: date | None) -> str:
    """Return a day as '2 February 2025'."""
    return f"{value.day} {value:%B %Y}" if value else "an undated day"


def format_update(update: MeasureUpdate) -> str:
    """Return one digest line: 'EU AI Act: applies from 2 February 2025 (in force since 1 August 2024)'."""
    m, e = update.measure, update.event
    name = m.name_en or m.name_zh or m.measure_id
    if m.name_en and m.name_zh:
        name = f"{m.name_en} ({m.name_zh})"
    verb = _SCHEDULED[e.status] if update.scheduled else _VERBS[e.status]
    line = f"{name}: {verb} {_day(e.event_date)}"
    note = "scheduled; " if update.scheduled else ""
    if update.previous is not None:
        line += f" ({note}{_PHRASES[update.previous]} since {_day(update.previous_since)})"
    else:
        line += f" ({note}first tracked)"
    return line
