"""Resolve date phrases (今年7月底, 去年10月30日, 昨天, 3日, 2025财年, FY2025) against a publication date."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from extractors.signals.records import Period

_REL_YEAR = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1, "后年": 2}
_REL_DAY = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "明天": 1}
_EN_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m} | {
    m.lower(): i for i, m in enumerate(calendar.month_abbr) if m
}

_PERIOD_RE = re.compile(
    r"(?=[\d今本去上前明后昨北当美FfJFMASOND])"
    r"(?:(?P<fy>(?:(?P<fy1>\d{4})\s?[-–~至到]\s?)?(?P<fy2>\d{4})\s?(?:财年|财政年度|会计年度)"
    r"|FY\s?(?P<fyen>\d{4}|\d{2})\b|[Ff]iscal (?:[Yy]ear )?(?P<fyen2>\d{4}))"
    r"|(?P<jfy>(?P<jy>\d{4})年度)"
    r"|(?P<ymd>(?P<y1>\d{4})\s?年\s?(?P<m1>\d{1,2})\s?月(?:\s?(?P<d1>\d{1,2})\s?[日号]|(?P<part1>底|末|初|中旬|上旬|下旬))?)"
    r"|(?P<iso>(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2}))"
    r"|(?P<rel>(?P<rw>今年|本年|去年|上年|前年|明年|后年)(?:(?P<m3>\d{1,2})月(?:(?P<d3>\d{1,2})[日号]|(?P<part3>底|末|初|中旬|上旬|下旬))?"
    r"|(?P<half3>上半年|下半年|年初|年底|年末|初|底))?)"
    r"|(?P<year>(?P<y4>(?:19|20)\d{2})\s?年(?P<half4>上半年|下半年|初|底|末)?)"
    r"|(?P<md>(?:北京时间|当地时间|美东时间|美国时间)?(?<![\d年])(?P<m5>\d{1,2})\s?月\s?(?P<d5>\d{1,2})\s?[日号])"
    r"|(?P<mo>(?<![\d年])(?P<m6>\d{1,2})月(?P<part6>底|末|初|中旬|上旬|下旬)?(?![\d份]))"
    r"|(?P<day>(?<![\d月年.])(?P<d7>\d{1,2})日(?!元))"
    r"|(?P<relday>今天|今日|昨天|昨日|前天|明天)"
    r"|(?P<relmon>上个月|上月|本月|这个月|下个月)"
    r"|(?P<en>(?P<enmon>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?(?:\s(?P<end>\d{1,2}))?,?\s(?P<eny>(?:19|20)\d{2})))"
)


def _get_month_span(year: int, month: int, part: str | None = None) -> tuple[date, date]:
    """Return the first and last day of a month, or of its part (初, 底, 中旬)."""
    last = calendar.monthrange(year, month)[1]
    if part in ("初", "上旬"):
        return date(year, month, 1), date(year, month, 10)
    if part == "中旬":
        return date(year, month, 11), date(year, month, 20)
    if part in ("底", "末", "下旬"):
        return date(year, month, 21), date(year, month, last)
    return date(year, month, 1), date(year, month, last)


def _get_year_span(year: int, part: str | None = None) -> tuple[date, date]:
    """Return the span of a calendar year or of its half, start or end."""
    if part == "上半年":
        return date(year, 1, 1), date(year, 6, 30)
    if part == "下半年":
        return date(year, 7, 1), date(year, 12, 31)
    if part in ("初", "年初"):
        return date(year, 1, 1), date(year, 3, 31)
    if part in ("底", "末", "年底", "年末"):
        return date(year, 10, 1), date(year, 12, 31)
    return date(year, 1, 1), date(year, 12, 31)


def fiscal_year_span(year: int, start_month: int) -> tuple[date, date]:
    """Return the span of fiscal year `year` (named by the year it ends in) starting in start_month."""
    if start_month <= 1:
        return date(year, 1, 1), date(year, 12, 31)
    return date(year - 1, start_month, 1), date(year, start_month, 1) - timedelta(days=1)


def _make_date(year: int, month: int, day: int) -> date | None:
    """Return a date or None when the fields are out of range."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve(
    m: re.Match[str], pub: date, fy_start: int, japan: bool
) -> tuple[date, date, str] | None:
    """Return (start, end, kind) for one matched phrase."""
    g = m.groupdict()
    if g["fy"]:
        raw = g["fy2"] or g["fyen"] or g["fyen2"] or ""
        year = int(raw) + (2000 if len(raw) == 2 else 0)
        first = int(g["fy1"]) if g["fy1"] else year
        if not 1900 <= first <= year <= 2100:
            return None
        if japan and fy_start == 4:  # Japan names a fiscal year by the year it starts in (2025年度)
            return date(first, 4, 1), date(year + 1, 3, 31), "fiscal_year"
        return (
            fiscal_year_span(first, fy_start)[0],
            fiscal_year_span(year, fy_start)[1],
            "fiscal_year",
        )
    if g["jfy"]:
        year = int(g["jy"])
        if japan:
            return date(year, 4, 1), date(year + 1, 3, 31), "fiscal_year"
        return (*_get_year_span(year), "year")
    if g["ymd"]:
        year, month = int(g["y1"]), int(g["m1"])
        if not 1 <= month <= 12:
            return None
        if g["d1"]:
            d = _make_date(year, month, int(g["d1"]))
            return (d, d, "day") if d else None
        return (*_get_month_span(year, month, g["part1"]), "month")
    if g["iso"]:
        d = _make_date(int(g["y2"]), int(g["m2"]), int(g["d2"]))
        return (d, d, "day") if d else None
    if g["rel"]:
        year = pub.year + _REL_YEAR[g["rw"]]
        if g["m3"]:
            month = int(g["m3"])
            if not 1 <= month <= 12:
                return None
            if g["d3"]:
                d = _make_date(year, month, int(g["d3"]))
                return (d, d, "day") if d else None
            return (*_get_month_span(year, month, g["part3"]), "month")
        return (*_get_year_span(year, g["half3"]), "year")
    if g["year"]:
        return (*_get_year_span(int(g["y4"]), g["half4"]), "year")
    if g["md"] or g["mo"]:
        month = int(g["m5"] or g["m6"])
        if not 1 <= month <= 12:
            return None
        if _is_future(m):
            year = pub.year if month >= pub.month else pub.year + 1
        else:
            year = pub.year if month <= pub.month + 1 else pub.year - 1
        if g["md"]:
            d = _make_date(year, month, int(g["d5"]))
            return (d, d, "day") if d else None
        return (*_get_month_span(year, month, g["part6"]), "month")
    if g["day"]:
        day = int(g["d7"])
        year, month = (pub.year, pub.month)
        if day > pub.day + 1:
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        d = _make_date(year, month, day)
        return (d, d, "day") if d else None
    if g["relday"]:
        d = pub + timedelta(days=_REL_DAY[g["relday"]])
        return d, d, "day"
    if g["relmon"]:
        shift = {"上个月": -1, "上月": -1, "下个月": 1}.get(g["relmon"], 0)
        month_index = pub.year * 12 + pub.month - 1 + shift
        return (*_get_month_span(month_index // 12, month_index % 12 + 1), "month")
    if g["en"]:
        month = _EN_MONTHS[g["enmon"].lower()[:3] if g["enmon"].lower() != "sept" else "sep"]
        year = int(g["eny"])
        if g["end"]:
            d = _make_date(year, month, int(g["end"]))
            return (d, d, "day") if d else None
        return (*_get_month_span(year, month), "month")
    return None


# A date without a year that a plan or a start points to is ahead of the publication date
# (百度将…并于6月30日起开源), not in the past year.
_FUTURE_BEFORE = re.compile(
    r"将|將|计划|計劃|预计|預計|拟|擬|即将|即將|will|plans? to|expected to|scheduled"
)
_FUTURE_AFTER = re.compile(r"\s*(?:起|开始|開始|前|之前|以前|生效|上线|上線)")


def _is_future(m: re.Match[str]) -> bool:
    """Return whether a yearless date is announced ahead: a future word in its clause, or 起 after it."""
    text, start = m.string, m.start()
    lo = max(text.rfind(c, 0, start) for c in "。！？!?；;\n，,") + 1
    clause = text[max(lo, start - 40) : start]
    return bool(_FUTURE_BEFORE.search(clause)) or _FUTURE_AFTER.match(text, m.end()) is not None


def match_periods(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """Return the raw date-phrase matches of text[start:end] (resolve with resolve_matches)."""
    return list(_PERIOD_RE.finditer(text, start, len(text) if end is None else end))


_RELATIVE = ("md", "mo", "day", "relday", "relmon")


def _is_relative(m: re.Match[str]) -> bool:
    """Return whether a phrase needs the publication date (今年7月底, 3日, 昨天 …)."""
    return any(m[g] for g in _RELATIVE) or bool(m["rel"])


def resolve_matches(
    matches: list[re.Match[str]], published: date | None, fy_start: int = 1, japan: bool = False
) -> list[Period]:
    """Return the periods of date-phrase matches, skipping unresolvable ones (relative ones without a date)."""
    periods: list[Period] = []
    for m in matches:
        if published is None and _is_relative(m):
            continue
        try:
            got = _resolve(
                m, published or date(1970, 1, 1), fy_start, japan
            )  # absolute: date unused
        except (ValueError, OverflowError, KeyError):
            got = None
        if got is not None:
            periods.append(Period(got[0], got[1], got[2], m.group(), m.start()))
    return periods


def find_periods(
    text: str, published: date, fy_start: int = 1, japan: bool = False
) -> list[Period]:
    """Return every resolvable date phrase in a text, in order; never raises."""
    return resolve_matches(match_periods(text), published, fy_start, japan)


def resolve_period(phrase: str, published: date, fy_start: int = 1) -> Period | None:
    """Return the period named by a single phrase such as 去年10月30日 or 2025财年."""
    found = find_periods(phrase, published, fy_start)
    return found[0] if found else None
