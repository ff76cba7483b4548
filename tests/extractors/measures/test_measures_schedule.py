"""Future-dated events: the status is as of a reference day; steps dated after it are scheduled."""

from __future__ import annotations

from datetime import date

from measurekit import article, signal_of

from extractors.measures import (
    MeasureTables,
    build_measures,
    current_status,
    format_update,
    status_updates,
)
from extractors.rows import Article


def build(*rows: Article, as_of: date | None = None) -> MeasureTables:
    return build_measures(rows, [signal_of(r) for r in rows], as_of)


ADOPTED_THEN_LATER = (
    "The Robot Safety Act was adopted on 10 May 2025 and applies from 1 January 2026.",
    "2025-06-02",
    "a1",
)


def test_a_step_dated_after_the_newest_article_is_scheduled_not_the_status() -> None:
    tables = build(article(*ADOPTED_THEN_LATER))
    (measure,) = tables.measures
    assert tables.as_of == date(2025, 6, 2)  # the newest article, never the clock
    assert (measure.status, measure.status_since) == ("adopted", date(2025, 5, 10))
    assert {(e.status, e.event_date) for e in tables.events} == {
        ("adopted", date(2025, 5, 10)),
        ("in_force", date(2026, 1, 1)),
    }


def test_the_scheduled_step_becomes_the_status_once_its_day_is_reached() -> None:
    first = article(*ADOPTED_THEN_LATER)
    later = article("Robots were the talk of the Robot Safety Act.", "2026-01-05", "a2")
    (measure,) = build(first, later).measures
    assert (measure.status, measure.status_since) == ("in_force", date(2026, 1, 1))
    (pinned,) = build(first, later, as_of=date(2025, 12, 31)).measures
    assert (pinned.status, pinned.status_since) == ("adopted", date(2025, 5, 10))


def test_a_measure_known_only_from_a_scheduled_step_is_announced_since_first_reported() -> None:
    tables = build(article("The Drone Act takes effect on 1 January 2027.", "2026-01-05", "a1"))
    (measure,) = tables.measures
    assert (measure.status, measure.status_since) == ("announced", date(2026, 1, 5))
    assert [(e.status, e.event_date) for e in tables.events] == [("in_force", date(2027, 1, 1))]


def test_an_undated_step_before_a_scheduled_one_is_kept_at_the_article_s_day() -> None:
    """'Passed … takes effect next year': the passage is not a retelling of a stage still to come."""
    tables = build(
        article(
            "The Robot Safety Act was passed and takes effect on 1 January 2026.",
            "2025-06-02",
            "a1",
        )
    )
    (measure,) = tables.measures
    assert (measure.status, measure.status_since) == ("adopted", date(2025, 6, 2))


def test_the_reference_day_is_deterministic() -> None:
    rows = (article(*ADOPTED_THEN_LATER), article("The Robot Safety Act.", "2025-04-01", "a0"))
    assert build(*rows) == build(*reversed(rows))


def test_current_status_ignores_events_after_the_reference_day() -> None:
    events = build(article(*ADOPTED_THEN_LATER)).events
    assert current_status(events) == ("in_force", date(2026, 1, 1))  # no reference day
    assert current_status(events, date(2025, 12, 31)) == ("adopted", date(2025, 5, 10))
    assert current_status(events, date(2025, 5, 9)) is None


def test_a_week_reports_a_scheduled_step_once_and_keeps_the_status() -> None:
    first = article(*ADOPTED_THEN_LATER)
    again = article(
        "The Robot Safety Act applies from 1 January 2026, the ministry repeated.",
        "2025-06-10",
        "a2",
    )
    tables = build(first, again)
    week = status_updates(tables.measures, tables.events, date(2025, 6, 2), date(2025, 6, 8))
    assert [format_update(u) for u in week] == [
        "Robot Safety Act: adopted on 10 May 2025 (first tracked)",
        "Robot Safety Act: to apply from 1 January 2026 (scheduled; adopted since 10 May 2025)",
    ]
    assert [u.scheduled for u in week] == [False, True]
    next_week = status_updates(tables.measures, tables.events, date(2025, 6, 9), date(2025, 6, 15))
    assert next_week == []  # the same scheduled step again is not news


def test_an_undated_planned_release_is_announced_not_adopted() -> None:
    zh = article("国家发展改革委将发布《人工智能合作行动计划》。", "2026-07-07", "zh1", "zh")
    en = article(
        "The Robot Safety Rules will be published, the ministry said.", "2026-07-07", "en1"
    )
    tables = build(zh, en)
    assert {(e.status, e.event_date) for e in tables.events} == {
        ("announced", date(2026, 7, 7)),
    }
    assert [m.status for m in tables.measures] == ["announced", "announced"]


def test_a_dated_planned_release_is_scheduled_at_its_day() -> None:
    tables = build(
        article(
            "国家发展改革委将于7月17日发布《人工智能合作行动计划》。", "2026-07-07", "zh1", "zh"
        )
    )
    (measure,) = tables.measures
    assert [(e.status, e.event_date) for e in tables.events] == [("adopted", date(2026, 7, 17))]
    assert (measure.status, measure.status_since) == ("announced", date(2026, 7, 7))
