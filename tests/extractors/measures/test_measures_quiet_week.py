"""A quiet week's digest (no items) still lists the week's measure status changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from extractors.digest import build_digest
from extractors.digest.model import Digest, WeekInput
from extractors.digest.quiet import is_quiet, render_quiet_html, render_quiet_markdown

LINE = "Robot Safety Act: to apply from 1 January 2026 (scheduled; adopted since 10 May 2025)"


def quiet(*updates: str) -> Digest:
    week = WeekInput("2025-W24", date(2025, 6, 9), date(2025, 6, 15), "UTC", [])
    return replace(build_digest(week, None), measure_updates=list(updates))


def test_a_quiet_week_lists_its_measure_changes_in_both_renderings() -> None:
    digest = quiet(LINE, "Drone <Act>: adopted on 12 June 2025 (first tracked)")
    assert is_quiet(digest)
    markdown = render_quiet_markdown(digest)
    assert "Quiet week." in markdown
    assert "## Measure status changes\n\n- " + LINE in markdown
    assert "- Drone \\<Act\\>: adopted on 12 June 2025" in markdown
    html = render_quiet_html(digest)
    assert '<section id="measures"><h2>Measure status changes</h2>' in html
    assert "<li>Drone &lt;Act&gt;: adopted on 12 June 2025 (first tracked)</li>" in html


def test_a_quiet_week_without_changes_stays_one_line() -> None:
    digest = quiet()
    assert "Measure status changes" not in render_quiet_markdown(digest)
    assert 'id="measures"' not in render_quiet_html(digest)
