"""Scheduled events on the measures page: marked, drawn hollow, never the current status."""

from __future__ import annotations

import re
from datetime import date

from tracker_rows import event, events, measures

from extractors.rows import MeasureEvent
from extractors.tracker import (
    measure_lines,
    measure_table,
    render_measures_html,
    render_measures_markdown,
)
from extractors.tracker.timeline import STATUS_COLORS

AS_OF = date(2025, 9, 30)
LATER = event("eu-ai-act", "in_force", date(2026, 8, 2), "eu6", "High-risk rules apply later.")


def rows() -> list[MeasureEvent]:
    """Return the fixture events with one step scheduled after the reference day."""
    return [*events(), LATER]


def test_events_after_the_reference_day_are_marked_scheduled() -> None:
    (line,) = [
        ln
        for ln in measure_lines(measures(), rows(), AS_OF)
        if ln.measure.measure_id == "eu-ai-act"
    ]
    assert [e.scheduled for e in line.events][-2:] == [False, True]
    assert line.events[-1].label == "2026-08-02 in force (scheduled)"
    assert line.upcoming is not None and line.upcoming.day == date(2026, 8, 2)
    assert line.status_text == "in force since 2024-08-01"  # the status row, not the schedule


def test_without_a_reference_day_nothing_is_scheduled() -> None:
    lines = measure_lines(measures(), rows())
    assert not any(e.scheduled for ln in lines for e in ln.events)


def test_the_table_and_markdown_say_the_reference_day_and_mark_scheduled_steps() -> None:
    (record,) = [r for r in measure_table(measures(), rows(), AS_OF) if r["measure"] == "EU AI Act"]
    assert record["timeline"].endswith("2026-08-02 in force (scheduled)")
    markdown = render_measures_markdown(measures(), rows(), AS_OF)
    assert "Statuses as of 2025-09-30" in markdown


def test_a_scheduled_step_is_a_hollow_dot_and_named_as_next() -> None:
    page = render_measures_html(measures(), rows(), AS_OF)
    green = STATUS_COLORS["in_force"]
    hollow = re.findall(rf'<circle [^>]*fill="#fff" stroke="{green}"[^>]*class="scheduled"', page)
    assert len(hollow) == 1
    assert "next: in force 2026-08-02" in page
    assert "hollow dots are scheduled" in page and "scheduled (after the reference day)" in page
    plain = render_measures_html(measures(), rows())
    assert 'class="scheduled"' not in plain
