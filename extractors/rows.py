"""Row types emitted by the pipeline: one frozen dataclass per table."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

EXTRACTOR_VERSION = "1.44.0"


@dataclass(frozen=True, slots=True)
class Page:
    """A raw page as read or fetched, before extraction (not a table row)."""

    source: str
    body: bytes
    fetched_at: datetime
    path: str | None = None
    url: str | None = None
    content_type: str | None = None
    timezone: str = "UTC"
    language: str | None = None
    raw_hash: str = ""

    @property
    def locator(self) -> str:
        """Return the relative path or URL that names this page within its source."""
        return self.path if self.path is not None else (self.url or "")


# (article_id, simhash, published_at, near_duplicate_of) of one stored article: what marking reads
StoredMark = tuple[str, int | None, datetime | None, str | None]


@dataclass(frozen=True, slots=True)
class Article:
    """One clean article: the `articles` table."""

    article_id: str
    source: str
    url: str | None
    path: str | None
    title: str | None
    author: str | None
    outlet: str | None
    published_at: datetime | None
    fetched_at: datetime
    language: str
    text: str
    text_hans: str | None
    content_hash: str
    extractor_version: str
    near_duplicate_of: str | None = None
    simhash: int | None = None
    raw_hash: str | None = None


@dataclass(frozen=True, slots=True)
class Signal:
    """One AI-policy signal found in an article: the `signals` table."""

    signal_id: str
    article_id: str
    signal_type: str
    actors: list[str]
    jurisdictions: list[str]
    amount_value: float | None
    amount_currency: str | None
    amount_usd: float | None
    evidence: str
    evidence_start: int
    evidence_end: int
    confidence: float
    dedupe_key: str
    published_at: datetime | None
    amount_qualifier: str | None = None
    fx_rate: float | None = None
    fx_year: int | None = None
    period_start: date | None = None
    period_end: date | None = None
    source: str | None = None
    extractor_version: str = EXTRACTOR_VERSION
    fetched_at: datetime | None = None
    targets: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Reject:
    """A page that could not become an article, with a short reason code: the `rejects` table."""

    reject_id: str
    source: str
    path: str | None
    url: str | None
    reason: str
    detail: str
    seen_at: datetime
    raw_hash: str | None = None


@dataclass(frozen=True, slots=True)
class PageResult:
    """What one page became: an article with its signals, or exactly one reject."""

    page: Page
    article: Article | None = None
    signals: list[Signal] = field(default_factory=list)
    reject: Reject | None = None
    warning: str | None = None
    signal_error: str | None = None


@dataclass(frozen=True, slots=True)
class DigestItem:
    """One ranked item of a weekly digest: the `digest_items` table."""

    week: str
    item_id: str
    rank: int
    signal_type: str
    headline: str
    actors: list[str]
    jurisdictions: list[str]
    amount_usd: float | None
    n_articles: int
    n_outlets: int
    first_seen: date
    is_new: bool
    signal_ids: list[str]
    article_ids: list[str]
    evidence: str = ""

    @property
    def week_date(self) -> date | None:
        """Return the Thursday of the item's ISO week: its year is the week's (the partition)."""
        try:
            return date.fromisocalendar(int(self.week[:4]), int(self.week[6:8]), 4)
        except ValueError:
            return None


MEASURE_STATUSES = (
    "announced",
    "proposed",
    "adopted",
    "signed",
    "in_force",
    "amended",
    "suspended",
    "revoked",
)
MEASURE_KINDS = (
    "law",
    "rule",
    "executive_order",
    "plan",
    "sanctions_listing",
    "funding_programme",
    "treaty",
    "guideline",
)


@dataclass(frozen=True, slots=True)
class Measure:
    """One named policy instrument with its current status: the `measures` table."""

    measure_id: str
    name_en: str | None
    name_zh: str | None
    kind: str
    jurisdiction: str | None
    actors: list[str]
    first_seen: date
    status: str
    status_since: date | None
    last_seen: date
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class MeasureEvent:
    """One dated status event of a measure, with its evidence: the `measure_events` table."""

    event_id: str
    measure_id: str
    status: str
    event_date: date | None
    date_source: str
    article_id: str
    evidence: str
    evidence_start: int
    evidence_end: int
    signal_id: str | None
    published_at: datetime | None


# The `reason` codes of the `rejects` table (docs/data-contract.md lists the same set; a test
# checks both that list and every literal reason the packages raise or yield).
REJECT_REASONS = frozenset(
    {
        "binary",
        "empty",
        "no_body",
        "not_article",
        "too_large",
        "decode_error",
        "parse_error",
        "http_4xx",
        "http_5xx",
        "robots",
        "timeout",
        "not_html",
        "redirect_loop",
        "too_many_redirects",
        "connection_error",
        "blocked_address",
        "outside_root",
        "unreadable",
        "changed",
        "sitemap_loop",
        "over_limit",
        "raw_missing",
    }
)


def make_article_id(source: str, path: str | None, url: str | None) -> str:
    """Return the stable article id: sha256 of the URL, or of source + relative path."""
    basis = url if path is None and url else f"{source}/{path}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


def make_reject_id(source: str, locator: str) -> str:
    """Return the stable reject id for a page of a source."""
    return hashlib.sha256(f"reject\0{source}\0{locator}".encode()).hexdigest()
