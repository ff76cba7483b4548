"""A small inline SVG: signals per type over the last 8 weeks, one bar row per type."""

from __future__ import annotations

from html import escape

from extractors.digest.headline import type_label

ROW = 22
LABEL_W = 150
BAR_AREA = 200
TOTAL_W = 40
WIDTH = LABEL_W + BAR_AREA + TOTAL_W
COLOR = "#2b6cb0"
CURRENT = "#c05621"


def render_chart(weeks: list[str], series: list[tuple[str, list[int]]]) -> str:
    """Return an SVG element (no external references) drawing the counts per type and week."""
    if not series:
        return '<p class="muted">No signals in the last 8 weeks.</p>'
    peak = max(max(counts) for _, counts in series) or 1
    slot = BAR_AREA / len(weeks)
    height = ROW * len(series) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="chart-title" class="chart">',
        '<title id="chart-title">Signals per type, last 8 weeks (current week in orange)</title>',
    ]
    for row, (signal_type, counts) in enumerate(series):
        y = row * ROW
        parts.append(
            f'<text x="0" y="{y + 15}" font-size="11" fill="#333">'
            f"{escape(type_label(signal_type))}</text>"
        )
        for col, count in enumerate(counts):
            bar = round((ROW - 6) * count / peak, 2)
            x = round(LABEL_W + col * slot + 2, 2)
            color = CURRENT if col == len(counts) - 1 else COLOR
            if count:
                parts.append(
                    f'<rect x="{x}" y="{round(y + ROW - 3 - bar, 2)}" width="{round(slot - 4, 2)}" '
                    f'height="{bar}" fill="{color}"><title>{escape(weeks[col])}: {count}</title></rect>'
                )
            else:
                parts.append(
                    f'<rect x="{x}" y="{y + ROW - 4}" width="{round(slot - 4, 2)}" height="1" '
                    f'fill="#ccc"/>'
                )
        parts.append(
            f'<text x="{WIDTH - 2}" y="{y + 15}" font-size="11" text-anchor="end" '
            f'fill="#333">{sum(counts)}</text>'
        )
    base = ROW * len(series) + 14
    for col, week in enumerate(weeks):
        x = round(LABEL_W + col * slot + slot / 2, 2)
        parts.append(
            f'<text x="{x}" y="{base}" font-size="9" text-anchor="middle" fill="#666">'
            f"{escape(week[-3:])}</text>"
        )
    parts.append(
        f'<text x="{WIDTH - 2}" y="{base}" font-size="9" text-anchor="end" fill="#666">total</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts)
