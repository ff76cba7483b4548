"""The fallback publication date (htmldate), kept only when the page declares or prints that day."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, tzinfo

import htmldate
from lxml.etree import LxmlError

from extractors.dates import check_plausible, find_url_date, iterate_dates, parse_date
from extractors.published import locate, render_visible_text

# Where markup says "this is a date": a <time datetime>, a date-named <meta> content, a
# schema.org publication field (JSON-LD or microdata). Anything else a whole-markup search
# finds (an app's state in a script, a link's query string, a code listing, a build version,
# a product's production date) is not declared as the page's date.
_TIME_ATTR = re.compile(r"<time\b[^>]*?\bdatetime\s*=\s*[\"']?([^\"'>]+)", re.IGNORECASE)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_META_NAME = re.compile(
    r"\b(?:name|property|itemprop)\s*=\s*[\"']?[^\"'>]*(?:date|time|publish|created|issued)",
    re.IGNORECASE,
)
_META_CONTENT = re.compile(r"\bcontent\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)
_STAMP_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
# The byline's reach around the heading: a stamp prints just above it ("Updated: …" over the
# headline) or in the lines under it (author, date, section), before the body runs on.
_ABOVE_HEADING = 200
_UNDER_HEADING = 300
_SCHEMA_FIELD = re.compile(
    r"[\"'](?:datePublished|dateCreated|uploadDate)[\"']\s*:\s*[\"']([^\"']{6,40})"
)


def _meta_values(markup: str) -> list[str]:
    values = []
    for tag in _META_TAG.findall(markup):
        if not _META_NAME.search(tag):
            continue
        m = _META_CONTENT.search(tag)
        if m is not None:
            values.append(next(g for g in m.groups() if g is not None))
    return values


def declared_days(markup: str, url: str | None, zone: tzinfo) -> set[date]:
    """Return the UTC days of the dates the markup or the URL declares as dates."""
    raws = [*_TIME_ATTR.findall(markup), *_meta_values(markup), *_SCHEMA_FIELD.findall(markup)]
    values = [parse_date(raw, zone) for raw in raws]
    values.append(find_url_date(url, zone))
    return {v.astimezone(UTC).date() for v in values if v is not None}


def printed_under(heading: str | None, markup: str, zone: tzinfo) -> set[date]:
    """Return the days printed in the visible text right above or under the page's heading."""
    visible = render_visible_text(markup)
    at = locate(heading, visible)
    if at < 0 or heading is None:
        return set()
    window = visible[max(0, at - _ABOVE_HEADING) : at + len(heading) + _UNDER_HEADING]
    return {found.value.astimezone(UTC).date() for found in iterate_dates(window, zone)}


def search_page_date(
    markup: str,
    url: str | None,
    zone: tzinfo,
    fetched_at: datetime,
    extensive: bool,
    heading: str | None = None,
) -> datetime | None:
    """Return htmldate's original publication date of a page (the fallback of our own)."""
    # htmldate (a trafilatura dependency) reads meta, JSON-LD, <time>, URL and, when
    # `extensive`, free-text dates; used only where our own readers find nothing. Asked for
    # a timestamp: a <time datetime> with its hour and offset keeps them (a day alone reads
    # as midnight in the page's zone, as before), so the day is right in the page's zone.
    try:
        found = htmldate.find_date(
            markup,
            extensive_search=extensive,
            original_date=True,
            outputformat=_STAMP_FORMAT,
            url=url,
            max_date=fetched_at.astimezone(zone).date().isoformat(),
        )
    except (ValueError, TypeError, LxmlError):  # a date lookup never rejects a page
        return None
    value = check_plausible(parse_date(found, zone), fetched_at) if found else None
    if value is None:
        return None
    # Only a day the page declares as a date or prints by its heading: a day read from
    # script data, a link's query, a comment or a code listing is as likely another item's
    # (an episode list, a product, a build) as the page's own.
    day = value.date()
    if day in declared_days(markup, url, zone) or day in printed_under(heading, markup, zone):
        return value
    return None
