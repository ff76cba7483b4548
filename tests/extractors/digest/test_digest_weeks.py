"""ISO week helpers: parsing, ranges, bounds in a timezone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from extractors.digest.weeks import last_complete_week, parse_week, utc_bounds, week_days
from extractors.exceptions import ConfigError
from flows.digest import iso_week_of, weeks_between


def test_iso_week_of_handles_year_boundaries() -> None:
    assert iso_week_of(date(2025, 1, 8)) == "2025-W02"
    assert iso_week_of(date(2024, 12, 30)) == "2025-W01"
    assert iso_week_of(date(2021, 1, 3)) == "2020-W53"


@pytest.mark.parametrize("bad", ["2025-2", "2025W02", "2025-W2", "2025-W54", "2025-W53", "", "W01"])
def test_bad_week_raises_config_error(bad: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_week(bad)
    assert "\n" not in str(info.value)


def test_a_week_whose_bounds_no_date_can_hold_is_refused_not_overflowed() -> None:
    for week in ("9999-W52", "0001-W01"):
        with pytest.raises(ConfigError, match="outside the years"):
            week_days(week)
    first, last = week_days("9998-W52")
    assert utc_bounds(first, last, "Pacific/Kiritimati")[1] > utc_bounds(first, last, "UTC")[0]


def test_week_days_and_utc_bounds_follow_the_timezone() -> None:
    assert week_days("2025-W02") == (date(2025, 1, 6), date(2025, 1, 12))
    start, end = utc_bounds(date(2025, 1, 6), date(2025, 1, 12), "Asia/Shanghai")
    assert start == datetime(2025, 1, 5, 16, tzinfo=UTC)
    assert end == datetime(2025, 1, 12, 16, tzinfo=UTC)


def test_weeks_between_is_inclusive_and_ordered() -> None:
    assert weeks_between(date(2024, 12, 31), date(2025, 1, 13)) == [
        "2025-W01",
        "2025-W02",
        "2025-W03",
    ]
    assert weeks_between(date(2025, 1, 6), date(2025, 1, 6)) == ["2025-W02"]
    with pytest.raises(ConfigError):
        weeks_between(date(2025, 2, 1), date(2025, 1, 1))


def test_last_complete_week_depends_on_timezone() -> None:
    now = datetime(2025, 1, 12, 20, 0, tzinfo=UTC)  # Sunday in UTC, Monday in Shanghai
    assert last_complete_week(now, "UTC") == "2025-W01"
    assert last_complete_week(now, "Asia/Shanghai") == "2025-W02"


def test_weeks_between_reaches_the_calendars_last_day_without_stepping_past_it() -> None:
    assert weeks_between(date(9999, 12, 19), date.max) == ["9999-W50", "9999-W51", "9999-W52"]
    assert weeks_between(date.max, date.max) == ["9999-W52"]
    assert weeks_between(date.min, date(1, 1, 8)) == ["0001-W01", "0001-W02"]
