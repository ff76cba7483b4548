"""Publication dates: parse printed dates, pick the article's own date, store it in UTC."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from extractors.monthnames import OTHER_MONTHS

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        )
    )
    for name in names.split()
}
_TIME = r"(?:[T\s]*(\d{1,2})\s*[:：时時]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?(?:\.\d+)?)?"
_ZONE = r"\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?"
_NUMERIC = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*[日号號]?"
    + _TIME
    + _ZONE,
    re.IGNORECASE,
)
_COMPACT = re.compile(
    r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?:T?(\d{2}):?(\d{2})(?::?(\d{2}))?)?"
    r"(Z|[+-]\d{2}:?\d{2})?(?!\d)"
)
_US_NUMERIC = re.compile(
    r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])"
    r"(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?",
    re.IGNORECASE,
)
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ENGLISH_MDY = re.compile(
    rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})"
    r"(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?)?",
    re.IGNORECASE,
)
_ENGLISH_DMY = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th|\.)?\s+({_MONTH_NAMES})\.?,?\s+((?:19|20)\d{{2}})", re.IGNORECASE
)
_OTHER_NAMES = "|".join(sorted(OTHER_MONTHS, key=len, reverse=True))
_OTHER_DMY = re.compile(
    rf"(?<![\w.])(\d{{1,2}})\.?(?:er)?\s+(?:de\s+)?({_OTHER_NAMES})\.?,?\s+(?:de\s+)?((?:19|20)\d{{2}})(?!\d)",
    re.IGNORECASE,
)
# Day-first numeric dates with dots (German, Russian, Polish…: "13.04.2011 22:55"); the
# year-first form ("2013.10.24") is _NUMERIC's.
_DOTTED_DMY = re.compile(
    r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})(?![\d.]\d)"
    r"(?:,?\s+(\d{1,2})[:.](\d{2})(?!\d))?"
)
YEAR = re.compile(r"(?:19|20)\d\d")
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?([0-2]\d|3[01])(?!\d)")
LABELS = (
    "发布时间",
    "發布時間",
    "发布日期",
    "發布日期",
    "发表时间",
    "發表時間",
    "发表于",
    "發表於",
    "发布于",
    "發布於",
    "发表日期",
    "刊发时间",
    "出版时间",
    "时间",
    "時間",
    "日期",
    "发布",
    "發布",
    "发表",
    "發表",
    "published",
    "posted",
    "posted on",
    "date",
)
_LABELLED = re.compile(
    r"(?:^|[\s|｜·•\]】)）])(?:" + "|".join(LABELS) + r")(?:\s*[:：]\s*|\s+|(?=\d))",
    re.IGNORECASE,
)

# A weekday name before a date ("Friday, ", "Tue. "): in a dateline, a header line, after a label.
WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|wed|thu|fri|sat|sun)\.?),?\s+"
_LABEL_WEEKDAY = re.compile(WEEKDAY, re.IGNORECASE)
# What a stamp line adds around its date: a weekday and a clock time ("Sat, 19/03/2016 - 17:27").
STAMP_WORDS = re.compile(rf"\b{WEEKDAY}|\b\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\.?)?", re.I)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in text: its start offset and the parsed local/aware datetime."""

    start: int
    value: datetime
    end: int = -1  # offset just after the printed date; -1 when unknown


def get_zone(name: str | None) -> tzinfo:
    """Return the tzinfo for an IANA name, UTC when unknown."""
    try:
        return ZoneInfo(name) if name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def _zone_of(token: str | None, default: tzinfo) -> tzinfo | None:
    """Return the zone of an offset token ("+08:00", "Z"); None for one no clock has (+25:00)."""
    if not token:
        return default
    token = token.upper()
    if token in {"Z", "UTC", "GMT"}:
        return UTC
    sign = 1 if token[0] == "+" else -1
    digits = token[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:4] or 0)
    return _fixed(sign * minutes) if minutes < 24 * 60 else None


def _fixed(minutes: int) -> tzinfo:
    from datetime import timezone

    return timezone(timedelta(minutes=minutes))


def _build(parts: Iterable[str | None], zone: tzinfo | None) -> datetime | None:
    if zone is None:  # an impossible offset: the stamp is no date
        return None
    y, mo, d, h, mi, s = (int(p) if p else 0 for p in parts)
    try:
        return datetime(y, mo, d, h, mi, s, tzinfo=zone)
    except ValueError:
        try:
            return datetime(y, mo, d, tzinfo=zone)
        except ValueError:
            return None


def iterate_dates(text: str, zone: tzinfo) -> Iterator[FoundDate]:
    """Yield every full date (year, month, day) printed in a text, in order."""
    if not YEAR.search(text):
        return
    found: list[FoundDate] = []
    for m in _NUMERIC.finditer(text):
        value = _build(m.groups()[:6], _zone_of(m.group(7), zone))
        if value is not None:
            found.append(FoundDate(m.start(), value, m.end()))
    for m in _US_NUMERIC.finditer(text):
        month, day = int(m.group(1)), int(m.group(2))
        if month > 12:
            month, day = day, month
        hour = int(m.group(4) or 0)
        if m.group(7) and m.group(7).lower().startswith("p") and hour < 12:
            hour += 12
        value = _build((m.group(3), str(month), str(day), str(hour), m.group(5), m.group(6)), zone)
        if value is not None:
            found.append(FoundDate(m.start(), value, m.end()))
    for m in _ENGLISH_MDY.finditer(text):
        hour = int(m.group(4) or 0)
        if m.group(6) and m.group(6).lower().startswith("p") and hour < 12:
            hour += 12
        parts = (m.group(3), str(_MONTHS[m.group(1).lower()]), m.group(2), str(hour), m.group(5))
        value = _build((*parts, None), zone)
        if value is not None:
            found.append(FoundDate(m.start(), value, m.end()))
    for m in _ENGLISH_DMY.finditer(text):
        value = _build(
            (m.group(3), str(_MONTHS[m.group(2).lower()]), m.group(1), None, None, None), zone
        )
        if value is not None:
            found.append(FoundDate(m.start(), value, m.end()))
    for m in _OTHER_DMY.finditer(text):
        month = OTHER_MONTHS[m.group(2).lower()]
        value = _build((m.group(3), str(month), m.group(1), None, None, None), zone)
        if value is not None:
            found.append(FoundDate(m.start(), value, m.end()))
    for m in _DOTTED_DMY.finditer(text):
        value = _build((m.group(3), m.group(2), m.group(1), m.group(4), m.group(5), None), zone)
        if value is not None:
            found.append(FoundDate(m.start(), value, m.end()))
    yield from sorted(found, key=lambda f: f.start)


def parse_date(text: str, zone: tzinfo) -> datetime | None:
    """Parse one date string (ISO, numeric, Chinese, English or compact); None if none."""
    text = text.strip()
    for found in iterate_dates(text, zone):
        return found.value
    m = _COMPACT.search(text)
    if m:
        return _build(m.groups()[:6], _zone_of(m.group(7), zone))
    return None


def parse_date_value(value: object, zone: tzinfo) -> datetime | None:
    """Parse a YAML/JSON date value: datetime, date or string."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=zone)
    if isinstance(value, str):
        return parse_date(value, zone)
    return None


# Dumps that join a page's text nodes with nothing between them glue the date to its
# neighbours: a full Chinese publication label to the headline before it ("…的通知发布日期:2012-08-23"),
# a month name to the word before it ("Published:** toolsMay 30, 2024"). A glued label counts
# only with its colon; a glued word is skipped only when a capitalised month follows it.
_GLUED_LABEL = re.compile(r"(?:发布|發布|发表|發表|刊发|刊發|出版)(?:时间|時間|日期)\s*[:：]\s*")
_GLUED_WORD = re.compile(
    rf"[*_\s]*(?:[^\W\d_]+?(?=(?-i:{_MONTH_NAMES.title()})\.?\s+\d{{1,2}}\b))?"
)


def unglue(text: str, at: int) -> int:
    """Return where a date after a label starts: past emphasis and a word glued to its month."""
    glued = _GLUED_WORD.match(text, at)
    return glued.end() if glued is not None else at


def find_labelled_date(text: str, zone: tzinfo) -> FoundDate | None:
    """Return the first date printed right after a label such as 发布时间: or Published."""
    labels = sorted(
        (*_LABELLED.finditer(text), *_GLUED_LABEL.finditer(text)), key=lambda m: m.end()
    )
    for m in labels:
        # A weekday may stand between the label and the date ("Posted: Friday October 15, …").
        day = _LABEL_WEEKDAY.match(text, m.end())
        start = day.end() if day is not None else unglue(text, m.end())
        window = text[start : start + 40]
        for found in iterate_dates(window, zone):
            if found.start <= 3:
                return FoundDate(start + found.start, found.value)
            break
    return None


# A wire or press-release dateline opening the lead: a place in capitals or in title case, maybe
# a region, then the date and a dash or the wire's name ("SAN FRANCISCO—March 9, 2015—", "DUBLIN,
# July 2, 2014 — ", "NAIROBI, Kenya, June 23, 2015 /PRNewswire/ --", "LONDON, Aug 3, 2012 (Wire)
# -", "Munich, Germany – 3 March 2025 –"); the closing dash may end the line ("… 2026 -").
_DATELINE_WORD = r"[A-Z](?:[A-Z.'’-]+|[a-z][A-Za-z.'’-]*)"  # LONDON, Stuttgart, McLean
# Words that open a sentence before a date and are no place ("Yesterday, March 9, 2015 — we met");
# weekdays in full only: "Sun Valley" is a place.
_NOT_PLACE = (
    r"(?!(?:Yesterday|Today|Tonight|Tomorrow|Last|Next|This|That|Earlier|Later|Then|Now|On|In|At|"
    r"Since|Until|By|From|As|Before|After|Effective|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b)"
)
_DATELINE_PLACE = re.compile(
    rf"^\s*{_NOT_PLACE}{_DATELINE_WORD}(?:\s+{_DATELINE_WORD}){{0,3}}"
    r"(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}){0,2}"
    r"\s*(?:,|—|–|--|\s-)\s*"
)
# Whitespace runs taken whole ("*+"): what follows each starts with a non-space, so no match needs
# one split, and a long run is read once, not in every split.
_DATELINE_END = re.compile(r"\s*+(?:/[^/\n]{2,40}/|\([^()\n]{2,30}\))?\s*+(?:—|–|--|-\s|-$)")


def find_dateline(para: str, zone: tzinfo) -> datetime | None:
    """Return the date of a dateline opening a paragraph ("DUBLIN, July 2, 2014 — …"), else None."""
    m = _DATELINE_PLACE.match(para)
    if m is None:
        return None
    rest = para[m.end() : m.end() + 60]
    found = next(iter(iterate_dates(rest, zone)), None)
    if found is None or found.start > 0 or not _DATELINE_END.match(rest, found.end):
        return None
    return found.value


def find_url_date(url: str | None, zone: tzinfo) -> datetime | None:
    """Return a date encoded in a URL path (/2024/12/05/, -20241205-), else None."""
    if not url:
        return None
    m = _URL_DATE.search(url.split("?", 1)[0])
    return _build((*m.groups(), None, None, None), zone) if m else None


def find_path_date(path: str | None, zone: tzinfo) -> datetime | None:
    """Return the one day a saved file's path names ("2026/01/2026-01-03-news.md"), else None."""
    # Archives name files and folders by the day they saved: the page's date when it prints
    # none. A path naming two days ("2025-01-01-2025-01-31-…", a month's digest) names no one day.
    days = {tuple(map(int, m.groups())) for m in _URL_DATE.finditer(path or "")}
    if len(days) != 1:
        return None
    year, month, day = days.pop()
    try:
        return datetime(year, month, day, tzinfo=zone)
    except ValueError:  # 2025-02-30
        return None


def declared_date_note(value: object, zone: tzinfo, fetched_at: datetime) -> str | None:
    """Return why a date the file declares (front matter, a record's field) cannot be used, or None."""
    parsed = parse_date_value(value, zone)
    shown = str(value)[:60]
    if parsed is None:
        return f"its declared date {shown!r} is no date"
    if check_plausible(parsed, fetched_at) is None:
        return f"its declared date {shown!r} is before 1990 or after the page was read"
    return None


def check_plausible(value: datetime | None, fetched_at: datetime) -> datetime | None:
    """Return the date in UTC if it lies between 1990 and one day after fetching, else None."""
    if value is None:
        return None
    try:
        utc = value.astimezone(UTC)
    except OverflowError:  # "9999-12-31T23:59:59-14:00": past the calendar's end in UTC
        return None
    limit = max(fetched_at, datetime(2000, 1, 1, tzinfo=UTC)) + timedelta(days=1)
    if utc.year < 1990 or utc > limit:
        return None
    return utc
