"""The measure tracker's pages: the Atom feed of the digests and the measures page (pure)."""

from __future__ import annotations

from extractors.tracker.atom import FeedWeek, check_base_url, entry_id, feed_weeks, render_feed
from extractors.tracker.measures import (
    MeasureLine,
    TimelineEvent,
    measure_lines,
    measure_table,
    render_measures_markdown,
)
from extractors.tracker.page import render_measures_html

__all__ = [
    "FeedWeek",
    "MeasureLine",
    "TimelineEvent",
    "check_base_url",
    "entry_id",
    "feed_weeks",
    "measure_lines",
    "measure_table",
    "render_feed",
    "render_measures_html",
    "render_measures_markdown",
]
