"""A backfill's windows cover its range exactly, up to the calendar's last day."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.params import split_windows


def test_windows_end_on_the_calendars_last_day_without_stepping_past_it() -> None:
    assert split_windows(date(9999, 12, 20), date.max, 7) == [
        (date(9999, 12, 20), date(9999, 12, 26)),
        (date(9999, 12, 27), date.max),
    ]
    assert split_windows(date.max, date.max, 366) == [(date.max, date.max)]
    assert split_windows(date(9999, 12, 25), date.max, 7) == [(date(9999, 12, 25), date.max)]


@given(
    st.dates(min_value=date(9990, 1, 1)),
    st.integers(0, 4000),
    st.integers(1, 366),
)
def test_windows_are_contiguous_and_cover_the_range(start: date, span: int, days: int) -> None:
    until = min(date.max, start + timedelta(days=min(span, (date.max - start).days)))
    windows = split_windows(start, until, days)
    assert windows[0][0] == start
    assert windows[-1][1] == until
    for (a, b), (c, _) in pairwise(windows):
        assert (b - a).days == days - 1
        assert c == b + timedelta(days=1)
    assert (windows[-1][1] - windows[-1][0]).days < days


@pytest.mark.parametrize("days", [0, 367])
def test_a_window_length_out_of_bounds_is_refused(days: int) -> None:
    from extractors.exceptions import ConfigError

    with pytest.raises(ConfigError, match="between 1 and 366"):
        split_windows(date(2025, 1, 1), date(2025, 2, 1), days)
