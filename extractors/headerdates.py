"""Header date lines of text pages: a date alone or after a label, at the top of the page."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, tzinfo

from extractors.dates import (
    LABELS,
    WEEKDAY,
    YEAR,
    check_plausible,
    find_labelled_date,
    iterate_dates,
    unglue,
)
from extractors.itemdates import is_item_date

# Header date lines of text pages without front matter: a date alone ("February 13, 2025",
# "2025-01-15 10:30 来源：X") or after a label at the line start ("Published: …", "Posted on …
# by X", "发布时间：…"). A label naming the original document ("Original Published:", "原文发布时间")
# outranks the repost's own "Published:"; an "Updated:" date is kept for last.
_LABEL_CLASSES = (
    (
        "original",
        r"(?:original(?:ly)?|source|document)\s+(?:publication\s+date|publish(?:ed)?\s+date|"
        r"published(?:\s+(?:on|at))?|posted(?:\s+(?:on|at))?|release\s+date|date)"
        r"|first\s+(?:published|posted)(?:\s+(?:on|at))?"
        r"|原文(?:发布|發布|發佈|发表|發表)?(?:时间|時間|日期)|原始(?:发布|發布|發佈)(?:时间|時間|日期)"
        r"|首发(?:时间|于)|首發(?:時間|於)",
    ),
    (
        "updated",
        r"(?:last\s+)?(?:updated|modified|revised)(?:\s+(?:on|at))?|(?:最后|最後)?更新(?:时间|時間|日期|于|於)?"
        r"|修改(?:时间|時間|日期)",
    ),
    (
        "published",
        r"(?:date\s+)?published(?:\s+(?:on|at))?|publication\s+date|publish\s+date|"
        r"posted(?:\s+(?:on|at))?|released(?:\s+on)?|issued(?:\s+on)?|dated|date"
        r"|發佈(?:时间|時間|日期|於)|" + "|".join(label for label in LABELS if not label.isascii()),
    ),
)
_LINE_LEAD = r"^[\s>*·•|｜\-–—]*(?:[\[【(（]\s*)?"
_HEADER_LABEL = {
    name: re.compile(_LINE_LEAD + rf"(?:{pattern})\s*(?:[:：]\s*|\s+|(?=\d))(?:{WEEKDAY})?", re.I)
    for name, pattern in _LABEL_CLASSES
}
_BARE_LEAD = re.compile(_LINE_LEAD + rf"(?:{WEEKDAY})?", re.IGNORECASE)
_ATTRIBUTION = re.compile(
    r"^[\s|｜·•/\-–—]*(?:by|via|source|author|来源|來源|作者|编辑|編輯|记者|記者|文)(?:\b|[:：\s])",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[。！？!?；]|[.;]\s+\S|^[,，]")
_PROSE_LINE = re.compile(r"[。！？!?]|\.(?:\s|$)")
_HEADER_LINES = 12
_TITLE_SEARCH = 40
_DATE_LINE_MAX = 120


def _short_rest(rest: str) -> bool:
    """Return True when what follows a header date is an attribution or a few short tokens."""
    rest = rest.strip(" \t)]）】,，|｜·•")
    if not rest:
        return True
    if len(rest) > 80 or (_SENTENCE.search(rest) and not _ATTRIBUTION.match(rest)):
        return False
    return bool(_ATTRIBUTION.match(rest)) or (len(rest) <= 16 and len(rest.split()) <= 3)


def read_date_line(line: str, zone: tzinfo) -> tuple[str, datetime] | None:
    """Return the kind ("original", "updated", "published", "bare") and date of a header date line."""
    if len(line) > _DATE_LINE_MAX or not YEAR.search(line):
        return None
    kind, m = next(
        ((name, hit) for name, label in _HEADER_LABEL.items() if (hit := label.match(line))),
        ("bare", _BARE_LEAD.match(line)),
    )
    at = unglue(line, m.end()) if m is not None and kind != "bare" else (m.end() if m else 0)
    found = next(iter(iterate_dates(line[at:], zone)), None)
    if found is None or found.start > 1 or found.end < 0:
        return None
    return (kind, found.value) if _short_rest(line[at + found.end :]) else None


def find_header_dates(
    lines: list[str],
    titles: Iterable[str],
    zone: tzinfo,
    fetched_at: datetime,
    items: frozenset[str] = frozenset(),
) -> dict[str, datetime]:
    """Return the first plausible date of each kind in a text page's header zone."""
    # The zone: the first non-empty lines up to the first prose line, plus the line right under
    # the title wherever it is. Title and heading lines are skipped (an event date in a headline
    # is not the page's date); "under_title" holds the date printed right under the title.
    names = {" ".join(t.split()) for t in titles if t}
    found: dict[str, datetime] = {}
    seen = 0
    after_title = False
    for line in lines:
        text = " ".join(line.split())
        if not text:
            continue
        if text in names:
            after_title = True
            continue
        seen += 1
        if seen > _TITLE_SEARCH or (seen > _HEADER_LINES and not after_title):
            break
        read = read_date_line(text, zone)
        labelled = find_labelled_date(text, zone) if items and read is not None else None
        if labelled is not None and is_item_date(text, labelled, items):
            read = None  # a digest item's own date line ("## 条目" / "发布时间：…"), not the page's
        value = check_plausible(read[1], fetched_at) if read is not None else None
        if read is not None and value is not None:
            if after_title and read[0] != "updated":
                found.setdefault("under_title", value)
            found.setdefault(read[0], value)
        after_title = False
        if len(text) > 100 or (len(text) >= 60 and _PROSE_LINE.search(text)):
            break
    return found


# A periodical names its issue by its day at one end of its title ("Daily Digest — 2026-02-26",
# "周报 #233 | 2023-02-20", "🗞 2025年8月1日 AI 日报"): the page's own date when it prints no other.
# Only a numeric day with its year, set off from the title's words by a separator or a space, and
# the title's only date: a headline's event date sits in its sentence ("定于2024年3月5日召开",
# "set for March 5, 2024", "votes on 2025-03-04") and a range ("2025-01-01 ~ 2025-01-07") names
# no one day.
_ISSUE_DAY = re.compile(r"^\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?$")
_ISSUE_EDGE = re.compile(r"^[\W_]*$")  # separators, brackets, marks, emoji: no word
_ISSUE_GAP = re.compile(r"[\W_]$")
_SENTENCE_WORD = re.compile(r"(?:^|\s)[a-z]+\s$")


def find_issue_date(title: str | None, zone: tzinfo) -> datetime | None:
    """Return the day a title names at one of its ends as its issue's date, else None."""
    text = " ".join((title or "").split())
    dates = list(iterate_dates(text, zone))
    if len(dates) != 1 or dates[0].end < 0:
        return None
    found = dates[0]
    day = text[found.start : found.end].rstrip()
    if not _ISSUE_DAY.match(day):
        return None
    before, after = text[: found.start], text[found.start + len(day) :]
    ends = bool(_ISSUE_EDGE.match(after)) and (not before or bool(_ISSUE_GAP.search(before)))
    if ends and before.endswith(" ") and _SENTENCE_WORD.search(before):
        ends = False  # "Council votes on 2025-03-04": the sentence goes on into its date
    starts = bool(_ISSUE_EDGE.match(before)) and (not after or bool(_ISSUE_EDGE.match(after[0])))
    return found.value if ends or starts else None
