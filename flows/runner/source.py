"""Ingest one source: discover pages, skip unchanged ones, extract in the pool, commit in batches."""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC

from extractors.exceptions import StorageError
from extractors.pipeline import reject_page
from extractors.rows import EXTRACTOR_VERSION, Article, Page, PageResult, make_reject_id
from extractors.simindex import mark_batch
from flows.config import SourceConfig
from flows.runner.boilerplate import BoilerplateStep
from flows.runner.pool import PagePool
from flows.sources import Candidate, Discover, SourceStats, Window
from storage.state import LISTING, LISTING_FAILED, PageState, make_page_key
from storage.store import Store

COMMIT_PAGES = int(os.environ.get("RADAR_COMMIT_PAGES", "200"))
COMMIT_SECONDS = 30.0
log = logging.getLogger("policy_radar.ingest")


class SourceIngest:
    """One source's ingest: the loop behind the ``ingest_source`` task."""

    def __init__(
        self,
        source: SourceConfig,
        store: Store,
        pool: PagePool,
        window: Window,
        *,
        reextract: bool = False,
        on_page: Callable[[int], None] | None = None,
    ) -> None:
        self.source = source
        self.store = store
        self.pool = pool
        self.window = window
        self.reextract = reextract
        self.on_page = on_page or (lambda n: None)
        self.stats = SourceStats(source.name, source.kind)
        self._listings: list[PageState] = []
        self._boiler: BoilerplateStep | None = None

    def run(self, discover: Discover) -> SourceStats:
        """Run the whole source and return its counters."""
        states = self.store.page_states(self.source.name)
        self._boiler = BoilerplateStep(self.store, self.source.name, states, self._stored_page)
        candidates = (
            self._from_raw(states)
            if self.reextract
            else discover(self.source, states, self.window, self.stats, self.store.raw)
        )
        meta: dict[str, Candidate] = {}
        pending: list[PageResult] = []
        started = time.monotonic()
        for result in self.pool.map(self._pages(candidates, states, meta, pending)):
            pending.append(result)
            self.on_page(1)
            if len(pending) >= COMMIT_PAGES or time.monotonic() - started > COMMIT_SECONDS:
                batch = pending[:]
                pending.clear()
                self._commit(batch, meta)
                started = time.monotonic()
        self._commit(pending, meta)
        # Pages whose stripping changed since their commit: extracted again in the same pool.
        fixed = self._boiler.fix_ups(list(self.pool.map(self._boiler.fix_up_pages())))
        if fixed:
            log.info(
                "%s: %d articles stripped again (boilerplate learned later in the run)",
                self.source.name,
                len(fixed),
            )
            self.store.commit_results(fixed, [], mark=mark_batch)
        return self.stats

    def _stored_page(self, state: PageState, body: bytes) -> Page:
        cand = Candidate(
            state.locator, fetched_at=state.fetched_at, content_type=state.content_type
        )
        return self._page(cand, body, state.raw_hash or "")

    def _in_window(self, article: Article) -> bool:
        day = (article.published_at or article.fetched_at).astimezone(UTC).date()
        return self.window.contains(day)

    def _from_raw(self, states: dict[str, PageState]) -> Iterator[Candidate]:
        """Yield every stored page of the source again, from the raw store (no network)."""
        pages = {k: s for k, s in states.items() if s.outcome not in (LISTING, LISTING_FAILED)}
        self.stats.discovered = len(pages)
        for locator, state in sorted(pages.items()):
            if not state.raw_hash:
                continue
            if state.outcome in ("article", "out_of_range"):
                day = (state.published_at or state.fetched_at).astimezone(UTC).date()
                if not self.window.contains(day):
                    continue
            try:
                body = self.store.raw.get(state.raw_hash)
            except StorageError as exc:
                yield Candidate(locator, reason="raw_missing", detail=str(exc))
                continue
            yield Candidate(
                locator,
                body=body,
                fetched_at=state.fetched_at,
                content_type=state.content_type,
                etag=state.etag,
                last_modified=state.last_modified,
            )

    def _pages(
        self,
        candidates: Iterator[Candidate],
        states: dict[str, PageState],
        meta: dict[str, Candidate],
        pending: list[PageResult],
    ) -> Iterator[Page]:
        """Turn candidates into pages to extract; record skips and failures on the way."""
        for cand in candidates:
            if cand.listing:
                if cand.body is not None:
                    self.store.raw.put(cand.body)
                if cand.listing_state is not None:
                    self._listings.append(cand.listing_state)
                if cand.reason is None:
                    continue
            state = states.get(cand.locator)
            if cand.reason is not None:
                page = self._page(cand, b"", "")
                pending.append(
                    PageResult(
                        page, reject=reject_page(page, cand.reason, cand.detail, cand.fetched_at)
                    )
                )
                self.on_page(1)
                continue
            body = cand.body
            if cand.not_modified:
                if state is None or not state.raw_hash or self._is_current(state, state.raw_hash):
                    self.stats.not_modified += 1  # counted once: skipped, not also extracted
                    self.on_page(1)
                    continue
                body = self.store.raw.get(state.raw_hash)
                cand = dataclasses.replace(
                    cand, fetched_at=state.fetched_at, content_type=state.content_type
                )
            assert body is not None
            raw_hash = self.store.raw.put(body)
            if not self.reextract and state is not None and self._is_current(state, raw_hash):
                self.stats.not_modified += 1
                self.on_page(1)
                continue
            meta[cand.locator] = cand
            self.stats.extracted += 1
            yield self._page(cand, body, raw_hash)

    def _is_current(self, state: PageState, raw_hash: str) -> bool:
        """Return True when the stored outcome for these bytes needs no new extraction."""
        if state.raw_hash != raw_hash or state.extractor_version != EXTRACTOR_VERSION:
            return False
        if state.outcome != "out_of_range":
            return True
        day = (state.published_at or state.fetched_at).astimezone(UTC).date()
        return not self.window.contains(day)

    def _page(self, cand: Candidate, body: bytes, raw_hash: str) -> Page:
        remote = self.source.kind != "directory"
        return Page(
            source=self.source.name,
            body=body,
            fetched_at=cand.fetched_at,
            path=None if remote else cand.locator,
            url=cand.locator if remote else None,
            content_type=cand.content_type,
            timezone=self.source.timezone,
            language=self.source.language,
            raw_hash=raw_hash,
        )

    def _commit(self, results: list[PageResult], meta: dict[str, Candidate]) -> None:
        """Filter by window, then commit rows and state together (the store marks near-duplicates)."""
        if not results and not self._listings:
            return
        if self._boiler is not None:
            probes = self._boiler.probe_pages(results, self._in_window)
            probed = list(self.pool.map(probes)) if probes else []
            results = self._boiler.apply(results, self._in_window, probed)
        kept: list[PageResult] = []
        states: list[PageState] = []
        for result in results:
            page = result.page
            cand = meta.pop(page.locator, None)
            if result.warning:
                log.warning(result.warning)
            if result.signal_error:
                log.error(result.signal_error)
                self.stats.signal_errors += 1
            outcome, published = "reject", None
            if result.article is not None:
                article = result.article
                published = article.published_at
                day = (published or article.fetched_at).astimezone(UTC).date()
                if not self.window.contains(day):
                    self.stats.out_of_range += 1
                    outcome = "out_of_range"
                else:
                    outcome = "article"  # near_duplicate_of is set by the store's commit
                    kept.append(result)
            else:
                assert result.reject is not None
                self.stats.rejects[result.reject.reason] += 1
                kept.append(result)
            if cand is not None and page.raw_hash:
                states.append(
                    PageState(
                        page_key=make_page_key(page.source, page.locator),
                        source=page.source,
                        locator=page.locator,
                        raw_hash=page.raw_hash,
                        content_type=cand.content_type,
                        etag=cand.etag,
                        last_modified=cand.last_modified,
                        fetched_at=page.fetched_at,
                        extractor_version=EXTRACTOR_VERSION,
                        outcome=outcome,
                        article_id=result.article.article_id if result.article else None,
                        published_at=published,
                    )
                )
        listings, self._listings = self._listings, []
        readable = [make_reject_id(s.source, s.locator) for s in listings if s.outcome == LISTING]
        done = self.store.commit_results(kept, states + listings, readable, mark=mark_batch)
        if "articles" in done:
            self.stats.new_articles += done["articles"].added - done["articles"].replaced_groups
            self.stats.updated_articles += done["articles"].replaced_groups
        if "signals" in done:
            self.stats.new_signals += done["signals"].new_keys  # not one stored before
