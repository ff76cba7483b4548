"""Choose a page's own publication date: metadata first, then the header zone, never footers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, tzinfo

import htmldate
from lxml.etree import LxmlError

from extractors.dates import (
    STAMP_WORDS,
    FoundDate,
    check_plausible,
    find_labelled_date,
    find_url_date,
    iterate_dates,
    parse_date,
    parse_date_value,
)
from extractors.headerdates import find_header_dates, find_issue_date
from extractors.itemdates import is_item_date, item_date_labels

# A digit run is read from its first digit only: a search started inside a long run would walk
# the rest of it again from every digit.
_CARD = re.compile(r"(?<!\d)\d+\s*(?:文章[数數]|关注度|關注度|粉丝|粉絲)")
_HEAD_WINDOW = 600
_ABOVE_TITLE = 80
_LINE_BACK = 40
_AFTER_START = 300
_AFTER_END = 400
_TEXT_HEAD_LINES = 30


def _key(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())[:20]


def locate(needle: str | None, haystack: str, start: int = 0) -> int:
    """Return the offset of a paragraph's opening words in visible text, or -1."""
    if not needle:
        return -1
    key = needle.strip()[:20]
    found = haystack.find(key, start) if key else -1
    if found < 0 and len(key) > 8:
        found = haystack.find(key[:8], start)
    return found


def body_end(kept: list[str], body_lines: list[str] | None) -> str:
    """Return the last kept line that ends the body pass's text (kept's last without one)."""
    # Posts that replaced the body pass's text end with the thread's last reply, whose stamp is
    # the thread's last activity; the zone after the body is read after what the body pass
    # kept (the opening post, when it kept that one), so the posts reader does not move it.
    if body_lines:
        held = set(kept)
        return next((line for line in reversed(body_lines) if line in held), kept[-1])
    return kept[-1]


def find_near_zone(
    visible: str, title: str | None, first_para: str | None, last_para: str | None
) -> str:
    """Return text just above the title, just after the body start and after the body end."""
    # Only labelled dates ("时间：", "发表于 …") are read there: e-paper pages print the date
    # above the headline, forums below the thread title and blogs under the post.
    parts: list[str] = []
    title_at = locate(title, visible)
    if title_at > 0:
        # The slice starts at a line start (at most _LINE_BACK more characters back), so a
        # label that opens the line ("Posted: …") is read whole.
        start = max(0, title_at - _ABOVE_TITLE)
        line_start = visible.rfind("\n", max(0, start - _LINE_BACK), start) + 1
        if start > 0 and line_start > 0 and visible[start - 1] != "\n":
            start = line_start
        parts.append(visible[start:title_at])
    body_at = locate(first_para, visible)
    if body_at >= 0:
        parts.append(visible[body_at : body_at + _AFTER_START])
    last_at = locate(last_para, visible, max(body_at, 0))
    if last_para:
        # Found by its own end too: the page may break the paragraph's opening words across
        # inline elements ("对比\nuuzone\n，我宁愿") that the extracted text joins.
        tail = last_para.strip()[-12:]
        tail_at = visible.find(tail, max(last_at, body_at, 0)) if len(last_para) > 40 else -1
        if tail_at >= 0:
            parts.append(visible[tail_at + len(tail) : tail_at + len(tail) + _AFTER_END])
        elif last_at >= 0:
            end = last_at + len(last_para)
            parts.append(visible[end : end + _AFTER_END])
    return "\n".join(parts)


def find_header_zone(visible: str, title: str | None, first_para: str | None) -> str:
    """Return the visible text between the title and the body's first paragraph."""
    # When the title is not found before the body, the text is reversed line by line, so the
    # date nearest to the body comes first.
    body_at = locate(first_para, visible)
    title_at = locate(title, visible)
    if body_at >= 0:
        if 0 <= title_at < body_at and body_at - title_at <= 3 * _HEAD_WINDOW:
            return visible[title_at:body_at]
        above = visible[max(0, body_at - _HEAD_WINDOW) : body_at]
        return "\n".join(reversed(above.split("\n")))
    if title_at >= 0:
        return visible[title_at : title_at + _HEAD_WINDOW]
    return ""


def find_date_above_title(
    visible: str, title: str | None, zone: tzinfo, fetched_at: datetime
) -> datetime | None:
    """Return a date printed on the line right above the title (e-paper layouts), else None."""
    title_at = locate(title, visible)
    if title_at <= 0:
        return None
    above = visible[max(0, title_at - 40) : title_at].rstrip()
    lines = above.split("\n")
    found = next(iter(iterate_dates(lines[-1], zone)), None) if lines else None
    if found is None or len(lines[-1].strip()) > 25:
        return None
    return check_plausible(found.value, fetched_at)


def choose_html_date(
    meta_dates: list[str],
    zone_text: str,
    url: str | None,
    zone: tzinfo,
    fetched_at: datetime,
) -> datetime | None:
    """Return the publication date of an HTML page in UTC, or None when it prints none."""
    for raw in meta_dates:
        value = check_plausible(parse_date(raw, zone), fetched_at)
        if value is not None:
            return value
    labelled = find_labelled_date(zone_text, zone)
    if labelled is not None and (value := check_plausible(labelled.value, fetched_at)):
        return value
    for found in iterate_dates(zone_text, zone):
        if value := check_plausible(found.value, fetched_at):
            return value
    return check_plausible(find_url_date(url, zone), fetched_at)


def find_posted_date(text: str, zone: tzinfo, fetched_at: datetime) -> datetime | None:
    """Return a posted date: after a label ("时间：", "发表于") or "于 DATE … 发表", else None."""
    labelled = find_labelled_date(text, zone)
    if labelled is not None:
        return check_plausible(labelled.value, fetched_at)
    for found in iterate_dates(text, zone):
        before = text[max(0, found.start - 3) : found.start]
        after = text[found.start : found.start + 60]
        if ("于" in before or "於" in before) and _POSTED_AFTER.search(after):
            return check_plausible(found.value, fetched_at)
    return None


def choose_text_date(
    meta_date: object,
    lines: list[str],
    url: str | None,
    zone: tzinfo,
    fetched_at: datetime,
    titles: Iterable[str] = (),
    item_meta: bool = False,
) -> datetime | None:
    """Return the publication date of a text dump: header field, header date line, card, URL."""
    # Rule: a header line labelled as the original's date ("Original Published:", "原文发布时间")
    # wins over everything, the repost's own stamp and front matter included; then the front
    # matter or header field; then the date line right under the title, then the first date
    # line of the header zone; "Updated:" only when nothing else (not even the URL) dates it.
    # A digest's item dates (item_meta: its header field came from a label repeated per item)
    # give way when the page names its own day elsewhere: its title's issue day or its own
    # "Updated:" stamp. A thread with no such day keeps its first post's date.
    titles = tuple(titles)
    header = find_header_dates(lines[: _TEXT_HEAD_LINES * 2], titles, zone, fetched_at)
    own = find_issue_date(next(iter(titles), None), zone) or header.get("updated")
    items = item_date_labels(lines, zone) if own is not None else frozenset()
    if items:
        header = find_header_dates(lines[: _TEXT_HEAD_LINES * 2], titles, zone, fetched_at, items)
    if "original" in header:
        return header["original"]
    if meta_date is not None and not (item_meta and own is not None):
        value = check_plausible(parse_date_value(meta_date, zone), fetched_at)
        if value is not None:
            return value
    for kind in ("under_title", "published", "bare"):
        if kind in header:
            return header[kind]
    head = "\n".join(lines[:_TEXT_HEAD_LINES])
    labelled = find_labelled_date(head, zone)
    if labelled is not None and is_item_date(head, labelled, items):
        labelled = None  # the first item's own date on a digest, not the page's
    if labelled is not None and (value := check_plausible(labelled.value, fetched_at)):
        return value
    card_date, _name = read_author_card(lines, zone)
    if card_date is not None and (value := check_plausible(card_date, fetched_at)):
        return value
    return check_plausible(find_url_date(url, zone), fetched_at) or header.get("updated")


def read_author_card(lines: list[str], zone: tzinfo) -> tuple[datetime | None, str | None]:
    """Return the date and name of a platform author card ("date / name / bio / 3706文章数")."""
    # Self-media platforms print the post's date directly above the account's card; the card's
    # first line is the account name.
    for i, line in enumerate(lines):
        if not _CARD.search(line):
            continue
        window = lines[max(0, i - 6) : i]
        for j in range(len(window) - 1, -1, -1):
            prev = window[j].strip()
            found = next(iter(iterate_dates(prev, zone)), None)
            if found is not None and len(prev) <= 25:
                names = [ln.strip() for ln in window[j + 1 :] if ln.strip()]
                name = names[0].split(" ")[0] if names else None
                return found.value, name
    return None, None


_PROSE_END = re.compile(r"[。！？!?]|\.(?:\s|$)")
_POSTED_AFTER = re.compile(r"发表|發表|张贴|張貼|发布|發布")
_CLAUSE = re.compile(r"[。，,！？!?；]")
_DATELINE_MAX = 90
_DATELINE_REST = 45
# A full stop ends the line, maybe followed by a short credit in brackets ("… erscheinen. (ji)").
_SENTENCE_END = re.compile(r"[^\W_]{2}[.!?][\"'”’»)]*(?:\s*\([^()]{1,12}\))?\s*$")
_TOLD_WORD = re.compile(r"(?<![\w.])[a-zà-ÿß]{3,}(?!\w)")
_TOLD_WORDS = 2
_POSTED = re.compile(
    r"发表于|發表於|发表时间|发布于|發布於|张贴|張貼|posted|published|发布时间|發布時間",
    re.IGNORECASE,
)


def split_datelines(
    paras: list[str],
    zone: tzinfo,
    title: str | None = None,
    code: frozenset[int] = frozenset(),
) -> tuple[list[str], datetime | None, datetime | None, str]:
    """Remove date lines ("2005-04-27 14:32 来源：X", "发表于 …") from the body."""
    # Returns the remaining paragraphs, the first date line's date among the opening paragraphs
    # (the article's header), the first labelled "posted" date line after the body and the
    # header date lines' text (which may name the author and outlet). The title's own line is
    # never a date line: an event date in a headline is not the page's date, and neither is a
    # line of the page's code listings (the indices in code: a log's "2023-01-06 14:21 …" lines).
    kept: list[str] = []
    header: datetime | None = None
    footer: datetime | None = None
    long_seen = 0
    header_text: list[str] = []
    previous = ""
    items = item_date_labels(paras, zone) if find_issue_date(title, zone) else frozenset()
    for index, para in enumerate(paras):
        if index in code:
            kept.append(para)
            continue
        dates: list[FoundDate] = []
        # The value of a field of a user card ("Joined:" over "Jun 21, 2008") is no date line.
        if len(para) <= _DATELINE_MAX and para != title and not _field_label(previous):
            dates = list(iterate_dates(para, zone))
        previous = para
        found = dates[0] if dates else None
        labelled = find_labelled_date(para, zone) if items and found is not None else None
        item = labelled is not None and is_item_date(para, labelled, items)
        rest = _rest_of(para) if found is not None else ""
        told = found is not None and _tells(para, dates)
        if found is None or len(rest) > _DATELINE_REST or _CLAUSE.search(rest) or told:
            # A line whose only other words are a name ("Ellen Ray April 12, 2011") dates the
            # page when it opens the body; it stays in the text, as before.
            if (
                found is not None
                and not told
                and header is None
                and long_seen == 0
                and len(kept) < 8
                and not item
            ):
                named = _rest_of(para, dates)
                header = (
                    found.value
                    if len(named) <= _DATELINE_REST and not _CLAUSE.search(named)
                    else None
                )
            kept.append(para)
            if len(para) > 60 and _PROSE_END.search(para):
                long_seen += 1
            continue
        if item:
            continue  # a digest item's own date line: out of the body, but not the page's date
        if long_seen == 0 and len(kept) <= 8:
            header = header or found.value
            header_text.append(para)
        elif _POSTED.search(para):
            footer = footer or found.value
    return kept, header, footer, "\n".join(header_text)


# A line that labels the next one ("Joined:", "Location:", "注册时间："): short, no digits, a
# colon at the end. Labels of the page's own date ("Posted:", "Date:", "发布时间：") are not
# field labels here.
_FIELD_LABEL = re.compile(r"^[^\d:：]{2,24}[:：]$")
_PAGE_DATE_LABEL = re.compile(r"date|time|日期|时间|時間", re.IGNORECASE)


def _field_label(line: str) -> bool:
    """Return True for a label line of a card field other than the page's own date."""
    label = line.strip()
    return (
        _FIELD_LABEL.match(label) is not None
        and not _POSTED.search(label)
        and not _PAGE_DATE_LABEL.search(label)
    )


_DATE_TEXT = re.compile(
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?"
    r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?|\d{1,2}/\d{1,2}/(?:19|20)\d{2}[\s\d:APMapm.]*"
)


def _tells(para: str, dates: list[FoundDate]) -> bool:
    """Return True for a short sentence with a date in it ("The vote is set for 3 May 2011.")."""
    # A date line's other words are labels, names and clock words ("Posted on … by admin",
    # "Updated … at 5:00 p.m."); a sentence ending in a full stop has words of its own: at
    # least _TOLD_WORDS lower-case words of three letters or more outside its dates ("soll",
    # "erscheinen"; "hearing", "scheduled", "for").
    if not _SENTENCE_END.search(para):
        return False
    return len(_TOLD_WORD.findall(" ".join(_outside(para, dates)))) >= _TOLD_WORDS


def _outside(para: str, dates: Iterable[FoundDate]) -> list[str]:
    """Return the pieces of a line outside the given dates."""
    pos, parts = 0, []
    for found in dates:
        if found.start >= pos and found.end > found.start:
            parts.append(para[pos : found.start])
            pos = found.end
    parts.append(para[pos:])
    return parts


def _rest_of(para: str, dates: Iterable[FoundDate] = ()) -> str:
    """Return a line without its dates (numeric and given), weekdays, clock times and blanks."""
    return "".join(STAMP_WORDS.sub("", _DATE_TEXT.sub("", "".join(_outside(para, dates)))).split())


_STAMP_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def search_page_date(
    markup: str, url: str | None, zone: tzinfo, fetched_at: datetime, extensive: bool
) -> datetime | None:
    """Return htmldate's original publication date of a page (the fallback of our own)."""
    # Only the search asked for (quick by default): the wider one that round 19 asked when the
    # URL named a month added no date on any dated dev set by round 27 and gave the month's 1st
    # on static-site pages, for a third of their extraction time (docs/quality.md, wd27).
    return _htmldate(_offline(markup), url, zone, fetched_at, extensive)


def _offline(markup: str) -> str:
    """Return markup that htmldate's loader parses as a page and never fetches as an address."""
    # htmldate.utils.load_html downloads a str that opens with "http" and holds no space; an
    # extractor does no I/O, so such markup is read as the page it is (after a leading blank).
    return " " + markup if markup.startswith("http") and " " not in markup else markup


def _htmldate(
    markup: str, url: str | None, zone: tzinfo, fetched_at: datetime, extensive: bool
) -> datetime | None:
    """Return htmldate's date of a page, checked as plausible, or None."""
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
    return check_plausible(parse_date(found, zone), fetched_at) if found else None
