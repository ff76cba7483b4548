"""The bridge from remote sources to the fetcher: list pages, fetch them politely, yield candidates."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from extractors.exceptions import FetchError, StorageError
from extractors.rows import EXTRACTOR_VERSION
from flows.config import SourceConfig
from flows.fetch import (
    Fetched,
    Fetcher,
    FetchSettings,
    Resolver,
    check_address,
    host_key,
    strip_userinfo,
)
from flows.sources.bridge import Bridge, Done, StoppedError
from flows.sources.contract import Candidate, SourceFailedError, SourceStats, Window
from flows.sources.listings import Listed, keep_listed
from flows.sources.web import web_listing
from storage.raw import RawStore, hash_bytes
from storage.state import LISTING, LISTING_FAILED, PageState, make_page_key

LISTING_LIMIT = 50 * 1024 * 1024
log = logging.getLogger("policy_radar.fetch")
T = TypeVar("T")


def discover_web(
    source: SourceConfig,
    states: dict[str, PageState],
    window: Window,
    stats: SourceStats,
    raw: RawStore | None = None,
    *,
    settings: FetchSettings | None = None,
    resolver: Resolver | None = None,
) -> Iterator[Candidate]:
    """Yield the pages of a feed, sitemap or urls source, fetched with conditional GETs."""
    # ``raw`` holds the bodies of earlier runs: a listing answered 304 is read back from it.
    settings = settings or FetchSettings.from_env()
    bridge = Bridge(settings.queue_size)
    crawl = _Crawl(source, states, window, stats, settings, bridge, resolver, raw)
    thread = threading.Thread(
        target=bridge.run, args=(crawl.run(),), name=f"fetch-{source.name}", daemon=True
    )
    thread.start()
    try:
        while True:
            batch = bridge.items.get()
            if isinstance(batch, Done):
                break
            yield from batch
    finally:
        bridge.cancel()
        while thread.is_alive():
            with contextlib.suppress(queue.Empty):
                bridge.items.get(timeout=0.05)
        thread.join()


class _Crawl:
    """One source's crawl on the fetcher's event loop."""

    def __init__(
        self,
        source: SourceConfig,
        states: dict[str, PageState],
        window: Window,
        stats: SourceStats,
        settings: FetchSettings,
        bridge: Bridge,
        resolver: Resolver | None,
        raw: RawStore | None = None,
    ) -> None:
        self.source = source
        self.states = states
        self.window = window
        self.stats = stats
        self.settings = settings
        self.bridge = bridge
        self.resolver = resolver
        self.raw = raw
        self.listings: set[str] = set()
        self.listed: dict[str, Listed] = {}
        self.answered = 0
        self.failed: Counter[str] = Counter()
        self.malformed = 0  # listed entries refused before any request (each a rejects row)
        self._fetcher: Fetcher | None = None  # set while the crawl runs

    async def run(self) -> None:
        """Crawl the source; any unexpected failure ends it with ``stats.error``, not a raise."""
        try:
            await self._crawl()
        except Exception as exc:
            if isinstance(exc, StoppedError) or (
                isinstance(exc, BaseExceptionGroup) and exc.subgroup(StoppedError) is not None
            ):
                raise
            log.exception("source %s: fetching failed", self.source.name)
            self.stats.error = f"fetching failed: {type(exc).__name__}: {exc}"

    async def _crawl(self) -> None:
        src = self.source
        fetcher = Fetcher(
            self.settings,
            user_agent=src.user_agent,
            headers=src.headers,
            allow_private=src.allow_private,
            max_bytes=src.max_bytes,
            resolver=self.resolver,
        )
        self._fetcher = fetcher
        async with fetcher:
            try:
                urls = await self._list()
            except SourceFailedError as exc:
                self.stats.error = fetcher.clean(str(exc))
                log.error("source %s failed: %s", src.name, self.stats.error)
                return
            self.stats.discovered = (
                len(urls) + self.malformed
            )  # as a directory counts skipped files
            settled = [u for u in urls if self._settled(self.states.get(u), u)]
            if settled:  # known and past their re-check age: not requested (recheck_days)
                self.answered += len(settled)
                await self.bridge.put_all([self._unchanged(u) for u in settled])
                done = set(settled)
                urls = [u for u in urls if u not in done]
            by_host: dict[str, deque[str]] = {}
            for url in urls:
                by_host.setdefault(host_key(url), deque()).append(url)
            async with asyncio.TaskGroup() as group:
                for pending in by_host.values():
                    for _ in range(min(self.settings.per_host, len(pending))):
                        group.create_task(self._work(fetcher, pending))
            if urls and not self.answered:
                reasons = ", ".join(f"{k}={v}" for k, v in self.failed.most_common())
                self.stats.error = f"no page of {len(urls)} could be fetched ({reasons})"
                log.error("source %s failed: %s", src.name, self.stats.error)

    async def _work(self, fetcher: Fetcher, pending: deque[str]) -> None:
        while pending:
            url = pending.popleft()
            await self.bridge.put(await self._candidate(fetcher, url))

    def _settled(self, state: PageState | None, url: str) -> bool:
        """Return True for a stored page past its re-check age that its listing calls unchanged."""
        if state is None or not state.raw_hash or state.outcome not in ("article", "out_of_range"):
            return False
        item = self.listed.get(url)
        if item is not None and item.modified is not None and item.modified > state.fetched_at:
            return False
        born = state.published_at or state.fetched_at
        return _now() - born > timedelta(days=self.source.recheck_days)

    def _unchanged(self, url: str) -> Candidate:
        state = self.states[url]
        return Candidate(url, not_modified=True, etag=state.etag, last_modified=state.last_modified)

    async def _candidate(self, fetcher: Fetcher, url: str) -> Candidate:
        state = self.states.get(url)
        etag = state.etag if state is not None and state.raw_hash else None
        modified = state.last_modified if state is not None and state.raw_hash else None
        try:
            page = await fetcher.fetch(url, etag=etag, last_modified=modified)
        except (FetchError, ValueError) as exc:
            if not isinstance(exc, FetchError):
                exc = FetchError("parse_error", f"{type(exc).__name__}: {exc}")
            self.failed[exc.reason] += 1
            log.info("reject %s: %s %s", strip_userinfo(url), exc.reason, fetcher.clean(exc.detail))
            return Candidate(url, reason=exc.reason, detail=fetcher.clean(exc.detail))
        self.answered += 1
        if page.status == 304:
            return Candidate(
                url,
                not_modified=True,
                etag=page.etag or etag,
                last_modified=page.last_modified or modified,
            )
        self.stats.fetched += 1
        return Candidate(
            url,
            body=page.body,
            fetched_at=page.fetched_at,
            content_type=page.content_type,
            etag=page.etag,
            last_modified=page.last_modified,
        )

    async def _list(self) -> list[str]:
        """Return the page URLs the source names, window-filtered, unique, capped."""
        src = self.source
        listing = web_listing(src, self.window, self.settings.max_sitemaps)
        listed = await listing.pages(self)
        if not listed:  # read, but naming nothing: said, so an emptied feed is noticed
            log.warning("source %s: its %s lists no pages", src.name, src.kind)
        urls: list[str] = []
        seen = set(self.listings)  # a listing named as a page of its own source is not a page
        for item in listed:
            # Fragments never reach the server; an entry naming no page keeps its key's.
            url = item.url if item.problem is not None else item.url.split("#", 1)[0]
            if url in seen or not keep_listed(item, self.window, src.timezone):
                continue
            seen.add(url)
            try:
                if item.problem is not None:
                    raise FetchError("parse_error", item.problem)
                check_address(url)
            except FetchError as exc:  # one bad entry is its own rejects row, not the source's end
                self.failed[exc.reason] += 1
                self.malformed += 1
                log.info("reject %s: %s %s", strip_userinfo(url), exc.reason, exc.detail)
                await self.bridge.put(Candidate(url, reason=exc.reason, detail=exc.detail))
                continue
            urls.append(url)
            self.listed[url] = item
        if src.max_pages and len(urls) > src.max_pages:
            # Pages never committed (new, failed, or cut last time) first, so a listing larger
            # than max_pages is worked through over several runs.
            fresh = [u for u in urls if u not in self.states]
            known = [u for u in urls if u in self.states]
            urls = (fresh + known)[: src.max_pages]
        return urls

    async def report(self, candidate: Candidate) -> None:
        """Send a candidate (a listing's failure) to the runner."""
        await self.bridge.put(candidate)

    async def read_listing(self, url: str, parse: Callable[[bytes, str], T]) -> T:
        """Fetch (conditionally) and parse a listing; raise SourceFailedError if unreadable."""
        # A 304 re-reads the last body from the raw store, so every entry is listed again
        # (pages that failed or were cut last time are not lost). A failure is also sent to
        # the runner, which writes a rejects row for the listing URL.
        fetcher = self._fetcher
        assert fetcher is not None, "read_listing runs inside the crawl"
        self.listings.add(url)
        state = self.states.get(url)
        if state is not None and state.outcome not in (LISTING, LISTING_FAILED):
            state = None
        try:
            page, body = await self._listing_body(fetcher, url, state)
            # Relative links resolve against where the listing was read, after any redirect.
            parsed = parse(body, page.final_url)
        except FetchError as exc:
            detail = fetcher.clean(exc.detail)
            failed = None
            if state is None or state.outcome != LISTING_FAILED:
                failed = self._listing_state(url, state, LISTING_FAILED)
            await self.bridge.put(
                Candidate(url, reason=exc.reason, detail=detail, listing=True, listing_state=failed)
            )
            raise SourceFailedError(f"{strip_userinfo(url)}: {exc.reason}: {detail}") from None
        if page.status == 304:
            assert state is not None
            etag = page.etag or state.etag
            modified = page.last_modified or state.last_modified
            if state.outcome != LISTING or (etag, modified) != (state.etag, state.last_modified):
                again = self._listing_state(url, state, LISTING, page, state.raw_hash)
                await self.bridge.put(Candidate(url, listing=True, listing_state=again))
            log.info("listing %s not modified (%d bytes re-read)", strip_userinfo(url), len(body))
            return parsed
        raw_hash = hash_bytes(body)
        update: PageState | None = self._listing_state(url, state, LISTING, page, raw_hash)
        if state is not None and update is not None and _same_state(state, update):
            if self.raw is not None and self.raw.has(raw_hash):
                return parsed  # same bytes as last time: nothing to store
            update = None
        await self.bridge.put(Candidate(url, body=body, listing=True, listing_state=update))
        return parsed

    async def _listing_body(
        self, fetcher: Fetcher, url: str, state: PageState | None
    ) -> tuple[Fetched, bytes]:
        """Fetch a listing with the validators of its stored body; a 304 returns that body."""
        known = state.raw_hash if state is not None else None
        if known and (self.raw is None or not self.raw.has(known)):
            known = None
        page = await fetcher.fetch(
            url,
            etag=state.etag if known and state else None,
            last_modified=state.last_modified if known and state else None,
            html_only=False,
            limit=LISTING_LIMIT,
        )
        if page.status != 304 or not known or self.raw is None:
            return page, page.body
        try:
            return page, self.raw.get(known)
        except StorageError as exc:
            log.warning("listing %s: stored body unreadable (%s); fetching it again", url, exc)
            with contextlib.suppress(OSError):  # unreadable bytes: make room for the good copy
                self.raw.path_for(known).unlink()
            page = await fetcher.fetch(url, html_only=False, limit=LISTING_LIMIT)
            return page, page.body

    def _listing_state(
        self,
        url: str,
        state: PageState | None,
        outcome: str,
        page: Fetched | None = None,
        raw_hash: str | None = None,
    ) -> PageState:
        """Return a listing's state row; a failed one keeps its last good body and validators."""
        if page is None:
            return PageState(
                page_key=make_page_key(self.source.name, url),
                source=self.source.name,
                locator=url,
                raw_hash=state.raw_hash if state else None,
                content_type=state.content_type if state else None,
                etag=state.etag if state else None,
                last_modified=state.last_modified if state else None,
                fetched_at=state.fetched_at if state else _now(),
                extractor_version=EXTRACTOR_VERSION,
                outcome=outcome,
                article_id=None,
            )
        not_modified = page.status == 304 and state is not None
        return PageState(
            page_key=make_page_key(self.source.name, url),
            source=self.source.name,
            locator=url,
            raw_hash=raw_hash,
            content_type=state.content_type if not_modified and state else page.content_type,
            etag=page.etag or (state.etag if not_modified and state else None),
            last_modified=page.last_modified
            or (state.last_modified if not_modified and state else None),
            fetched_at=page.fetched_at,
            extractor_version=EXTRACTOR_VERSION,
            outcome=outcome,
            article_id=None,
        )


def _same_state(old: PageState, new: PageState) -> bool:
    """Return True when a listing's new state row says nothing the stored one does not."""
    return (old.outcome, old.raw_hash, old.etag, old.last_modified, old.content_type) == (
        new.outcome,
        new.raw_hash,
        new.etag,
        new.last_modified,
        new.content_type,
    )


def _now() -> datetime:
    return datetime.now(UTC)
