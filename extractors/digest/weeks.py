"""ISO weeks in a timezone: parse, format, bounds and ranges ('YYYY-Www')."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from extractors.exceptions import ConfigError

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def iso_week_of(d: date) -> str:
    """Return the ISO week ('YYYY-Www') a day belongs to."""
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def parse_week(week: str) -> date:
    """Return the Monday of an ISO week string; raise ConfigError when it is malformed."""
    match = _WEEK.match(week.strip()) if isinstance(week, str) else None
    if match is None:
        raise ConfigError(f"week must look like 2025-W02, got {week!r}")
    year, num = int(match.group(1)), int(match.group(2))
    if not 1 < year < 9999:  # a week's bounds in any zone must be dates Python can hold
        raise ConfigError(f"week {week!r} is outside the years 0002–9998")
    try:
        return date.fromisocalendar(year, num, 1)
    except ValueError:
        raise ConfigError(f"week {week!r} does not exist (year {year} has no week {num})") from None


def week_days(week: str) -> tuple[date, date]:
    """Return the first (Monday) and last (Sunday) day of an ISO week."""
    monday = parse_week(week)
    return monday, monday + timedelta(days=6)


def zone_of(timezone: str) -> ZoneInfo:
    """Return the ZoneInfo of a timezone name; raise ConfigError when unknown."""
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"unknown timezone {timezone!r}") from None


def utc_bounds(first: date, last: date, timezone: str) -> tuple[datetime, datetime]:
    """Return the UTC instants [start, end) covering local days first..last in a timezone."""
    tz = zone_of(timezone)
    start = datetime.combine(first, time.min, tzinfo=tz).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz).astimezone(UTC)
    return start, end


def shift_week(week: str, weeks: int) -> str:
    """Return the ISO week a number of weeks after (or before, when negative) another."""
    return iso_week_of(parse_week(week) + timedelta(weeks=weeks))


def last_complete_week(now: datetime, timezone: str = "UTC") -> str:
    """Return the last ISO week that has fully ended at an instant, in a timezone."""
    local = now.astimezone(zone_of(timezone)).date()
    return iso_week_of(local - timedelta(days=7))


def weeks_between(since: date, until: date) -> list[str]:
    """Return every ISO week touching the days since..until (inclusive), oldest first."""
    if since > until:
        raise ConfigError(f"--since {since} is after --until {until}")
    monday = since - timedelta(days=since.weekday())
    out = [iso_week_of(monday)]
    while (until - monday).days >= 7:  # never a step past the last day (9999-12-31 included)
        monday += timedelta(weeks=1)
        out.append(iso_week_of(monday))
    return out
