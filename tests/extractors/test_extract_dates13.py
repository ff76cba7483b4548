"""Date readers: weekday after a label, whole lines, same-day stamps, CDATA JSON-LD (issue 15)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from extractors.dates import find_labelled_date
from extractors.formats import parse_document
from extractors.frontmatter import same_day_stamp
from extractors.htmlparse import parse_markup
from extractors.metadata import read_html_meta
from extractors.published import find_near_zone, find_posted_date

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
_PROSE = (
    "The parks board agreed to plant two hundred oak trees along the river path this autumn, "
    "after a survey of walkers asked for more shade and fewer parked cars near the water. "
)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Posted: Friday October 15, 2010 1:28PM", date(2010, 10, 15)),
        ("Published Tue., 3 May 2022", date(2022, 5, 3)),
        ("Date: Sunday, 2019-06-02", date(2019, 6, 2)),
    ],
)
def test_label_then_weekday_then_date(text: str, day: date) -> None:
    found = find_labelled_date(text, UTC)
    assert found is not None and found.value.date() == day


def test_weekday_without_label_is_no_labelled_date() -> None:
    assert find_labelled_date("Friday October 15, 2010 the park opened", UTC) is None


def test_line_above_the_title_is_read_from_its_start() -> None:
    # The label opens a line longer than the slice above the title: the slice is widened to
    # the line's start so the label is read with its date.
    line = "Posted: Monday March 7, 2022 9:15AM ; Updated: Monday March 7, 2022 11:40AM ; 4 notes"
    visible = f"Home\nNews\n{line}\nOak trees for the river path\n{_PROSE}"
    near = find_near_zone(visible, "Oak trees for the river path", _PROSE, _PROSE)
    assert near.startswith("Posted:")
    found = find_posted_date(near, UTC, FETCHED)
    assert found is not None and found.date() == date(2022, 3, 7)


def test_front_matter_day_takes_the_same_days_stamp_from_the_header() -> None:
    page = (
        "---\ntitle: River path trees\ndate: 2025-09-14\n---\n\n"
        "Title: River path trees\n\nURL Source: https://parks.example.org/news/river-trees\n\n"
        "Published Time: 2025-09-14T21:40:00Z\n\nMarkdown Content:\n"
        f"{_PROSE}\n\n{_PROSE}\n"
    )
    assert parse_document(page).meta["date"] == "2025-09-14T21:40:00Z"


@pytest.mark.parametrize(
    ("front", "stamp"),
    [
        ("2025-09-14", "2025-09-15T01:10:00Z"),  # another day: the front matter's stands
        ("2025-09-14 08:00", "2025-09-14T21:40:00Z"),  # the front matter has its own time
        ("2025-09-14", "2025-09-14"),  # no time in the header either
    ],
)
def test_front_matter_date_stands(front: str, stamp: str) -> None:
    assert not same_day_stamp(front, stamp)


def test_yaml_day_counts_as_a_day() -> None:
    assert same_day_stamp(date(2025, 9, 14), "2025-09-14 21:40")


def test_json_ld_in_a_cdata_section_is_read() -> None:
    data = '{"@type": "NewsArticle", "datePublished": "2024-11-05T18:30:00+01:00"}'
    body = "".join(f"<p>{_PROSE}</p>" for _ in range(4))
    page = (
        "<html><head><title>River path trees</title></head><body>"
        f'<script type="application/ld+json">\n<![CDATA[\n{data}\n]]>\n</script>'
        f"<h1>River path trees</h1><div>{body}</div></body></html>"
    )
    meta = read_html_meta(parse_markup(page))
    assert meta.dates == ["2024-11-05T18:30:00+01:00"]
