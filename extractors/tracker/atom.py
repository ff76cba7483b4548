"""The Atom feed (RFC 4287) of the weekly digests: one entry per week with items, newest first.

An entry's ``updated`` is when the week's entry last changed: the previous feed is read back and
an entry whose title, link and summary are unchanged keeps its stamp, so re-running a week with
nothing new rewrites the feed byte for byte. Entry ids are ``urn:uuid`` names derived from the
week alone, stable across runs and base URLs.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
import xml.etree.ElementTree as ET  # parses only the feed this module wrote (DATA/digests)
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from html import escape as html_escape
from urllib.parse import urlsplit

from extractors.digest.build import count_outlets
from extractors.digest.model import ArticleRef
from extractors.digest.weeks import parse_week
from extractors.rows import DigestItem

ATOM_NS = "http://www.w3.org/2005/Atom"
# Our one extension element (RFC 4287 6.4): a digest of the week's rows, to tell changed weeks.
RADAR_NS = "urn:uuid:0c1c5f1e-3f0a-5b7e-9a51-6b8f2f3d7a10"
FEED_TITLE = "Policy Radar: AI policy weekly digests"
FEED_SUBTITLE = "What is new in AI policy each week, from Chinese and English news."
AUTHOR = "Policy Radar"
ID_NAMESPACE = uuid.UUID("5d6c2c0e-8f43-5a61-b1a4-2f7e0c9d4b38")  # fixed: ids never change
TOP_ITEMS = 5
# Characters XML 1.0 does not allow, even escaped (C0 controls but tab, newline, return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class FeedWeek:
    """One week's digest as the feed shows it: its ranked items and the outlets behind them."""

    week: str
    items: Sequence[DigestItem]
    n_outlets: int

    @property
    def n_articles(self) -> int:
        """Return the number of distinct articles behind the week's items."""
        return len({a for item in self.items for a in item.article_ids})

    @property
    def n_new(self) -> int:
        """Return the number of new items (the rest are updates to earlier items)."""
        return sum(1 for item in self.items if item.is_new)

    def fingerprint(self) -> str:
        """Return a digest of every field of the week's rows: it changes when the digest does."""
        rows = sorted((asdict(i) for i in self.items), key=lambda r: (r["rank"], r["item_id"]))
        blob = json.dumps([self.n_outlets, rows], sort_keys=True, default=str, ensure_ascii=False)
        return "sha256:" + hashlib.sha256(blob.encode("utf-8")).hexdigest()


def feed_weeks(items: Sequence[DigestItem], articles: Mapping[str, ArticleRef]) -> list[FeedWeek]:
    """Group `digest_items` rows by week, counting the outlets of the articles they cite."""
    by_week: dict[str, list[DigestItem]] = {}
    for item in items:
        by_week.setdefault(item.week, []).append(item)
    weeks: list[FeedWeek] = []
    for week, rows in sorted(by_week.items()):
        ids = sorted({a for r in rows for a in r.article_ids})
        outlets = count_outlets([articles[a] for a in ids if a in articles])
        weeks.append(FeedWeek(week, sorted(rows, key=lambda r: (r.rank, r.item_id)), outlets))
    return weeks


@dataclass(frozen=True, slots=True)
class Stamp:
    """What the previous feed said of one entry: its content key and its updated time."""

    key: tuple[str, str, str, str]
    updated: datetime


def entry_id(week: str) -> str:
    """Return the stable Atom id of a week's entry (a name-based UUID URN)."""
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, f'digest/{week}')}"


def feed_id() -> str:
    """Return the stable Atom id of the feed."""
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, 'digests')}"


def check_base_url(base_url: str) -> str:
    """Return an absolute http(s) base URL ending in '/' (or ''); raise ValueError otherwise."""
    base = base_url.strip()
    if not base:
        return ""
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"feed base URL must be an absolute http(s) URL, got {base_url!r}")
    if parts.query or parts.fragment:
        raise ValueError(f"feed base URL must not have a query or fragment, got {base_url!r}")
    return base if base.endswith("/") else base + "/"


def rfc3339(when: datetime) -> str:
    """Return an aware datetime as an RFC 3339 UTC timestamp to the second."""
    if when.tzinfo is None:
        raise ValueError("feed timestamps must be timezone-aware")
    return when.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _text(value: str) -> str:
    """Return text escaped for XML element content and attributes."""
    return html_escape(_NOT_XML.sub("", value), quote=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def entry_title(week: FeedWeek) -> str:
    """Return an entry's title."""
    monday = parse_week(week.week)
    return f"AI policy weekly digest, {week.week} (week of {monday.day} {monday:%b %Y})"


def entry_numbers(week: FeedWeek) -> str:
    """Return the headline numbers of a week as one sentence."""
    return (
        f"{_plural(len(week.items), 'item')} ({week.n_new} new, "
        f"{_plural(len(week.items) - week.n_new, 'update')}) from "
        f"{_plural(week.n_articles, 'article')} in {_plural(week.n_outlets, 'outlet')}."
    )


def entry_summary(week: FeedWeek) -> str:
    """Return an entry's summary as HTML: the numbers, then the top items' headlines."""
    top = sorted(week.items, key=lambda i: (i.rank, i.item_id))[:TOP_ITEMS]
    lines = "".join(
        f"<li>{html_escape(_NOT_XML.sub('', i.headline))}"
        + ("" if i.is_new else " <em>(update)</em>")
        + "</li>"
        for i in top
    )
    return f"<p>{html_escape(entry_numbers(week))}</p><p>Top items:</p><ol>{lines}</ol>"


def entry_link(week: str) -> str:
    """Return the href of a week's HTML page, relative to the digests folder."""
    parse_week(week)
    return f"{week}/digest.html"


def _aware(text: str) -> datetime:
    """Return an RFC 3339 timestamp as an aware datetime; raise ValueError otherwise."""
    when = datetime.fromisoformat(text)
    if when.tzinfo is None:
        raise ValueError(f"timestamp without offset: {text!r}")
    return when


def read_stamps(previous: str | None) -> tuple[dict[str, Stamp], datetime | None]:
    """Return the entry stamps and the feed's updated time of a feed this module wrote.

    An absent or unreadable feed gives no stamps (every entry counts as changed).
    """
    if not previous:
        return {}, None
    try:
        root = ET.fromstring(previous)
        ns = {"a": ATOM_NS, "r": RADAR_NS}
        stamps: dict[str, Stamp] = {}
        for entry in root.findall("a:entry", ns):
            link = entry.find("a:link[@rel='alternate']", ns)
            key = (
                entry.findtext("a:title", "", ns),
                link.get("href", "") if link is not None else "",
                entry.findtext("a:summary", "", ns),
                entry.findtext("r:rows", "", ns),
            )
            when = _aware(entry.findtext("a:updated", "", ns))
            stamps[entry.findtext("a:id", "", ns)] = Stamp(key, when)
        updated = root.findtext("a:updated", "", ns)
        return stamps, _aware(updated) if updated else None
    except (ET.ParseError, ValueError):
        return {}, None


def _render(
    weeks: Sequence[FeedWeek], stamps: dict[str, datetime], updated: datetime, base: str
) -> str:
    base_attr = f' xml:base="{_text(base)}"' if base else ""
    head = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM_NS}" xmlns:radar="{RADAR_NS}"{base_attr} xml:lang="en">',
        f"  <id>{feed_id()}</id>",
        f"  <title>{_text(FEED_TITLE)}</title>",
        f"  <subtitle>{_text(FEED_SUBTITLE)}</subtitle>",
        f"  <updated>{rfc3339(updated)}</updated>",
        f"  <author><name>{_text(AUTHOR)}</name></author>",
        "  <generator>Policy Radar</generator>",
    ]
    if base:
        head.append(
            f'  <link rel="self" type="application/atom+xml" href="{_text(base)}feed.xml"/>'
        )
    body: list[str] = []
    for week in weeks:
        wid = entry_id(week.week)
        href = base + entry_link(week.week)
        body += [
            "  <entry>",
            f"    <id>{wid}</id>",
            f"    <title>{_text(entry_title(week))}</title>",
            f"    <updated>{rfc3339(stamps[wid])}</updated>",
            f'    <link rel="alternate" type="text/html" href="{_text(href)}"/>',
            f'    <summary type="html">{_text(entry_summary(week))}</summary>',
            f"    <radar:rows>{week.fingerprint()}</radar:rows>",
            "  </entry>",
        ]
    return "\n".join([*head, *body, "</feed>"]) + "\n"


def render_feed(
    weeks: Sequence[FeedWeek], now: datetime, previous: str | None = None, base_url: str = ""
) -> str:
    """Return the Atom feed of the weeks with items, newest first (deterministic given previous).

    ``now`` stamps entries that are new or changed since ``previous`` (the feed as last written);
    the feed's own ``updated`` moves only when some part of the document changed.
    """
    base = check_base_url(base_url)
    rfc3339(now)  # refuse a naive clock before rendering anything
    shown = sorted((w for w in weeks if w.items), key=lambda w: w.week, reverse=True)
    if len({w.week for w in shown}) != len(shown):
        raise ValueError("each week may appear only once in the feed")
    old, old_updated = read_stamps(previous)
    stamps: dict[str, datetime] = {}
    for week in shown:
        wid = entry_id(week.week)
        key = (
            entry_title(week),
            base + entry_link(week.week),
            entry_summary(week),
            week.fingerprint(),
        )
        kept = old.get(wid)
        stamps[wid] = kept.updated if kept is not None and kept.key == key else now
    if old_updated is not None:
        same = _render(shown, stamps, old_updated, base)
        if same == previous:
            return same
    latest = max([now, *stamps.values()])
    return _render(shown, stamps, latest, base)
