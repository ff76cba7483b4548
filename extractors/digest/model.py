"""Value types of the digest: what the read side hands in and what the builder returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from extractors.rows import DigestItem, Signal


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """The few article fields a digest shows and counts."""

    article_id: str
    day: date
    source: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    path: str | None = None
    language: str = ""
    near_duplicate_of: str | None = None

    @property
    def locator(self) -> str:
        """Return the URL, else the source-relative path, else the article id."""
        if self.url:
            return self.url
        if self.path:
            return f"{self.source}/{self.path}"
        return self.article_id

    @property
    def outlet_label(self) -> str:
        """Return the outlet to show: its name, else the URL's host, else the source."""
        if self.outlet:
            return self.outlet
        key = self.outlet_key
        return self.source if key.startswith(f"{self.source}:") else key

    @property
    def outlet_key(self) -> str:
        """Return the name used to count independent outlets."""
        if self.outlet:
            return self.outlet.strip().lower()
        if self.url and "//" in self.url:
            host = self.url.split("//", 1)[1].split("/", 1)[0].lower()
            return host.removeprefix("www.")
        return f"{self.source}:{self.article_id}"


@dataclass(frozen=True, slots=True)
class Mention:
    """One signal of the week with the article that carries it."""

    signal: Signal
    article: ArticleRef
    titled: bool = False  # its actors come from the article's title, not from its passage

    @property
    def day(self) -> date:
        """Return the local day of the mention (the article's week day)."""
        return self.article.day


@dataclass(frozen=True, slots=True)
class PastMention:
    """A compact earlier signal, used only to decide whether an item is new."""

    dedupe_key: str
    signal_type: str
    actors: tuple[str, ...]
    amount_usd: float | None
    day: date


@dataclass(frozen=True, slots=True)
class WeekInput:
    """Everything the builder needs for one week; produced by storage.read."""

    week: str
    first_day: date
    last_day: date
    timezone: str
    mentions: list[Mention]
    first_seen_by_key: dict[str, date] = field(default_factory=dict)
    history: list[PastMention] = field(default_factory=list)
    weekly_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    actor_kinds: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Item:
    """One cluster of mentions describing one real-world event, ranked and titled."""

    item_id: str
    rank: int
    score: float
    signal_type: str
    section: str
    headline: str
    actors: list[str]
    jurisdictions: list[str]
    amount_usd: float | None
    amount_value: float | None
    amount_currency: str | None
    first_seen: date
    is_new: bool
    mentions: list[Mention]
    articles: list[ArticleRef]
    n_outlets: int
    evidence: str
    evidence_language: str
    amount_qualifier: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    background: bool = False
    targets: list[str] = field(default_factory=list)
    compact: bool = False

    @property
    def n_articles(self) -> int:
        """Return the number of distinct articles mentioning the item."""
        return len(self.articles)

    def to_row(self, week: str) -> DigestItem:
        """Return the item as a `digest_items` row."""
        return DigestItem(
            week=week,
            item_id=self.item_id,
            rank=self.rank,
            signal_type=self.signal_type,
            headline=self.headline,
            actors=list(self.actors),
            jurisdictions=list(self.jurisdictions),
            amount_usd=self.amount_usd,
            n_articles=self.n_articles,
            n_outlets=self.n_outlets,
            first_seen=self.first_seen,
            is_new=self.is_new,
            signal_ids=sorted({m.signal.signal_id for m in self.mentions}),
            article_ids=[a.article_id for a in self.articles],
            evidence=self.evidence,
        )


@dataclass(frozen=True, slots=True)
class Digest:
    """A built week: ranked new items, updates, the sources and the chart counts."""

    week: str
    first_day: date
    last_day: date
    timezone: str
    new_items: list[Item]
    updates: list[Item]
    articles: list[ArticleRef]
    n_signals: int
    weekly_counts: dict[str, dict[str, int]]
    n_hidden: int = 0
    measure_updates: list[str] = field(default_factory=list)  # status changes of tracked measures

    @property
    def items(self) -> list[Item]:
        """Return every item, new ones first, in rank order."""
        return sorted([*self.new_items, *self.updates], key=lambda i: i.rank)

    def rows(self) -> list[DigestItem]:
        """Return the `digest_items` rows of the week."""
        return [item.to_row(self.week) for item in self.items]
