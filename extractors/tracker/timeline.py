"""Small inline SVG timelines of measures: one dot per dated status on a shared time axis."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from extractors.tracker.measures import STATUS_LABELS, MeasureLine

WIDTH = 400
PAD = 8
ROW_H = 24
AXIS_H = 18
GRID = "#e2e8f0"
LINE = "#a0aec0"
# The digest's blue for adoption, its orange for suspension; the rest read at a glance.
STATUS_COLORS = {
    "announced": "#718096",
    "proposed": "#d69e2e",
    "adopted": "#2b6cb0",
    "signed": "#2c5282",
    "in_force": "#2f855a",
    "amended": "#805ad5",
    "suspended": "#c05621",
    "revoked": "#c53030",
}


@dataclass(frozen=True, slots=True)
class Axis:
    """The date range every timeline of a page shares, mapped onto the SVG width."""

    first: date
    last: date

    def x(self, day: date) -> float:
        """Return the horizontal position of a day."""
        span = (self.last - self.first).days
        if span <= 0:
            return WIDTH / 2
        return round(PAD + (WIDTH - 2 * PAD) * (day - self.first).days / span, 2)

    def years(self) -> list[int]:
        """Return the years whose 1 January falls inside the range (the grid lines)."""
        return [y for y in range(self.first.year, self.last.year + 2) if self._inside(y)]

    def _inside(self, year: int) -> bool:
        return self.first <= date(year, 1, 1) <= self.last


def axis_of(lines: Sequence[MeasureLine]) -> Axis | None:
    """Return the axis covering every dated event of the lines (None when nothing is dated)."""
    days = [e.day for ln in lines for e in ln.events if e.day is not None]
    if not days:
        return None
    first, last = min(days), max(days)
    return Axis(date(first.year, 1, 1), date(last.year, 12, 31))


def _grid(axis: Axis, height: int) -> list[str]:
    return [
        f'<line x1="{axis.x(date(y, 1, 1))}" y1="0" x2="{axis.x(date(y, 1, 1))}" '
        f'y2="{height}" stroke="{GRID}" stroke-width="1"/>'
        for y in axis.years()
    ]


def render_axis(axis: Axis) -> str:
    """Return the year scale drawn above the timelines."""
    labels = [
        f'<text x="{axis.x(date(y, 7, 1))}" y="13" font-size="10" text-anchor="middle" '
        f'fill="#4a5568">{y}</text>'
        for y in range(axis.first.year, axis.last.year + 1)
    ]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {AXIS_H}" width="100%" '
        f'class="timeline axis" aria-hidden="true">'
        + "".join(_grid(axis, AXIS_H) + labels)
        + "</svg>"
    )


def render_timeline(line: MeasureLine, axis: Axis | None) -> str:
    """Return one measure's timeline: a line from its first to last dated event, a dot each."""
    dated = [e for e in line.events if e.day is not None]
    if axis is None or not dated:
        return '<p class="muted timeline-none">No dated events.</p>'
    mid = ROW_H / 2
    xs = [axis.x(e.day) for e in dated if e.day is not None]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {ROW_H}" width="100%" '
        f'class="timeline" role="img" aria-label="{escape(line.timeline_text, quote=True)}">',
        *_grid(axis, ROW_H),
        f'<line x1="{min(xs)}" y1="{mid}" x2="{max(xs)}" y2="{mid}" stroke="{LINE}" '
        f'stroke-width="2"/>',
    ]
    current = (line.measure.status, line.measure.status_since)
    for event, x in zip(dated, xs, strict=True):
        is_current = (event.status, event.day) == current
        reports = f" ({event.n_reports} reports)" if event.n_reports > 1 else ""
        color = STATUS_COLORS[event.status]
        ring = ' stroke="#1a202c" stroke-width="2"' if is_current else ""
        if event.scheduled:  # still to come: a hollow dot in its status colour
            ring = f' stroke="{color}" stroke-width="2" class="scheduled"'
            color = "#fff"
        parts.append(
            f'<circle cx="{x}" cy="{mid}" r="{7 if is_current else 5}" '
            f'fill="{color}"{ring}>'
            f"<title>{escape(event.label)}{reports}</title></circle>"
        )
    parts.append("</svg>")
    return "".join(parts)


def render_legend(scheduled: bool = False) -> str:
    """Return the colour key of the statuses (HTML), with the hollow scheduled dot when asked."""
    keys = "".join(
        f'<li><span class="swatch" style="background:{STATUS_COLORS[s]}"></span>'
        f"{escape(label)}</li>"
        for s, label in STATUS_LABELS.items()
    )
    if scheduled:
        keys += (
            '<li><span class="swatch" style="border:2px solid #4a5568;background:#fff"></span>'
            "scheduled (after the reference day)</li>"
        )
    return f'<ul class="legend">{keys}</ul>'
