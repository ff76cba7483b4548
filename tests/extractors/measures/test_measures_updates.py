"""The digest's status-change lines: what a week reports, and how a line reads."""

from __future__ import annotations

from datetime import date

from measurekit import article, signal_of

from extractors.measures import build_measures, format_update, status_updates


def test_each_change_reported_in_a_week_is_a_line_with_the_status_before() -> None:
    first = article("The EU AI Act entered into force on 1 August 2024.", "2024-08-01", "a1")
    later = article(
        "The EU AI Act prohibitions apply from 2 February 2025, the Commission said.",
        "2025-02-03",
        "a2",
    )
    tables = build_measures([first, later], [signal_of(first), signal_of(later)])
    lines = [
        format_update(u)
        for u in status_updates(tables.measures, tables.events, date(2025, 2, 3), date(2025, 2, 9))
    ]
    assert lines == [
        "EU AI Act (人工智能法): applies from 2 February 2025 (in force since 1 August 2024)"
    ]
    week_one = status_updates(tables.measures, tables.events, date(2024, 7, 29), date(2024, 8, 4))
    assert [format_update(u) for u in week_one] == [
        "EU AI Act (人工智能法): applies from 1 August 2024 (first tracked)"
    ]


def test_a_week_retelling_an_older_event_reports_nothing() -> None:
    first = article("The Robot Safety Act took effect on 1 March 2025.", "2025-03-01", "a1")
    retold = article(
        "The Robot Safety Act was adopted on 10 January 2025, officials recalled.",
        "2025-06-02",
        "a2",
    )
    tables = build_measures([first, retold], [signal_of(first), signal_of(retold)])
    assert status_updates(tables.measures, tables.events, date(2025, 6, 2), date(2025, 6, 8)) == []


def test_a_week_counts_reports_in_the_digest_s_timezone() -> None:
    """Published late on Sunday in UTC is Monday in Shanghai: the next week's change there."""
    late = article(
        "The EU AI Act entered into force on 1 August 2024.", "2024-08-04T20:00:00+00:00", "a1"
    )
    tables = build_measures([late], [signal_of(late)])
    args = (tables.measures, tables.events)
    assert status_updates(*args, date(2024, 7, 29), date(2024, 8, 4))
    assert status_updates(*args, date(2024, 7, 29), date(2024, 8, 4), "Asia/Shanghai") == []
    assert status_updates(*args, date(2024, 8, 5), date(2024, 8, 11), "Asia/Shanghai")
