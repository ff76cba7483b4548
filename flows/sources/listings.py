"""Parse listings: RSS/Atom feeds, sitemaps and sitemap indexes, into page URLs with dates."""

from __future__ import annotations

import calendar
import io
import re
import time
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import feedparser
from lxml import etree

from extractors.exceptions import FetchError
from flows.sources.contract import Window

_STRICT = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, recover=False, load_dtd=False
)
# An absolute http(s) URL in printable ASCII without "&" or '"' (feedparser rewrites "&...;").
_PLAIN_LINK = re.compile(r"\s*https?://[!#-%'-~]+\s*\Z")
_MONTHS = {m: i for i, m in enumerate(calendar.month_abbr) if m}
_RFC822 = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r" (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? (GMT|UTC?|Z|[+-]\d{4})\Z"
)
_NAMESPACED_LISTING_TAGS = frozenset(
    {"link", "date", "updated", "published", "issued", "modified", "created", "pubDate", "guid"}
)


@dataclass(frozen=True, slots=True)
class Listed:
    """One page a listing names: its URL and what the listing says about its dates."""

    url: str
    published: datetime | None = None
    modified: datetime | None = None
    problem: str | None = None  # an entry naming no page: ``url`` is then the listing's own key


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A parsed sitemap: the pages of a urlset and the child sitemaps of an index."""

    pages: list[Listed]
    children: list[Listed]


def parse_feed(body: bytes, url: str) -> list[Listed]:
    """Return the entries of an RSS 0.9x/1.0/2.0 or Atom feed; raise FetchError when unreadable."""
    fast = read_plain_rss(body)
    return fast if fast is not None else read_any_feed(body, url)


def read_plain_rss(body: bytes) -> list[Listed] | None:
    """Read a well-formed plain RSS 2.0 feed with lxml; None when feedparser must decide."""
    # Only feeds whose every item has one absolute ASCII <link> and at most one RFC 822
    # <pubDate> (no other link or date elements) are read here: for those the result is
    # feedparser's, at a fraction of the cost.
    if b"<!DOCTYPE" in body[:4096] or b"<!doctype" in body[:4096]:
        return None
    try:
        root = etree.fromstring(body, parser=_STRICT)
    except etree.XMLSyntaxError:
        return None
    if root is None or root.tag != "rss":
        return None
    out: list[Listed] = []
    for item in root.iter("item", "{*}item"):
        if item.tag != "item" or item.getparent() is None or item.getparent().tag != "channel":
            return None
        link: str | None = None
        published: datetime | None = None
        for child in item:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag.startswith("{") and tag.rsplit("}", 1)[1] in _NAMESPACED_LISTING_TAGS:
                return None  # atom:link, dc:date, ...: feedparser's rules decide
            if tag == "link":
                if link is not None or child.attrib or not _PLAIN_LINK.match(child.text or ""):
                    return None
                link = (child.text or "").strip()
            elif tag == "pubDate":
                if published is not None:
                    return None
                published = _rfc822((child.text or "").strip())
                if published is None:
                    return None
        if link is None:
            return None
        out.append(Listed(link, published=published))
    return out


def read_any_feed(body: bytes, url: str) -> list[Listed]:
    """Read any RSS or Atom feed with feedparser (lenient); raise FetchError when unreadable."""
    # A stream, not bytes: feedparser would first try bytes as a local file name to open.
    doc = feedparser.parse(io.BytesIO(body), response_headers={"content-location": url})
    if not doc.entries and not doc.get("version"):  # no .version at all on empty input
        problem = doc.get("bozo_exception") or "not a feed"
        raise FetchError("parse_error", f"feed {url}: {problem}")
    out: list[Listed] = []
    for number, entry in enumerate(doc.entries, 1):
        link = str(entry.get("link") or _alternate(entry) or "").strip()
        published = _struct(dict.get(entry, "published_parsed"))
        modified = _struct(dict.get(entry, "updated_parsed"))
        if not link:
            key, problem = _unnamed(url, "entry", number, entry.get("id"), entry.get("title"))
            out.append(Listed(key, published, modified, problem))
            continue
        out.append(Listed(link, published=published, modified=modified))
    return out


def parse_sitemap(body: bytes, url: str, tz: str = "UTC", limit: int = 50 * 1024 * 1024) -> Sitemap:
    """Return the pages or child sitemaps of a sitemap (XML, gzipped XML or plain text)."""
    if body[:2] == b"\x1f\x8b":
        body = _gunzip(body, limit)
    head = body.lstrip()[:200].lower()
    if not head.startswith(b"<"):
        # A text sitemap is one address per line: every non-blank line is listed, and one that
        # is no web address becomes its own rejects row (as in a URL list), never a silent skip.
        lines = [ln.strip() for ln in body.decode("utf-8", "replace").splitlines() if ln.strip()]
        if not any(ln.startswith(("http://", "https://")) for ln in lines):
            raise FetchError("parse_error", f"sitemap {url}: neither XML nor a URL list")
        return Sitemap([Listed(ln) for ln in lines], [])
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, recover=True, load_dtd=False
    )
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise FetchError("parse_error", f"sitemap {url}: {exc}") from None
    if root is None:
        raise FetchError("parse_error", f"sitemap {url}: empty XML")
    zone = ZoneInfo(tz)
    pages: list[Listed] = []
    children: list[Listed] = []
    kind = etree.QName(root).localname
    number = 0
    for node in root:
        if not isinstance(node.tag, str):
            continue
        number += 1
        fields = _fields(node)
        loc = fields.get("loc")
        modified = _w3c(fields.get("lastmod"), zone)
        published = None if kind == "sitemapindex" else _w3c(fields.get("publication_date"), zone)
        if loc:
            entry = Listed(loc, published, modified)
        else:
            key, problem = _unnamed(url, etree.QName(node).localname, number, None, None)
            entry = Listed(key, published, modified, problem)
        (children if kind == "sitemapindex" else pages).append(entry)
    if kind not in ("sitemapindex", "urlset"):
        raise FetchError("parse_error", f"sitemap {url}: root element <{kind}> is not a sitemap")
    return Sitemap(pages, children)


def _rfc822(text: str) -> datetime | None:
    """Return a strict RFC 822 date (numeric zone, GMT, UT, UTC or Z); None for anything else."""
    m = _RFC822.match(text)
    if m is None:
        return None
    day, month, year, hour, minute, second, zone = m.groups()
    if zone in ("GMT", "UT", "UTC", "Z"):
        offset = timedelta(0)
    else:
        sign = -1 if zone[0] == "-" else 1
        offset = sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
    try:
        moment = (
            datetime(
                int(year),
                _MONTHS[month],
                int(day),
                int(hour),
                int(minute),
                int(second or 0),
                tzinfo=UTC,
            )
            - offset
        )
    except (ValueError, OverflowError):  # "01 Jan 0001 00:00 +0100": .NET's empty date, moved
        return None
    return moment


def keep_listed(item: Listed, window: Window, tz: str) -> bool:
    """Return True when a listed page may hold an article inside the window.

    A publication date must fall inside the window; a modification date only rules a page
    out when it is before ``since`` (a page changed after ``until`` may be older).
    """
    zone = ZoneInfo(tz)
    if item.published is not None:
        return window.contains(_day(item.published, zone))
    if item.modified is not None and window.since is not None:
        return _day(item.modified, zone) >= window.since
    return True


def _day(moment: datetime, zone: ZoneInfo) -> date:
    """Return a moment's day in a zone; its own day at the calendar's edge (9999-12-31 23:30 UTC)."""
    try:
        return moment.astimezone(zone).date()
    except OverflowError:
        return moment.date()


def _fields(node: etree._Element) -> dict[str, str]:
    out: dict[str, str] = {}
    for child in node.iter():
        if child is node or not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        if name not in out and child.text and child.text.strip():
            out[name] = child.text.strip()
    return out


def _w3c(value: str | None, zone: ZoneInfo) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone)
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):  # "0001-01-01T00:00:00+01:00" is before the first day
        return None


def _unnamed(listing: str, name: str, number: int, ident: object, title: object) -> tuple[str, str]:
    """Return the key and the problem of a listing entry that names no page."""
    key = f"{listing.split('#', 1)[0]}#{name}-{number}"
    said = f" ({name} id {str(ident)[:80]!r})" if ident else ""
    if not said and title:
        said = f" (titled {str(title)[:80]!r})"
    return key, f"{name} {number} of the listing names no page address{said}"


def _struct(value: time.struct_time | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _alternate(entry: feedparser.FeedParserDict) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    return None


def _gunzip(body: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, limit + 1)
    except zlib.error as exc:
        raise FetchError("parse_error", f"bad gzip sitemap: {exc}") from None
    if len(out) > limit or inflater.unconsumed_tail:
        raise FetchError("too_large", f"sitemap larger than {limit} bytes unpacked")
    return out
