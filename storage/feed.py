"""DATA/digests/feed.xml: the Atom feed rebuilt from the `digest_items` rows of every week."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pyarrow.compute as pc

from extractors.digest.build import count_outlets
from extractors.digest.model import ArticleRef
from extractors.exceptions import StorageError
from extractors.rows import DigestItem
from extractors.tracker import FEED_FILE, FeedWeek, render_feed
from storage.digests import DIGESTS_DIR, write_text_atomic
from storage.store import Store

OUTLET_COLUMNS = ["article_id", "source", "url", "outlet", "near_duplicate_of"]


def feed_path(root: Path | str) -> Path:
    """Return where the feed lives: DATA/digests/feed.xml."""
    return Path(root) / DIGESTS_DIR / FEED_FILE


def _article_refs(store: Store, ids: set[str]) -> dict[str, ArticleRef]:
    """Return the outlet fields of the articles named, as ArticleRefs (the day is not used)."""
    if not ids:
        return {}
    refs: dict[str, ArticleRef] = {}
    where = pc.field("article_id").isin(sorted(ids))
    for _, table in store.dataset.read("articles", OUTLET_COLUMNS, where):
        for rec in table.to_pylist():
            refs[rec["article_id"]] = ArticleRef(
                article_id=rec["article_id"],
                day=date.min,
                source=rec["source"],
                outlet=rec["outlet"],
                url=rec["url"],
                near_duplicate_of=rec["near_duplicate_of"],
            )
    return refs


def read_feed_weeks(store: Store) -> list[FeedWeek]:
    """Return every week with `digest_items` rows, with the outlets behind its items."""
    by_week: dict[str, list[DigestItem]] = {}
    for row in store.read_rows("digest_items"):
        by_week.setdefault(row.week, []).append(row)
    refs = _article_refs(
        store, {a for rows in by_week.values() for r in rows for a in r.article_ids}
    )
    weeks: list[FeedWeek] = []
    for week, rows in sorted(by_week.items()):
        ids = sorted({a for r in rows for a in r.article_ids})
        outlets = count_outlets([refs[a] for a in ids if a in refs])
        weeks.append(FeedWeek(week, sorted(rows, key=lambda r: (r.rank, r.item_id)), outlets))
    return weeks


def write_feed(store: Store, now: datetime, base_url: str = "") -> Path:
    """Rebuild feed.xml from all weeks; leave the file untouched when nothing changed."""
    path = feed_path(store.root)
    try:
        previous = path.read_text(encoding="utf-8") if path.is_file() else None
    except (OSError, UnicodeDecodeError):
        previous = None  # an unreadable feed is rebuilt; every entry counts as changed
    xml = render_feed(read_feed_weeks(store), now, previous, base_url)
    if xml == previous:
        return path
    try:
        return write_text_atomic(path, xml)
    except OSError as exc:
        raise StorageError(f"cannot write the feed to {path}: {exc.strerror or exc}") from exc
