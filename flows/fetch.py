"""Remote sources (feed, sitemap, urls): list pages, fetch them politely, yield candidates."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
from collections import Counter, deque
from collections.abc import Coroutine, Iterator
from typing import Any

from extractors.exceptions import FetchError
from flows.config import SourceConfig
from flows.feeds import Listed, keep_listed, parse_feed, parse_sitemap
from flows.fetch_http import Fetcher, Resolver
from flows.fetch_net import host_key, strip_userinfo
from flows.fetch_settings import FetchSettings
from flows.runner import Candidate, SourceStats, Window
from storage.state import PageState

LISTING_LIMIT = 50 * 1024 * 1024
BATCH = 16
FLUSH_S = 0.02
log = logging.getLogger("policy_radar.fetch")


class SourceFailedError(Exception):
    """The listing of a source could not be read at all."""


class _StoppedError(Exception):
    """The consumer went away; the crawl stops."""


class _Done:
    """Marks the end of the candidate stream."""


_DONE = _Done()


class _Bridge:
    """Carry candidates from the fetcher's event loop thread to the sync consumer.

    Candidates travel in small batches (at most BATCH, or whatever is ready after
    FLUSH_S), so the consuming thread wakes once per batch rather than once per page.
    """

    def __init__(self, size: int) -> None:
        self.items: queue.Queue[list[Candidate] | _Done] = queue.Queue(
            maxsize=max(2, size // BATCH)
        )
        self.stop = threading.Event()
        self._pending: list[Candidate] = []
        self._timer: asyncio.TimerHandle | None = None
        self._flushes: set[asyncio.Task[None]] = set()
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[Any] | None = None

    def cancel(self) -> None:
        """Stop the crawl from the consumer's thread: no more puts, in-flight fetches end."""
        self.stop.set()
        with self._lock:
            if self._loop is not None and self._task is not None:
                with contextlib.suppress(RuntimeError):  # the loop already closed
                    self._loop.call_soon_threadsafe(self._task.cancel)

    async def put(self, item: Candidate) -> None:
        """Queue one candidate for the consumer; wait while the consumer is behind."""
        if self.stop.is_set():
            raise _StoppedError
        self._pending.append(item)
        if len(self._pending) >= BATCH:
            await self.flush()
        elif self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(FLUSH_S, self._on_timer)

    def _on_timer(self) -> None:
        self._timer = None
        task = asyncio.get_running_loop().create_task(self._quiet_flush())
        self._flushes.add(task)
        task.add_done_callback(self._flushes.discard)

    async def _quiet_flush(self) -> None:
        with contextlib.suppress(_StoppedError):
            await self.flush()

    async def flush(self) -> None:
        """Hand the pending candidates over, waiting (without blocking the loop) for room."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if not self._pending:
            return
        batch, self._pending = self._pending, []
        while True:
            if self.stop.is_set():
                raise _StoppedError
            try:
                self.items.put_nowait(batch)
                return
            except queue.Full:
                await asyncio.sleep(0.005)

    async def _main(self, work: Coroutine[Any, Any, None]) -> None:
        with self._lock:
            self._loop = asyncio.get_running_loop()
            self._task = asyncio.current_task()
        await work
        await self.flush()
        for task in list(self._flushes):
            await task

    def run(self, work: Coroutine[Any, Any, None]) -> None:
        """Run the async side in this thread, then signal the end of the stream."""
        try:
            asyncio.run(self._main(work))
        except* (_StoppedError, asyncio.CancelledError):
            pass
        finally:
            while not self.stop.is_set():
                try:
                    self.items.put(_DONE, timeout=0.05)
                    break
                except queue.Full:
                    continue


def discover_remote(
    source: SourceConfig,
    states: dict[str, PageState],
    window: Window,
    stats: SourceStats,
    *,
    settings: FetchSettings | None = None,
    resolver: Resolver | None = None,
) -> Iterator[Candidate]:
    """Yield the pages of a feed, sitemap or urls source, fetched with conditional GETs."""
    settings = settings or FetchSettings.from_env()
    bridge = _Bridge(settings.queue_size)
    crawl = _Crawl(source, states, window, stats, settings, bridge, resolver)
    thread = threading.Thread(
        target=bridge.run, args=(crawl.run(),), name=f"fetch-{source.name}", daemon=True
    )
    thread.start()
    try:
        while True:
            batch = bridge.items.get()
            if isinstance(batch, _Done):
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
        bridge: _Bridge,
        resolver: Resolver | None,
    ) -> None:
        self.source = source
        self.states = states
        self.window = window
        self.stats = stats
        self.settings = settings
        self.bridge = bridge
        self.resolver = resolver
        self.answered = 0
        self.failed: Counter[str] = Counter()

    async def run(self) -> None:
        """Crawl the source; any unexpected failure ends it with ``stats.error``, not a raise."""
        try:
            await self._crawl()
        except Exception as exc:
            if isinstance(exc, _StoppedError) or (
                isinstance(exc, BaseExceptionGroup) and exc.subgroup(_StoppedError) is not None
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
        async with fetcher:
            try:
                urls = await self._list(fetcher)
            except SourceFailedError as exc:
                self.stats.error = fetcher.clean(str(exc))
                log.error("source %s failed: %s", src.name, self.stats.error)
                return
            self.stats.discovered = len(urls)
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

    async def _list(self, fetcher: Fetcher) -> list[str]:
        """Return the page URLs the source names, window-filtered, unique, capped."""
        src = self.source
        if src.kind == "urls":
            listed = [Listed(u) for u in src.urls]
        elif src.kind == "feed":
            assert src.url is not None
            try:
                listed = parse_feed(await self._listing(fetcher, src.url), src.url)
            except FetchError as exc:
                raise SourceFailedError(f"{exc.reason}: {exc.detail}") from None
        else:
            listed = await self._sitemaps(fetcher)
        urls: list[str] = []
        seen: set[str] = set()
        for item in listed:
            url = item.url.split("#", 1)[0]  # fragments never reach the server
            if url in seen or not keep_listed(item, self.window, src.timezone):
                continue
            seen.add(url)
            urls.append(url)
            if src.max_pages and len(urls) >= src.max_pages:
                break
        return urls

    async def _listing(self, fetcher: Fetcher, url: str) -> bytes:
        try:
            page = await fetcher.fetch(url, html_only=False, limit=LISTING_LIMIT)
        except FetchError as exc:
            raise SourceFailedError(f"{strip_userinfo(url)}: {exc.reason}: {exc.detail}") from None
        return page.body

    async def _sitemaps(self, fetcher: Fetcher) -> list[Listed]:
        """Walk a sitemap or sitemap index (breadth first, bounded) and return its pages."""
        src = self.source
        assert src.url is not None
        todo: deque[str] = deque([src.url])
        seen = {src.url}
        pages: list[Listed] = []
        failures: list[str] = []
        done = 0
        while todo and done < self.settings.max_sitemaps:
            url = todo.popleft()
            done += 1
            try:
                sitemap = parse_sitemap(await self._listing(fetcher, url), url, src.timezone)
            except (SourceFailedError, FetchError) as exc:
                if url == src.url:
                    raise SourceFailedError(str(exc)) from None
                failures.append(str(exc))
                log.warning("sitemap of %s skipped: %s", src.name, fetcher.clean(str(exc)))
                continue
            for child in sitemap.children:
                if child.url not in seen and keep_listed(child, self.window, src.timezone):
                    seen.add(child.url)
                    todo.append(child.url)
            pages.extend(sitemap.pages)
        if failures and not pages:
            raise SourceFailedError(f"every child sitemap failed: {failures[0]}")
        return pages
