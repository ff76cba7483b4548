"""What a source yields to the runner: candidates, the date window, the per-source counters."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from extractors.exceptions import RadarError
from flows.config import SourceConfig
from storage.raw import RawStore
from storage.state import PageState


class SourceFailedError(RadarError):
    """The listing of a source could not be read at all."""


@dataclass(frozen=True, slots=True)
class Window:
    """The date range an ingest keeps articles from (inclusive; None means open)."""

    since: date | None = None
    until: date | None = None

    def contains(self, day: date) -> bool:
        """Return True when a day falls inside the window."""
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )


@dataclass(slots=True)
class SourceStats:
    """Counters for one source in one run (the run summary table)."""

    source: str
    kind: str
    discovered: int = 0
    fetched: int = 0
    not_modified: int = 0
    extracted: int = 0
    new_articles: int = 0
    updated_articles: int = 0
    new_signals: int = 0
    out_of_range: int = 0
    signal_errors: int = 0
    rejects: Counter[str] = field(default_factory=Counter)
    error: str | None = None

    def as_row(self) -> dict[str, object]:
        """Return the counters as one flat row for tables and artifacts."""
        row = {
            f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "rejects"
        }
        row["rejects"] = ", ".join(f"{k}={v}" for k, v in sorted(self.rejects.items())) or "-"
        return row


@dataclass(frozen=True, slots=True)
class Candidate:
    """A page a source yields: bytes to extract, a page unchanged upstream, or a failure."""

    locator: str
    body: bytes | None = None
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    reason: str | None = None
    detail: str = ""
    listing: bool = False  # a feed or sitemap, not a page: keep its bytes and state row only
    listing_state: PageState | None = None


Discover = Callable[
    [SourceConfig, dict[str, PageState], Window, SourceStats, RawStore], Iterator[Candidate]
]
