"""Status cues of a sentence, the dates the text gives them, and a measure's current status."""

from __future__ import annotations

import calendar
import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from extractors.rows import MEASURE_STATUSES, MeasureEvent
from extractors.signals.periods import find_periods
from extractors.signals.records import Period

# Status words, Simplified Chinese and English (the match text is Simplified). Most specific first:
# a span taken by one status is not read again by a later one (正式生效 is in_force, not adopted).
_CUES: tuple[tuple[str, str], ...] = (
    (
        "revoked",
        r"废止|撤销|废除|撤回|取消了|rescind\w*|rescission|revok\w*|revocation|repeal\w*|scrapped|"
        r"overturn\w*|withdrawn|struck down",
    ),
    (
        "suspended",
        r"暂停实施|暂缓实施|暂停执行|中止|suspend\w*|suspension|paus(?:e|es|ed|ing)\b|"
        r"put on hold|on hold|enjoin\w*|(?:preliminary )?injunction against",
    ),
    (
        "amended",
        r"修订|修正|修改|扩大了?|收紧|列入|amend\w*|revised|revision|expand\w*|tighten\w*|"
        r"adding|added to|adds|updat(?:ed|es|ing)\b",
    ),
    (
        "in_force",
        r"正式生效|生效|施行|正式实施|起实施|开始实施|全面实施|付诸实施|起适用|开始适用|适用于|"
        r"(?:takes?|took|taking|go(?:es)?|went|gone) (?:into )?effect|"
        r"(?:enter(?:s|ed)?|c[oa]me|comes) into force|entry into force|in force|"
        r"appl(?:y|ies|ied) from|(?:begins?|began|starts?|started) to apply|"
        r"(?:becomes?|became|is|was|are|were) (?:now )?(?:effective|applicable)|"
        r"effective (?:from|on|as of|immediately|today)",
    ),
    ("signed", r"签署|签发|signed|signs|signing|signature"),
    (
        "adopted",
        r"通过了|审议通过|表决通过|正式通过|已通过|通过(?=[《「“])|核定|印发|公布|颁布|发布|发表|出台|"
        r"adopt(?:s|ed|ion)\b|pass(?:es|ed|age)\b|approv(?:es|ed|al)\b|enact(?:s|ed|ment)\b|"
        r"publish(?:es|ed|ing)?\b|publication|issu(?:es|ed|ing|ance)\b|finali[sz](?:es|ed|ing)\b|"
        r"releas(?:es|ed|ing)\b|dated(?= (?:January|February|March|April|May|June|July|August|"
        r"September|October|November|December|\d))",
    ),
    (
        "proposed",
        r"草案|征求意见|意见稿|拟议|propos(?:ed|es|al|als)\b|draft|introduc(?:es|ed|ing)\b|"
        r"unveiled a draft|(?:notice of )?proposed rulemaking|"
        r"(?:request(?:s|ed|ing)?|seek(?:s|ing)?|invit(?:es|ed|ing)|solicit(?:s|ed|ing)?)"
        r"(?: public)? comments?\b|request for comments?\b|(?:open|put) (?:out )?for (?:public )?comment",
    ),
    (
        "announced",
        r"宣布|推出|announc(?:es|ed|ing)\b|unveil(?:s|ed|ing)?\b|launch(?:es|ed|ing)?\b|planned|slated|"
        r"lists|direct(?:s|ed|ing)? (?:the )?(?:development|creation|preparation|drafting) of|"
        r"calls? for (?:the )?(?:development|creation) of|"
        r"shall (?:develop|prepare|submit|issue|publish)|will develop",
    ),
)
_CUE_RE = [(status, re.compile(pattern, re.I)) for status, pattern in _CUES]
# Publication verbs: of a draft or a proposal they publish the proposal, else the instrument.
_PUBLISH = re.compile(
    r"印发|公布|发布|发表|出台|publish\w*|issu\w*|releas\w*|unveil\w*|announc\w*|launch\w*", re.I
)
_RANK = {status: i for i, status in enumerate(MEASURE_STATUSES)}
_LIFECYCLE = ("announced", "proposed", "adopted", "signed", "in_force")


@dataclass(frozen=True, slots=True)
class Cue:
    """One status word in a sentence, with its span."""

    status: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DatedCue:
    """A status cue with the date the text gives it (None: the sentence gives none)."""

    cue: Cue
    period: Period | None


def find_cues(sentence: str, draft: bool = False) -> list[Cue]:
    """Return the status cues of a sentence in order, no two overlapping.

    When the sentence is about a draft (a proposed cue, or a title marked 草案), a publication
    verb publishes the proposal: it becomes a proposed cue.
    """
    cues = _raw_cues(sentence)
    if draft or any(c.status == "proposed" for c in cues):
        cues = [
            Cue("proposed", c.start, c.end)
            if c.status in ("adopted", "announced") and _PUBLISH.fullmatch(sentence, c.start, c.end)
            else c
            for c in cues
        ]
    return cues


# Future markers right before a publication or signing verb: the step is planned, not taken.
_FUTURE = re.compile(
    r"(?:将要|即将|将|拟|计划|准备|will(?: be)?|plans? to|(?:is|are) expected to(?: be)?|to be)\s*$",
    re.I,
)
# A condition right before a step ("when finalized", "once adopted", "if passed"): not a step taken.
_CONDITION = re.compile(r"\b(?:when|once|if|until|unless)\s+(?:it is\s+|it was\s+)?$", re.I)
_PLANNED = frozenset({"adopted", "signed"})
FUTURE_REACH = 12  # characters before the verb searched for a future marker


def plan_cues(sentence: str, dated: list[DatedCue]) -> list[DatedCue]:
    """Return the cues with an undated planned step (将发布, will be signed) made `announced`,
    and without a conditional one ("when finalized").

    A planned step the sentence dates (将于7月17日发布) keeps its status: it is scheduled.
    """
    out = []
    for d in dated:
        lo = max(0, d.cue.start - FUTURE_REACH)
        if d.cue.status in _PLANNED and _CONDITION.search(sentence, lo, d.cue.start):
            continue  # a conditional step ("when finalized") is not an event
        if (
            d.period is None
            and d.cue.status in _PLANNED
            and _FUTURE.search(sentence, lo, d.cue.start)
        ):
            d = DatedCue(Cue("announced", d.cue.start, d.cue.end), None)
        out.append(d)
    return out


def _raw_cues(sentence: str) -> list[Cue]:
    """Return the status words of a sentence, most specific first, no two overlapping."""
    cues: list[Cue] = []
    for status, pattern in _CUE_RE:
        for m in pattern.finditer(sentence):
            if any(c.start < m.end() and m.start() < c.end for c in cues):
                continue
            if m.group().isascii() and not _word_bounded(sentence, m.start(), m.end()):
                continue
            cues.append(Cue(status, m.start(), m.end()))
    return sorted(cues, key=lambda c: c.start)


def _word_bounded(text: str, start: int, end: int) -> bool:
    """Return whether an English cue starts at a word boundary."""
    return start == 0 or not text[start - 1].isalnum()


def date_cues(sentence: str, published: date | None, cues: list[Cue]) -> list[DatedCue]:
    """Give each cue the day or month phrase nearest to it in its sentence (each phrase once)."""
    periods = [
        p
        for p in (find_periods(sentence, published) if published else _absolute(sentence))
        if p.kind in ("day", "month")
    ]
    for extra in english_days(sentence, published):
        periods = [p for p in periods if not _overlaps(p, extra)] + [extra]
    named = weekday_period(sentence, published)
    if named is not None and not any(
        p.offset <= named.offset < p.offset + len(p.phrase) for p in periods
    ):
        periods.append(named)
    taken: set[int] = set()
    out: list[DatedCue] = []
    for cue in cues:
        best: Period | None = None
        best_gap = 10**9
        for p in periods:
            if p.offset in taken:
                continue
            nearest_cue = min(cues, key=lambda c: _gap(c, p))
            if nearest_cue is not cue:
                continue
            gap = _gap(cue, p)
            if gap < best_gap:
                best, best_gap = p, gap
        if best is not None:
            taken.add(best.offset)
        out.append(DatedCue(cue, best))
    return out


_WEEKDAYS = {
    **{name: i for i, name in enumerate(calendar.day_name)},
    **{f"星期{c}": i for i, c in enumerate("一二三四五六")},
    **{f"周{c}": i for i, c in enumerate("一二三四五六")},
    "星期日": 6,
    "星期天": 6,
    "周日": 6,
}
_WEEKDAY_RE = re.compile(
    r"\b(?:on|last) ("
    + "|".join(calendar.day_name)
    + r")\b|(星期[一二三四五六日天]|周[一二三四五六日])"
)


_MONTHS = "|".join(calendar.month_name[1:])
_DAY_FIRST = re.compile(rf"\b(\d{{1,2}}) ({_MONTHS}),? ((?:19|20)\d{{2}})\b")
_NO_YEAR = re.compile(
    rf"\b(?:({_MONTHS}) (\d{{1,2}})\b(?!,? ?\d)|(\d{{1,2}}) ({_MONTHS})\b(?!,? ?\d)"
    rf"|in ({_MONTHS})\b(?!,? ?\d))"
)


def english_days(sentence: str, published: date | None) -> list[Period]:
    """Return '2 February 2025' days, and 'May 15' days placed in the year nearest publication."""
    found: list[Period] = []
    for m in _DAY_FIRST.finditer(sentence):
        month = list(calendar.month_name).index(m.group(2))
        with contextlib.suppress(ValueError):
            day = date(int(m.group(3)), month, int(m.group(1)))
            found.append(Period(day, day, "day", m.group(), m.start()))
    for m in _NO_YEAR.finditer(sentence) if published else ():
        assert published is not None
        name = m.group(1) or m.group(4) or m.group(5)
        month = list(calendar.month_name).index(name)
        number = m.group(2) or m.group(3)
        options = []
        for year in (published.year - 1, published.year, published.year + 1):
            with contextlib.suppress(ValueError):
                options.append(date(year, month, int(number) if number else 1))
        if options:  # the year that puts the day nearest the article
            day = min(options, key=lambda d: abs((d - published).days))
            kind = "day" if number else "month"
            found.append(Period(day, day, kind, m.group(), m.start()))
    return found


def weekday_period(sentence: str, published: date | None) -> Period | None:
    """Return the day a weekday names ('on Tuesday', 周二): the latest such day up to publication."""
    if published is None:
        return None
    m = _WEEKDAY_RE.search(sentence)
    if m is None:
        return None
    wanted = _WEEKDAYS[m.group(1) or m.group(2)]
    day = published - timedelta(days=(published.weekday() - wanted) % 7)
    return Period(day, day, "day", m.group(), m.start())


def _overlaps(a: Period, b: Period) -> bool:
    """Return whether two date phrases overlap in their sentence."""
    return a.offset < b.offset + len(b.phrase) and b.offset < a.offset + len(a.phrase)


def _absolute(sentence: str) -> list[Period]:
    """Return the periods of a sentence that need no publication date (an undated article)."""
    return [p for p in find_periods(sentence, date(1970, 1, 1)) if p.start.year > 1970]


def _gap(cue: Cue, period: Period) -> int:
    """Return the characters between a cue and a date phrase."""
    end = period.offset + len(period.phrase)
    if end <= cue.start:
        return cue.start - end
    return max(0, period.offset - cue.end)


def status_key(event: MeasureEvent) -> tuple[date, int]:
    """Return the order of events: event date, then status order."""
    return (event.event_date or date.min, _RANK.get(event.status, -1))


def is_scheduled(event: MeasureEvent, as_of: date | None) -> bool:
    """Return whether an event is dated after the reference day (announced for later, not yet true)."""
    return as_of is not None and event.event_date is not None and event.event_date > as_of


def is_recount(event: MeasureEvent, events: Sequence[MeasureEvent]) -> bool:
    """Return whether an event dated only by its article retells a stage the text-dated events passed.

    Only lifecycle stages (announced .. in_force) can be retold: a status at least as far on that
    the text dates (in force, amended, revoked) no later than the article shows the measure was
    past them when it was written. A stage the text schedules after the article passes nothing.
    """
    if event.date_source != "article" or event.status not in _LIFECYCLE:
        return False
    level = _RANK[event.status]
    day = event.event_date
    return any(
        e.date_source == "text"
        and e is not event
        and _RANK.get(e.status, -1) >= level
        and (day is None or e.event_date is None or e.event_date <= day)
        for e in events
    )


def current_status(
    events: Sequence[MeasureEvent], as_of: date | None = None
) -> tuple[str, date | None] | None:
    """Return (status, since) as of a day from the latest event up to it; since starts its run.

    Events dated after ``as_of`` are scheduled: they are not the current status (None: no limit).
    """
    timeline = sorted(
        (
            e
            for e in events
            if not is_recount(e, events) and e.event_date and not is_scheduled(e, as_of)
        ),
        key=status_key,
    )
    if not timeline:
        return None
    status = timeline[-1].status
    since = timeline[-1].event_date
    for event in reversed(timeline):
        if event.status != status:
            break
        since = event.event_date
    return status, since
